package cl.smartercl.mcp.examples.sdk;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import cl.smartercl.mcp.testsupport.StubServer;

import static org.assertj.core.api.Assertions.assertThat;

class SdkWalkthroughTests {

	private final StubServer server = new StubServer();

	@AfterEach
	void close() {
		this.server.close();
	}

	@Test
	void walksTheFourStepsTriggeringTheFirstActiveWorkflow() {
		this.server.on("services_list",
				"""
						{"services":[{"id":"n8n","name":"N8N","type":"backend","state":"running","version":"1.123.81"}],"count":1}""")
			.on("workflows_list", """
					{"workflows":[{"id":"wf1","name":"Orders","active":true}],"count":1,"truncated":false}""")
			.on("workflows_trigger", "{\"workflow_id\":\"wf1\",\"execution_id\":\"501\",\"status\":\"success\"}")
			.on("analytics_kpis",
					"{\"kpis\":[{\"name\":\"revenue_mtd\",\"status\":\"ok\",\"value\":48213.5,\"unit\":\"USD\",\"format\":\"currency\",\"display\":\"$48,213.50\",\"question\":{\"id\":12,\"name\":\"Revenue MTD\"}}],\"ok\":1,\"failed\":0}")
			.on("crm_contacts_search",
					"""
							{"contacts":[{"id":14,"name":"Acme Corporation","email":"info@acme.example","is_company":true}],"count":1}""");
		int failed = new SdkWalkthrough(this.server.client(), this.server.out()).run(null, "acme");
		assertThat(failed).isZero();
		assertThat(this.server.calls()).containsExactly("services_list {\"filter\":\"backend\"}",
				"workflows_list {\"active\":true}",
				"workflows_trigger {\"input_data\":{\"source\":\"sdk-walkthrough\"},\"workflow_id\":\"wf1\"}",
				"analytics_kpis {\"kpis\":[\"revenue_mtd\"]}", "crm_contacts_search {\"query\":\"acme\"}");
		assertThat(this.server.output()).contains("n8n", "1.123.81", "execution 501", "$48,213.50", "Acme Corporation");
	}

	@Test
	void aBackendThatIsDownFailsItsStepOnly() {
		this.server.on("services_list", "{\"services\":[],\"count\":0}")
			.on("workflows_trigger", "{\"workflow_id\":\"wf7\",\"execution_id\":\"9\",\"status\":\"running\"}")
			.on("workflows_status", "{\"execution_id\":\"9\",\"workflow_id\":\"wf7\",\"status\":\"success\"}")
			.on("analytics_kpis", (body) -> StubServer.unavailable("metabase"))
			.on("crm_contacts_search", "{\"contacts\":[],\"count\":0}");
		int failed = new SdkWalkthrough(this.server.client(), this.server.out()).run("wf7", "zzz");
		assertThat(failed).isEqualTo(1);
		assertThat(this.server.calls()).hasSize(5);
		assertThat(this.server.output())
			.contains("unavailable: analytics_kpis: Service 'metabase' is currently unavailable")
			.contains("0 contact(s)");
	}

	@Test
	void aBackendTheTenantDoesNotHaveIsSkippedAndSaidSo() {
		this.server.on("services_list", "{\"services\":[],\"count\":0}")
			.on("workflows_trigger", "{\"workflow_id\":\"wf7\",\"execution_id\":\"9\",\"status\":\"success\"}")
			.on("analytics_kpis", (body) -> StubServer.notConfigured("metabase"))
			.on("crm_contacts_search", (body) -> StubServer.notConfigured("odoo"));
		int failed = new SdkWalkthrough(this.server.client(), this.server.out()).run("wf7", "acme");
		assertThat(failed).isZero();
		assertThat(this.server.output()).contains("skipped: metabase is not configured for this tenant")
			.contains("skipped: odoo is not configured for this tenant")
			.contains("All steps done (2 skipped: backend not configured).");
	}

	@Test
	void aWorkflowRunThatFailsFailsItsStep() {
		this.server.on("services_list", "{\"services\":[],\"count\":0}")
			.on("workflows_trigger", "{\"workflow_id\":\"wf7\",\"execution_id\":\"9\",\"status\":\"running\"}")
			.on("workflows_status", "{\"execution_id\":\"9\",\"workflow_id\":\"wf7\",\"status\":\"error\"}")
			.on("analytics_kpis", "{\"kpis\":[],\"ok\":0,\"failed\":0}")
			.on("crm_contacts_search", "{\"contacts\":[],\"count\":0}");
		int failed = new SdkWalkthrough(this.server.client(), this.server.out()).run("wf7", "acme");
		assertThat(failed).isEqualTo(1);
		assertThat(this.server.calls()).contains("workflows_status {\"execution_id\":\"9\"}");
		assertThat(this.server.output()).contains("execution 9 ended: error")
			.contains("failed: workflow wf7 failed (execution 9: error)")
			.contains("1 step(s) failed.");
	}

}
