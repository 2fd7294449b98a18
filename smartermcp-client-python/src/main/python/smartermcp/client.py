"""The hand-written facade, shaped like the Java and TypeScript SDKs': ``client.services.list(filter="backend")``,
``client.crm.contacts.search(query=...)``. Every method takes the tool's arguments as keywords (the names of
the REST API, snake_case) and returns the tool's generated output model."""
import os
import re
from typing import Any, Dict, List, Optional, Union
from urllib.parse import urlparse

from . import _generated as m
from ._calls import Calls

_HEADER_SAFE = re.compile(r"^[\x21-\x7e]+$")


class _Category:
    def __init__(self, calls: Calls):
        self._calls = calls


class ServicesClient(_Category):
    """services_*: the tenant's registered services."""

    def list(self, *, filter: Union[str, m.ServicesListFilter, None] = None) -> m.ServicesListOutput:
        return self._calls.call("servicesList", filter=filter)

    def health(self, *, service_id: Optional[str] = None) -> m.ServicesHealthOutput:
        return self._calls.call("servicesHealth", service_id=service_id)

    def deploy(self, *, service_id: str, version: Optional[str] = None, force: Optional[bool] = None) -> m.ServicesDeployOutput:
        return self._calls.call("servicesDeploy", service_id=service_id, version=version, force=force)

    def restart(self, *, service_id: str) -> m.ServicesRestartOutput:
        return self._calls.call("servicesRestart", service_id=service_id)

    def logs(self, *, service_id: str, lines: Optional[int] = None, follow: Optional[bool] = None) -> m.ServicesLogsOutput:
        return self._calls.call("servicesLogs", service_id=service_id, lines=lines, follow=follow)


class WorkflowsClient(_Category):
    """workflows_*: n8n workflows."""

    def list(self, *, active: Optional[bool] = None, tags: Optional[List[str]] = None) -> m.WorkflowsListOutput:
        return self._calls.call("workflowsList", active=active, tags=tags)

    def trigger(self, *, workflow_id: str, input_data: Optional[Dict[str, Any]] = None) -> m.WorkflowsTriggerOutput:
        return self._calls.call("workflowsTrigger", workflow_id=workflow_id, input_data=input_data)

    def status(self, *, execution_id: str) -> m.WorkflowsStatusOutput:
        return self._calls.call("workflowsStatus", execution_id=execution_id)

    def create(self, *, name: str, workflow_json: Dict[str, Any], tags: Optional[List[str]] = None,
               activate: Optional[bool] = None) -> m.WorkflowsCreateOutput:
        return self._calls.call("workflowsCreate", name=name, workflow_json=workflow_json, tags=tags, activate=activate)


class AnalyticsClient(_Category):
    """analytics_*: Metabase KPIs, dashboards, reports."""

    def kpis(self, *, kpis: Optional[List[str]] = None) -> m.AnalyticsKpisOutput:
        return self._calls.call("analyticsKpis", kpis=kpis)

    def dashboards(self) -> m.AnalyticsDashboardsOutput:
        return self._calls.call("analyticsDashboards")

    def reports(self, *, query: str, format: Union[str, m.AnalyticsReportsFormat, None] = None, limit: Optional[int] = None) -> m.AnalyticsReportsOutput:
        return self._calls.call("analyticsReports", query=query, format=format, limit=limit)


class CrmContactsClient(_Category):
    """crm_contacts_*: Odoo contacts."""

    def list(self, *, limit: Optional[int] = None, filter: Optional[Union[m.ContactFilter, Dict[str, Any]]] = None,
             cursor: Optional[str] = None) -> m.ContactsPage:
        return self._calls.call("crmContactsList", limit=limit, filter=filter, cursor=cursor)

    def search(self, *, query: str) -> m.ContactsPage:
        return self._calls.call("crmContactsSearch", query=query)

    def upsert(self, *, contact: Union[m.CrmContactsUpsertFields, Dict[str, Any]], id: Optional[int] = None) -> m.CrmContactsUpsertOutput:
        return self._calls.call("crmContactsUpsert", contact=contact, id=id)


class CrmClient(_Category):
    """crm_*: Odoo contacts, opportunities, pipeline."""

    def __init__(self, calls: Calls):
        super().__init__(calls)
        self.contacts = CrmContactsClient(calls)

    def opportunities(self, *, stage: Optional[str] = None, limit: Optional[int] = None,
                      cursor: Optional[str] = None) -> m.CrmOpportunitiesListOutput:
        return self._calls.call("crmOpportunitiesList", stage=stage, limit=limit, cursor=cursor)

    def pipeline(self) -> m.CrmPipelineStatusOutput:
        return self._calls.call("crmPipelineStatus")


class SupportClient(_Category):
    """support_*: Chatwoot conversations, agents, metrics."""

    def conversations(self, *, status: Union[str, m.SupportConversationsListStatus, None] = None, assignee: Optional[str] = None, limit: Optional[int] = None,
                      cursor: Optional[str] = None) -> m.ConversationsPage:
        return self._calls.call("supportConversationsList", status=status, assignee=assignee, limit=limit, cursor=cursor)

    def search_conversations(self, *, query: str) -> m.SupportConversationsSearchOutput:
        return self._calls.call("supportConversationsSearch", query=query)

    def agents(self) -> m.SupportAgentsStatusOutput:
        return self._calls.call("supportAgentsStatus")

    def metrics(self, *, period: Union[str, m.Period, None] = None) -> m.SupportMetricsOutput:
        return self._calls.call("supportMetrics", period=period)


class BotsClient(_Category):
    """bots_*: Botpress bots."""

    def list(self, *, cursor: Optional[str] = None) -> m.BotsListOutput:
        return self._calls.call("botsList", cursor=cursor)

    def conversations(self, *, bot_id: str, limit: Optional[int] = None, last_messages: Optional[int] = None,
                      cursor: Optional[str] = None) -> m.BotsConversationsOutput:
        return self._calls.call("botsConversations", bot_id=bot_id, limit=limit, last_messages=last_messages, cursor=cursor)

    def analytics(self, *, bot_id: str, period: Union[str, m.BotsPeriod, None] = None, from_: Optional[Any] = None,
                  to: Optional[Any] = None) -> m.BotsAnalyticsOutput:
        return self._calls.call("botsAnalytics", bot_id=bot_id, period=period, from_=from_, to=to)

    def deploy(self, *, bot_id: str, version: Optional[str] = None, force: Optional[bool] = None) -> m.BotsDeployOutput:
        return self._calls.call("botsDeploy", bot_id=bot_id, version=version, force=force)


class InfrastructureClient(_Category):
    """infra_* and containers_*: Docker hosts."""

    def status(self) -> m.InfraStatusOutput:
        return self._calls.call("infraStatus")

    def metrics(self, *, metric: Union[str, m.InfraMetricsMetric, None] = None, period: Optional[str] = None) -> m.InfraMetricsOutput:
        return self._calls.call("infraMetrics", metric=metric, period=period)

    def containers(self, *, filter: Union[str, m.ContainersListFilter, None] = None) -> m.ContainersListOutput:
        return self._calls.call("containersList", filter=filter)

    def restart_container(self, *, container_id: str) -> m.ContainersRestartOutput:
        return self._calls.call("containersRestart", container_id=container_id)


class DocumentationClient(_Category):
    """docs_*: service docs, backend APIs, database schemas."""

    def service(self, *, service_id: str) -> m.DocsServicesOutput:
        return self._calls.call("docsServices", service_id=service_id)

    def apis(self, *, service_id: str, page: Optional[int] = None, page_size: Optional[int] = None) -> m.DocsApisOutput:
        return self._calls.call("docsApis", service_id=service_id, page=page, page_size=page_size)

    def schemas(self, *, database: Optional[str] = None, schema: Optional[str] = None, page: Optional[int] = None,
                page_size: Optional[int] = None) -> m.DocsSchemasOutput:
        """The schema to describe, named schema or database (the same argument; give one)."""
        return self._calls.call("docsSchemas", database=database, schema=schema, page=page, page_size=page_size)


class CodegenClient(_Category):
    """generate_*: n8n workflows, Botpress skills, API clients."""

    def n8n_workflow(self, *, description: str, services: Optional[List[str]] = None) -> m.GenerateN8nWorkflowOutput:
        return self._calls.call("generateN8nWorkflow", description=description, services=services)

    def botpress_skill(self, *, description: str) -> m.GenerateBotpressSkillOutput:
        return self._calls.call("generateBotpressSkill", description=description)

    def api_client(self, *, service_id: str, language: Union[str, m.GenerateApiClientLanguage, None] = None) -> m.GenerateApiClientOutput:
        return self._calls.call("generateApiClient", service_id=service_id, language=language)


class AdminClient(_Category):
    """Tokens and tenants; needs a token with ``admin:tenants``."""

    def issue_token(self, *, name: str, scopes: Optional[List[str]] = None, profile: Optional[str] = None,
                    expires_at: Optional[Any] = None, tenant_id: Optional[str] = None) -> m.IssuedToken:
        """Issues a token; give ``scopes`` or a ``profile``. The token is in the answer only."""
        return self._calls.call("issueToken", name=name, scopes=scopes, profile=profile, expires_at=expires_at,
                                tenant_id=tenant_id)

    def tokens(self) -> m.TokenList:
        return self._calls.call("listTokens")

    def revoke_token(self, id: str) -> None:
        self._calls.call("revokeToken", path_parameters={"id": id})

    def create_tenant(self, *, id: str, name: str) -> m.Tenant:
        return self._calls.call("createTenant", id=id, name=name)

    def tenants(self) -> m.TenantList:
        return self._calls.call("listTenants")


class SmarterMCP:
    """The SmarterMCP client. Make one per token and share it.

    ``api_token`` is required; ``tenant_id`` is sent as ``X-Tenant-ID``; ``base_url`` defaults to
    ``http://localhost:8080``; ``timeout`` (seconds, default 30) bounds connecting and each read;
    ``retry_rate_limited`` calls a READ answered 429 again after ``Retry-After`` (at most ``max_retries`` times,
    each wait at most ``max_retry_wait`` seconds); writes never are.
    """

    def __init__(self, api_token: str, tenant_id: Optional[str] = None, base_url: str = "http://localhost:8080",
                 timeout: float = 30.0, retry_rate_limited: bool = False, max_retries: int = 3,
                 max_retry_wait: float = 60.0):
        if not api_token:
            raise ValueError("api_token is required (an smcp_... token; SmarterMCP.from_environment() reads "
                             "SMARTERMCP_API_TOKEN)")
        if not _HEADER_SAFE.match(api_token):
            # never echo the token itself
            raise ValueError("api_token contains characters that cannot go in a header")
        if tenant_id is not None and not _HEADER_SAFE.match(tenant_id):
            raise ValueError(f"tenant_id '{tenant_id}' cannot go in a header")
        base_url = (base_url or "").rstrip("/")
        parsed = urlparse(base_url)
        if parsed.scheme not in ("http", "https") or not parsed.hostname:
            raise ValueError(f"base_url must be an http(s) URL, got '{base_url}'")
        if not timeout > 0 or not max_retry_wait > 0:
            raise ValueError("timeout and max_retry_wait must be positive numbers of seconds")
        if max_retries < 0:
            raise ValueError(f"max_retries must be 0 or more, got {max_retries}")
        self._calls = Calls(base_url, api_token, tenant_id, timeout, retry_rate_limited, max_retries, max_retry_wait)
        self.services = ServicesClient(self._calls)
        self.workflows = WorkflowsClient(self._calls)
        self.analytics = AnalyticsClient(self._calls)
        self.crm = CrmClient(self._calls)
        self.support = SupportClient(self._calls)
        self.bots = BotsClient(self._calls)
        self.infrastructure = InfrastructureClient(self._calls)
        self.documentation = DocumentationClient(self._calls)
        self.codegen = CodegenClient(self._calls)
        self.admin = AdminClient(self._calls)

    def __repr__(self) -> str:
        return "SmarterMCP(...)"

    @classmethod
    def from_environment(cls, **overrides: Any) -> "SmarterMCP":
        """Reads SMARTERMCP_API_TOKEN, SMARTERMCP_URL and SMARTERMCP_TENANT_ID (the names the MCP client
        configurations use too); keyword arguments win."""
        options: Dict[str, Any] = {"api_token": os.environ.get("SMARTERMCP_API_TOKEN", "")}
        if os.environ.get("SMARTERMCP_URL"):
            options["base_url"] = os.environ["SMARTERMCP_URL"]
        if os.environ.get("SMARTERMCP_TENANT_ID"):
            options["tenant_id"] = os.environ["SMARTERMCP_TENANT_ID"]
        options.update(overrides)
        return cls(**options)

    def tools(self) -> m.ToolList:
        """The tools this client's token may call (GET /tools)."""
        return self._calls.call("listTools")

    def health(self) -> m.Health:
        """The server's health (GET /health, needs no scope)."""
        return self._calls.call("getHealth")
