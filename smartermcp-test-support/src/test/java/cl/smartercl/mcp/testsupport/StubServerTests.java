package cl.smartercl.mcp.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StubServerTests {

	private final StubServer server = new StubServer();

	@AfterEach
	void close() {
		this.server.close();
	}

	@Test
	void answersEachToolFromItsBodyAndRecordsTheCalls() throws Exception {
		this.server.on("services_list", "{\"services\":[],\"count\":0}")
			.on("workflows_trigger", (body) -> StubServer.json(200, "{\"echo\":" + body + "}"));

		HttpResponse<String> list = post("/tools/services_list", "{}");
		HttpResponse<String> trigger = post("/tools/workflows_trigger", "{\"workflow_id\":\"wf1\"}");

		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(list.body()).isEqualTo("{\"services\":[],\"count\":0}");
		assertThat(trigger.body()).isEqualTo("{\"echo\":{\"workflow_id\":\"wf1\"}}");
		assertThat(this.server.calls()).containsExactly("services_list {}",
				"workflows_trigger {\"workflow_id\":\"wf1\"}");
	}

	@Test
	void aToolNobodySetUpIsTheServers404Problem() throws Exception {
		HttpResponse<String> response = post("/tools/nope", "{}");

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"code\":\"unknown_tool\"");
		assertThat(this.server.calls()).containsExactly("nope {}");
	}

	@Test
	void aBackendDownAndABackendMissingAreBoth503WithTheirOwnCodeAndDetail() throws Exception {
		this.server.on("analytics_kpis", (body) -> StubServer.unavailable("metabase"))
			.on("crm_contacts_search", (body) -> StubServer.notConfigured("odoo"));

		HttpResponse<String> down = post("/tools/analytics_kpis", "{}");
		HttpResponse<String> missing = post("/tools/crm_contacts_search", "{}");

		assertThat(down.statusCode()).isEqualTo(503);
		assertThat(down.body()).contains("\"detail\":\"Service 'metabase' is currently unavailable\"")
			.contains("\"service\":\"metabase\"");
		assertThat(missing.statusCode()).isEqualTo(503);
		assertThat(missing.body())
			.contains(
					"\"detail\":\"The odoo backend is not configured for this tenant: add backends.odoo to the tenants "
							+ "file (see docs/configuration.md)\"")
			.contains("\"code\":\"backend_not_configured\"")
			.contains("\"config_key\":\"backends.odoo\"");
	}

	@Test
	void whatTheExamplePrintsIsReadBack() {
		this.server.out().println("execution 501");

		assertThat(this.server.output()).isEqualTo("execution 501" + System.lineSeparator());
	}

	private HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(this.server.baseUrl()).resolve(path))
				.POST(HttpRequest.BodyPublishers.ofString(json))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

}
