import { Calls } from './calls.js';
import {
  AdminClient, AnalyticsClient, BotsClient, CodegenClient, CrmClient, DocumentationClient, InfrastructureClient,
  ServicesClient, SupportClient, WorkflowsClient,
} from './categories.js';
import {
  AnalyticsApi, AuthApi, BotsApi, CodegenApi, CrmApi, DocumentationApi, HealthApi, InfrastructureApi, ServicesApi,
  SupportApi, TenantsApi, ToolsApi, WorkflowsApi,
} from './generated/apis/index.js';
import type { Health, ToolList } from './generated/models/index.js';
import { Configuration, type FetchAPI } from './generated/runtime.js';

/** Sent as `User-Agent`. */
export const USER_AGENT = 'smartermcp-client-typescript/0.1.0';

export interface SmarterMCPOptions {
  /** An `smcp_...` token; required. */
  apiToken: string;
  /** Sent as `X-Tenant-ID`, for a token allowed several tenants. */
  tenantId?: string;
  /** Default `http://localhost:8080`. */
  baseUrl?: string;
  /** How long one call may wait for the whole answer; default 30 000 ms. */
  timeoutMs?: number;
  /** Whether a READ answered with 429 is called again after Retry-After; writes never are. Default false. */
  retryRateLimited?: boolean;
  /** Default 3. */
  maxRetries?: number;
  /** A Retry-After longer than this is not waited for: the RateLimitedError is thrown. Default 60 000 ms. */
  maxRetryWaitMs?: number;
  /** Another fetch (a proxy agent's, a test's); default the global fetch of Node 18+. */
  fetch?: FetchAPI;
}

const HEADER_SAFE = /^[\x21-\x7e]+$/;

/**
 * The SmarterMCP client. Make one per token and share it.
 *
 * ```ts
 * const client = new SmarterMCP({ apiToken: process.env.SMARTERMCP_API_TOKEN!, baseUrl: 'http://localhost:8080' });
 * const backends = await client.services.list({ filter: 'backend' });
 * ```
 *
 * Every failure is a {@link SmarterMcpError} subclass (see errors.ts).
 */
export class SmarterMCP {
  /** services_*: the tenant's registered services. */
  readonly services: ServicesClient;
  /** workflows_*: n8n workflows. */
  readonly workflows: WorkflowsClient;
  /** analytics_*: Metabase KPIs, dashboards, reports. */
  readonly analytics: AnalyticsClient;
  /** crm_*: Odoo contacts, opportunities, pipeline. */
  readonly crm: CrmClient;
  /** support_*: Chatwoot conversations, agents, metrics. */
  readonly support: SupportClient;
  /** bots_*: Botpress bots. */
  readonly bots: BotsClient;
  /** infra_* and containers_*: Docker hosts. */
  readonly infrastructure: InfrastructureClient;
  /** docs_*: service docs, backend APIs, database schemas. */
  readonly documentation: DocumentationClient;
  /** generate_*: n8n workflows, Botpress skills, API clients. */
  readonly codegen: CodegenClient;
  /** Tokens and tenants (admin:tenants). */
  readonly admin: AdminClient;

  private readonly calls: Calls;
  private readonly toolsApi: ToolsApi;
  private readonly healthApi: HealthApi;

  constructor(options: SmarterMCPOptions) {
    const { apiToken, tenantId } = options ?? ({} as SmarterMCPOptions);
    if (!apiToken) {
      throw new TypeError('apiToken is required (an smcp_... token; SmarterMCP.fromEnvironment() reads SMARTERMCP_API_TOKEN)');
    }
    if (!HEADER_SAFE.test(apiToken)) {
      // never echo the token itself
      throw new TypeError('apiToken contains characters that cannot go in a header');
    }
    if (tenantId !== undefined && !HEADER_SAFE.test(tenantId)) {
      throw new TypeError(`tenantId '${tenantId}' cannot go in a header`);
    }
    const baseUrl = (options.baseUrl ?? 'http://localhost:8080').replace(/\/+$/, '');
    let url: URL;
    try {
      url = new URL(baseUrl);
    } catch {
      throw new TypeError(`baseUrl must be an http(s) URL, got '${baseUrl}'`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new TypeError(`baseUrl must be an http(s) URL, got '${baseUrl}'`);
    }
    const timeoutMs = positive('timeoutMs', options.timeoutMs ?? 30_000);
    const maxRetryWaitMs = positive('maxRetryWaitMs', options.maxRetryWaitMs ?? 60_000);
    const maxRetries = options.maxRetries ?? 3;
    if (!Number.isInteger(maxRetries) || maxRetries < 0) {
      throw new TypeError(`maxRetries must be 0 or more, got ${maxRetries}`);
    }
    const configuration = new Configuration({
      basePath: baseUrl,
      accessToken: apiToken,
      headers: { 'User-Agent': USER_AGENT, ...(tenantId !== undefined ? { 'X-Tenant-ID': tenantId } : {}) },
      fetchApi: options.fetch,
    });
    this.calls = new Calls({ timeoutMs, retryRateLimited: options.retryRateLimited ?? false, maxRetries, maxRetryWaitMs });
    const crm = new CrmApi(configuration);
    this.services = new ServicesClient(new ServicesApi(configuration), this.calls);
    this.workflows = new WorkflowsClient(new WorkflowsApi(configuration), this.calls);
    this.analytics = new AnalyticsClient(new AnalyticsApi(configuration), this.calls);
    this.crm = new CrmClient(crm, this.calls);
    this.support = new SupportClient(new SupportApi(configuration), this.calls);
    this.bots = new BotsClient(new BotsApi(configuration), this.calls);
    this.infrastructure = new InfrastructureClient(new InfrastructureApi(configuration), this.calls);
    this.documentation = new DocumentationClient(new DocumentationApi(configuration), this.calls);
    this.codegen = new CodegenClient(new CodegenApi(configuration), this.calls);
    this.admin = new AdminClient(new AuthApi(configuration), new TenantsApi(configuration), this.calls);
    this.toolsApi = new ToolsApi(configuration);
    this.healthApi = new HealthApi(configuration);
  }

  /**
   * Reads `SMARTERMCP_API_TOKEN`, `SMARTERMCP_URL` and `SMARTERMCP_TENANT_ID` (the names the MCP client
   * configurations use too); `overrides` win.
   */
  static fromEnvironment(overrides: Partial<SmarterMCPOptions> = {}, env: Record<string, string | undefined> = processEnv()): SmarterMCP {
    return new SmarterMCP({
      apiToken: env.SMARTERMCP_API_TOKEN ?? '',
      ...(env.SMARTERMCP_URL ? { baseUrl: env.SMARTERMCP_URL } : {}),
      ...(env.SMARTERMCP_TENANT_ID ? { tenantId: env.SMARTERMCP_TENANT_ID } : {}),
      ...overrides,
    });
  }

  /** The tools this client's token may call and its tenant can serve (GET /tools). */
  tools(): Promise<ToolList> {
    return this.calls.endpoint('listTools', true, (init) => this.toolsApi.listTools({}, init));
  }

  /** Every tool of the catalog, those the tenant cannot serve marked unavailable with the reason (GET /tools?all=true). */
  allTools(): Promise<ToolList> {
    return this.calls.endpoint('listTools', true, (init) => this.toolsApi.listTools({ all: true }, init));
  }

  /** The server's health (GET /health, needs no scope). */
  health(): Promise<Health> {
    return this.calls.endpoint('getHealth', true, (init) => this.healthApi.getHealth(init));
  }
}

/** Node's environment, without depending on @types/node. */
function processEnv(): Record<string, string | undefined> {
  return (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env ?? {};
}

function positive(name: string, value: number): number {
  if (!(Number.isFinite(value) && value > 0)) {
    throw new TypeError(`${name} must be a positive number of milliseconds, got ${value}`);
  }
  return value;
}
