package cl.smartercl.mcp.server.start;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import cl.smartercl.mcp.core.schema.ToolJson;
import cl.smartercl.mcp.testsupport.DockerPeer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server as a newcomer starts it: what it prints, what it serves with no tenants
 * file.
 */
class ServerStartIT {

	private static final String ADMIN_TOKEN = "smcp_start_it_admin_0123456789abcdefghijklmnopqrstuvwxyz";

	private static final Duration BOUND = Duration.ofMinutes(3);

	@Test
	void aWrongTenantsFileStopsTheStartWithOneLineNamingTheFileAndTheKey() throws Exception {
		Path file = Files.createTempFile("smartermcp-wrong-tenants", ".yaml");
		Files.writeString(file, """
				tenants:
				  acme:
				    backends:
				      n8n: { url: http://127.0.0.1:5678, apikey: oops }
				""");
		try (ServerProcess server = ServerProcess.start(Map.of("SMARTERMCP_TENANTS_FILE", file.toString(),
				"SMARTERMCP_ADMIN_TOKEN", ADMIN_TOKEN, "SMARTERMCP_LOCAL_DOCKER", "false"))) {
			assertThat(server.awaitExit(BOUND)).isNotZero();
			String output = server.output();
			List<String> naming = Arrays.stream(output.split("\n"))
				.filter((line) -> line.contains(file.toString()))
				.toList();
			assertThat(naming).hasSize(1);
			assertThat(naming.get(0)).startsWith("SmarterMCP did not start: ")
				.contains("tenant 'acme'")
				.contains("apikey")
				.contains("docs/configuration.md");
			assertThat(server.stderr().strip()).isEqualTo(naming.get(0));
			assertThat(output).doesNotContain("\tat ").doesNotContain("APPLICATION FAILED").doesNotContain("Exception");
		}
	}

	@Test
	void withADockerHostAndNoTenantsFileTheDefaultTenantIsServedTheLocalDocker() throws Exception {
		try (DockerPeer docker = DockerPeer.start();
				ServerProcess server = ServerProcess
					.start(Map.of("DOCKER_HOST", docker.host(), "SMARTERMCP_ADMIN_TOKEN", ADMIN_TOKEN))) {
			int port = server.awaitPort(BOUND);
			assertThat(server.stdout()).contains("tenant 'default': live backends: docker")
				.doesNotContain("Bean Validation");
			JsonNode tools = get(port, "/tools");
			assertThat(tools.path("tools")).extracting((t) -> t.path("name").asString())
				.contains("services_list", "containers_list", "infra_status", "docs_services")
				.doesNotContain("workflows_list", "crm_contacts_list");
			HttpResponse<String> containers = HTTP.send(request(port, "/tools/containers_list")
				.POST(HttpRequest.BodyPublishers.ofString("{\"filter\":\"all\"}"))
				.header("Content-Type", "application/json")
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(containers.statusCode()).as(containers.body()).isEqualTo(200);
			assertThat(ToolJson.mapper().readTree(containers.body()).has("containers")).isTrue();
		}
	}

	@Test
	void localDockerCanBeTurnedOff() throws Exception {
		try (DockerPeer docker = DockerPeer.start();
				ServerProcess server = ServerProcess.start(Map.of("DOCKER_HOST", docker.host(),
						"SMARTERMCP_ADMIN_TOKEN", ADMIN_TOKEN, "SMARTERMCP_LOCAL_DOCKER", "false"))) {
			int port = server.awaitPort(BOUND);
			assertThat(get(port, "/tools").path("tools")).extracting((t) -> t.path("name").asString())
				.doesNotContain("containers_list");
		}
	}

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static HttpRequest.Builder request(int port, String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Authorization", "Bearer " + ADMIN_TOKEN)
			.timeout(Duration.ofSeconds(60));
	}

	private static JsonNode get(int port, String path) throws Exception {
		HttpResponse<String> response = HTTP.send(request(port, path).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return ToolJson.mapper().readTree(response.body());
	}

}
