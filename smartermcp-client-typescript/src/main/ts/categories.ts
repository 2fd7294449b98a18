import type { Calls } from './calls.js';
import {
  AnalyticsApi, AuthApi, BotsApi, CodegenApi, CrmApi, DocumentationApi, InfrastructureApi, ServicesApi, SupportApi,
  TenantsApi, WorkflowsApi,
} from './generated/apis/index.js';
import type * as m from './generated/models/index.js';

/*
 * One small class per category, as in the Java facade: each method takes the tool's generated input
 * model (camelCase; every field optional unless the tool requires it) and returns its generated output.
 */

/** services_*: the tenant's registered services. */
export class ServicesClient {
  constructor(private readonly api: ServicesApi, private readonly calls: Calls) {}

  list(input: m.ServicesListInput = {}): Promise<m.ServicesListOutput> {
    return this.calls.tool('services_list', (init) => this.api.servicesList({ servicesListInput: input }, init));
  }

  health(input: m.ServicesHealthInput = {}): Promise<m.ServicesHealthOutput> {
    return this.calls.tool('services_health', (init) => this.api.servicesHealth({ servicesHealthInput: input }, init));
  }

  deploy(input: m.ServicesDeployInput): Promise<m.ServicesDeployOutput> {
    return this.calls.tool('services_deploy', (init) => this.api.servicesDeploy({ servicesDeployInput: input }, init));
  }

  restart(input: m.ServicesRestartInput): Promise<m.ServicesRestartOutput> {
    return this.calls.tool('services_restart', (init) => this.api.servicesRestart({ servicesRestartInput: input }, init));
  }

  logs(input: m.ServicesLogsInput): Promise<m.ServicesLogsOutput> {
    return this.calls.tool('services_logs', (init) => this.api.servicesLogs({ servicesLogsInput: input }, init));
  }
}

/** workflows_*: n8n workflows. */
export class WorkflowsClient {
  constructor(private readonly api: WorkflowsApi, private readonly calls: Calls) {}

  list(input: m.WorkflowsListInput = {}): Promise<m.WorkflowsListOutput> {
    return this.calls.tool('workflows_list', (init) => this.api.workflowsList({ workflowsListInput: input }, init));
  }

  trigger(input: m.WorkflowsTriggerInput): Promise<m.WorkflowsTriggerOutput> {
    return this.calls.tool('workflows_trigger', (init) => this.api.workflowsTrigger({ workflowsTriggerInput: input }, init));
  }

  status(input: m.WorkflowsStatusInput): Promise<m.WorkflowsStatusOutput> {
    return this.calls.tool('workflows_status', (init) => this.api.workflowsStatus({ workflowsStatusInput: input }, init));
  }

  create(input: m.WorkflowsCreateInput): Promise<m.WorkflowsCreateOutput> {
    return this.calls.tool('workflows_create', (init) => this.api.workflowsCreate({ workflowsCreateInput: input }, init));
  }
}

/** analytics_*: Metabase KPIs, dashboards, reports. */
export class AnalyticsClient {
  constructor(private readonly api: AnalyticsApi, private readonly calls: Calls) {}

  kpis(input: m.AnalyticsKpisInput = {}): Promise<m.AnalyticsKpisOutput> {
    return this.calls.tool('analytics_kpis', (init) => this.api.analyticsKpis({ analyticsKpisInput: input }, init));
  }

  dashboards(): Promise<m.AnalyticsDashboardsOutput> {
    return this.calls.tool('analytics_dashboards', (init) => this.api.analyticsDashboards({ body: {} }, init));
  }

  reports(input: m.AnalyticsReportsInput): Promise<m.AnalyticsReportsOutput> {
    return this.calls.tool('analytics_reports', (init) => this.api.analyticsReports({ analyticsReportsInput: input }, init));
  }
}

/** crm_contacts_*: Odoo contacts. */
export class CrmContactsClient {
  constructor(private readonly api: CrmApi, private readonly calls: Calls) {}

  list(input: m.CrmContactsListInput = {}): Promise<m.ContactsPage> {
    return this.calls.tool('crm_contacts_list', (init) => this.api.crmContactsList({ crmContactsListInput: input }, init));
  }

  search(input: m.CrmContactsSearchInput): Promise<m.ContactsPage> {
    return this.calls.tool('crm_contacts_search', (init) => this.api.crmContactsSearch({ crmContactsSearchInput: input }, init));
  }

  upsert(input: m.CrmContactsUpsertInput): Promise<m.CrmContactsUpsertOutput> {
    return this.calls.tool('crm_contacts_upsert', (init) => this.api.crmContactsUpsert({ crmContactsUpsertInput: input }, init));
  }
}

/** crm_*: Odoo contacts, opportunities, pipeline. */
export class CrmClient {
  readonly contacts: CrmContactsClient;

  constructor(private readonly api: CrmApi, private readonly calls: Calls) {
    this.contacts = new CrmContactsClient(api, calls);
  }

  opportunities(input: m.CrmOpportunitiesListInput = {}): Promise<m.CrmOpportunitiesListOutput> {
    return this.calls.tool('crm_opportunities_list',
      (init) => this.api.crmOpportunitiesList({ crmOpportunitiesListInput: input }, init));
  }

  pipeline(): Promise<m.CrmPipelineStatusOutput> {
    return this.calls.tool('crm_pipeline_status', (init) => this.api.crmPipelineStatus({ body: {} }, init));
  }
}

/** support_*: Chatwoot conversations, agents, metrics. */
export class SupportClient {
  constructor(private readonly api: SupportApi, private readonly calls: Calls) {}

  conversations(input: m.SupportConversationsListInput = {}): Promise<m.ConversationsPage> {
    return this.calls.tool('support_conversations_list',
      (init) => this.api.supportConversationsList({ supportConversationsListInput: input }, init));
  }

  searchConversations(input: m.SupportConversationsSearchInput): Promise<m.SupportConversationsSearchOutput> {
    return this.calls.tool('support_conversations_search',
      (init) => this.api.supportConversationsSearch({ supportConversationsSearchInput: input }, init));
  }

  agents(): Promise<m.SupportAgentsStatusOutput> {
    return this.calls.tool('support_agents_status', (init) => this.api.supportAgentsStatus({ body: {} }, init));
  }

  metrics(input: m.SupportMetricsInput = {}): Promise<m.SupportMetricsOutput> {
    return this.calls.tool('support_metrics', (init) => this.api.supportMetrics({ supportMetricsInput: input }, init));
  }
}

/** bots_*: Botpress bots. */
export class BotsClient {
  constructor(private readonly api: BotsApi, private readonly calls: Calls) {}

  list(input: m.BotsListInput = {}): Promise<m.BotsListOutput> {
    return this.calls.tool('bots_list', (init) => this.api.botsList({ botsListInput: input }, init));
  }

  conversations(input: m.BotsConversationsInput): Promise<m.BotsConversationsOutput> {
    return this.calls.tool('bots_conversations', (init) => this.api.botsConversations({ botsConversationsInput: input }, init));
  }

  analytics(input: m.BotsAnalyticsInput): Promise<m.BotsAnalyticsOutput> {
    return this.calls.tool('bots_analytics', (init) => this.api.botsAnalytics({ botsAnalyticsInput: input }, init));
  }

  deploy(input: m.BotsDeployInput): Promise<m.BotsDeployOutput> {
    return this.calls.tool('bots_deploy', (init) => this.api.botsDeploy({ botsDeployInput: input }, init));
  }
}

/** infra_* and containers_*: Docker hosts. */
export class InfrastructureClient {
  constructor(private readonly api: InfrastructureApi, private readonly calls: Calls) {}

  status(): Promise<m.InfraStatusOutput> {
    return this.calls.tool('infra_status', (init) => this.api.infraStatus({ body: {} }, init));
  }

  metrics(input: m.InfraMetricsInput = {}): Promise<m.InfraMetricsOutput> {
    return this.calls.tool('infra_metrics', (init) => this.api.infraMetrics({ infraMetricsInput: input }, init));
  }

  containers(input: m.ContainersListInput = {}): Promise<m.ContainersListOutput> {
    return this.calls.tool('containers_list', (init) => this.api.containersList({ containersListInput: input }, init));
  }

  restartContainer(input: m.ContainersRestartInput): Promise<m.ContainersRestartOutput> {
    return this.calls.tool('containers_restart', (init) => this.api.containersRestart({ containersRestartInput: input }, init));
  }
}

/** docs_*: service docs, backend APIs, database schemas. */
export class DocumentationClient {
  constructor(private readonly api: DocumentationApi, private readonly calls: Calls) {}

  service(input: m.DocsServicesInput): Promise<m.DocsServicesOutput> {
    return this.calls.tool('docs_services', (init) => this.api.docsServices({ docsServicesInput: input }, init));
  }

  apis(input: m.DocsApisInput): Promise<m.DocsApisOutput> {
    return this.calls.tool('docs_apis', (init) => this.api.docsApis({ docsApisInput: input }, init));
  }

  schemas(input: m.DocsSchemasInput): Promise<m.DocsSchemasOutput> {
    return this.calls.tool('docs_schemas', (init) => this.api.docsSchemas({ docsSchemasInput: input }, init));
  }
}

/** generate_*: n8n workflows, Botpress skills, API clients. */
export class CodegenClient {
  constructor(private readonly api: CodegenApi, private readonly calls: Calls) {}

  n8nWorkflow(input: m.GenerateN8nWorkflowInput): Promise<m.GenerateN8nWorkflowOutput> {
    return this.calls.tool('generate_n8n_workflow', (init) => this.api.generateN8nWorkflow({ generateN8nWorkflowInput: input }, init));
  }

  botpressSkill(input: m.GenerateBotpressSkillInput): Promise<m.GenerateBotpressSkillOutput> {
    return this.calls.tool('generate_botpress_skill',
      (init) => this.api.generateBotpressSkill({ generateBotpressSkillInput: input }, init));
  }

  apiClient(input: m.GenerateApiClientInput): Promise<m.GenerateApiClientOutput> {
    return this.calls.tool('generate_api_client', (init) => this.api.generateApiClient({ generateApiClientInput: input }, init));
  }
}

/** Tokens and tenants; needs a token with `admin:tenants`. */
export class AdminClient {
  constructor(private readonly auth: AuthApi, private readonly tenantsApi: TenantsApi, private readonly calls: Calls) {}

  /** Issues a token; give `scopes` or a `profile`. The token is in the answer only. */
  issueToken(request: m.IssueTokenRequest): Promise<m.IssuedToken> {
    return this.calls.endpoint('issueToken', false, (init) => this.auth.issueToken({ issueTokenRequest: request }, init));
  }

  tokens(): Promise<m.TokenList> {
    return this.calls.endpoint('listTokens', true, (init) => this.auth.listTokens(init));
  }

  revokeToken(id: string): Promise<void> {
    return this.calls.endpoint('revokeToken', false, (init) => this.auth.revokeToken({ id }, init));
  }

  createTenant(request: m.CreateTenantRequest): Promise<m.Tenant> {
    return this.calls.endpoint('createTenant', false, (init) => this.tenantsApi.createTenant({ createTenantRequest: request }, init));
  }

  tenants(): Promise<m.TenantList> {
    return this.calls.endpoint('listTenants', true, (init) => this.tenantsApi.listTenants(init));
  }
}
