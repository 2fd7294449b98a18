"""The SDK against a real server started by the Maven harness (PythonSdkIT): its URL and the admin token of
tenant "default" come in SMARTERMCP_URL and SMARTERMCP_API_TOKEN. Tenant "default" has the Odoo, Chatwoot and
Metabase test doubles, a Docker Engine API with one container (service "web") and PostgreSQL; no n8n or
Botpress. Tenant "limited" allows one call at once, six a minute."""
import os
import socket
import threading
import unittest
import uuid
from datetime import datetime

from smartermcp import (BackendNotConfiguredError, ForbiddenError, Period, RateLimitedError, ServiceUnavailableError,
                        SmarterMCP, SmarterMcpTimeoutError, TransportError, UnauthorizedError)

BASE_URL = os.environ.get("SMARTERMCP_URL")


class ServerTests(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        assert BASE_URL, "SMARTERMCP_URL: the server the Maven harness (PythonSdkIT) starts"
        cls.admin = SmarterMCP.from_environment()

    def issue(self, scopes, tenant_id=None):
        name = "py-sdk-" + uuid.uuid4().hex[:6]
        return name, self.admin.admin.issue_token(name=name, scopes=scopes, tenant_id=tenant_id)

    def test_lists_the_tools_the_token_may_call(self):
        # the catalog is honest: GET /tools lists what the tenant can serve (no n8n on this stack)
        served = [t.name for t in self.admin.tools().tools]
        self.assertIn("crm_contacts_list", served)
        self.assertIn("docs_services", served)
        self.assertNotIn("workflows_list", served)
        _, reader = self.issue(["read:crm"])
        scoped = SmarterMCP(api_token=reader.api_token, base_url=BASE_URL)
        self.assertEqual(["crm_contacts_list", "crm_contacts_search", "crm_opportunities_list", "crm_pipeline_status"],
                         sorted(t.name for t in scoped.tools().tools))

    def test_issues_a_scoped_token_lists_and_revokes_it(self):
        name, issued = self.issue(["read:services", "read:analytics"])
        self.assertTrue(issued.api_token.startswith("smcp_"))
        self.assertEqual(["read:analytics", "read:services"], sorted(issued.scopes))
        listed = self.admin.admin.tokens().tokens
        mine = next(t for t in listed if t.name == name)
        self.assertNotIn(issued.api_token, repr(listed))
        client = SmarterMCP(api_token=issued.api_token, base_url=BASE_URL)
        client.services.list()
        self.admin.admin.revoke_token(mine.id)
        with self.assertRaises(UnauthorizedError):
            client.services.list()

    def test_services_with_live_state_health_and_logs(self):
        backends = self.admin.services.list(filter="backend")
        self.assertEqual(["metabase", "odoo"], sorted(s.id for s in backends.services))
        frontends = self.admin.services.list(filter="frontend").services
        self.assertEqual(["web"], [s.id for s in frontends])
        self.assertEqual("running", frontends[0].state)
        self.assertIn("metabase", repr(self.admin.services.health(service_id="metabase")))
        logs = self.admin.services.logs(service_id="web", lines=1)
        self.assertEqual(["GET / 200"], [line.text for line in logs.lines])

    def test_infrastructure_the_engine_and_its_containers(self):
        running = self.admin.infrastructure.containers(filter="running").containers
        self.assertIn(os.environ["SMARTERMCP_TEST_CONTAINER"], [c.name for c in running])
        self.assertGreater(self.admin.infrastructure.status().containers.running, 0)

    def test_analytics_kpis_and_dashboards_from_metabase(self):
        kpis = self.admin.analytics.kpis(kpis=["revenue_mtd", "conversion_rate"])
        self.assertEqual(["revenue_mtd", "conversion_rate"], [k.name for k in kpis.kpis])
        self.assertEqual(2, kpis.ok)
        self.assertIsInstance(kpis.kpis[0].value, float)
        self.assertIsInstance(kpis.kpis[0].computed_at, datetime)
        self.assertTrue(self.admin.analytics.dashboards().dashboards)

    def test_crm_contacts_and_pipeline_from_odoo(self):
        page = self.admin.crm.contacts.list(limit=5)
        self.assertTrue(0 < len(page.contacts) <= 5)
        first = page.contacts[0]
        found = self.admin.crm.contacts.search(query=first.name)
        self.assertIn(first.id, [c.id for c in found.contacts])
        self.assertIsInstance(self.admin.crm.pipeline().stages, list)

    def test_support_conversations_agents_and_metrics_from_chatwoot(self):
        self.assertTrue(self.admin.support.conversations(limit=3).conversations)
        self.assertGreater(self.admin.support.agents().total, 0)
        metrics = self.admin.support.metrics(period=Period.WEEK)
        self.assertEqual(Period.WEEK, metrics.period)
        self.assertEqual("week", metrics.period)

    def test_documentation_and_codegen_need_no_backend(self):
        self.assertEqual("n8n", self.admin.documentation.service(service_id="n8n").service_id)
        self.assertIsInstance(self.admin.documentation.schemas(database="public").total_tables, int)
        workflow = self.admin.codegen.n8n_workflow(description="Backup smarteros database daily at 2am",
                                                   services=["postgresql"])
        self.assertIsInstance(workflow.workflow["nodes"], list)
        self.assertTrue(self.admin.codegen.api_client(service_id="n8n", language="python").files)

    def test_a_backend_that_is_not_configured_is_a_backend_not_configured_error(self):
        with self.assertRaises(BackendNotConfiguredError) as raised:
            self.admin.workflows.list()
        self.assertIsInstance(raised.exception, ServiceUnavailableError)
        self.assertEqual("n8n", raised.exception.service)
        self.assertEqual(503, raised.exception.status)

    def test_a_missing_scope_is_a_forbidden_error_naming_it(self):
        _, reader = self.issue(["read:services"])
        client = SmarterMCP(api_token=reader.api_token, base_url=BASE_URL)
        with self.assertRaises(ForbiddenError) as raised:
            client.crm.contacts.search(query="acme")
        self.assertEqual(403, raised.exception.status)
        self.assertEqual("read:crm", raised.exception.required_scope)

    def test_over_the_limit_is_a_rate_limited_error_with_its_retry_time(self):
        _, limited = self.issue(["read:services"], tenant_id="limited")
        client = SmarterMCP(api_token=limited.api_token, base_url=BASE_URL)
        error = None
        for _ in range(5):
            try:
                client.documentation.service(service_id="n8n")
            except RateLimitedError as e:
                error = e
                break
        self.assertIsNotNone(error, "a 429 within five calls")
        self.assertEqual(429, error.status)
        self.assertGreater(error.retry_after_seconds, 0)
        self.assertIn("Rate limit exceeded", str(error))


class TransportTests(unittest.TestCase):

    def test_a_server_that_does_not_answer_in_time_is_a_timeout_none_at_all_a_transport_error(self):
        silent = socket.socket()
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        port = silent.getsockname()[1]
        accepted = []
        threading.Thread(target=lambda: accepted.append(silent.accept()), daemon=True).start()
        try:
            client = SmarterMCP(api_token="smcp_x", base_url=f"http://127.0.0.1:{port}", timeout=0.2)
            with self.assertRaises(SmarterMcpTimeoutError):
                client.services.list()
        finally:
            for connection, _ in accepted:
                connection.close()
            silent.close()
        with self.assertRaises(TransportError):
            SmarterMCP(api_token="smcp_x", base_url=f"http://127.0.0.1:{port}").services.list()


if __name__ == "__main__":
    unittest.main()
