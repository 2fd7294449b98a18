package cl.smartercl.mcp.server.clients;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cl.smartercl.mcp.server.support.ServerTestSupport;
import cl.smartercl.mcp.testsupport.DockerPeer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server with a tenants file pointing at a real Docker Engine API: tools reach the
 * tenant's own backend over MCP and REST, and a tenant without that backend is told so —
 * it never sees another tenant's containers.
 */
class BackendWiringIT extends ServerTestSupport {

	private static DockerPeer docker;

	private static String container;

	private static final String NAME = "smcp-wiring-" + Long.toHexString(System.nanoTime());

	@DynamicPropertySource
	static void tenantsFile(DynamicPropertyRegistry registry) throws IOException {
		docker = DockerPeer.start();
		container = docker.runContainer(NAME, "echo line-1; echo line-2; echo line-3; sleep 600");
		Path file = Files.createTempDirectory("wiring-it").resolve("tenants.yaml");
		Files.writeString(file, """
				tenants:
				  default:
				    backends:
				      docker: { host: "%s" }
				    services:
				      - id: web
				        name: Web front end
				        type: frontend
				        container: %s
				  other: ~
				""".formatted(docker.host(), NAME));
		registry.add("smartermcp.tenants-file", file::toString);
	}

	@AfterAll
	static void stopDocker() {
		if (docker != null) {
			docker.removeContainer(container);
			docker.close();
		}
	}

	@Test
	void toolsReachTheTenantsOwnDockerOverMcp() {
		try (McpSyncClient client = mcpClient(ADMIN_TOKEN)) {
			McpSchema.CallToolResult containers = client
				.callTool(new McpSchema.CallToolRequest("containers_list", Map.of("filter", "running")));
			assertThat(containers.isError()).as(String.valueOf(containers.content())).isFalse();
			@SuppressWarnings("unchecked")
			List<Map<String, Object>> list = (List<Map<String, Object>>) ((Map<String, Object>) containers
				.structuredContent()).get("containers");
			assertThat(list).anySatisfy((c) -> assertThat(c.get("name")).isEqualTo(NAME));

			McpSchema.CallToolResult logs = client
				.callTool(new McpSchema.CallToolRequest("services_logs", Map.of("service_id", "web", "lines", 2)));
			assertThat(logs.isError()).as(String.valueOf(logs.content())).isFalse();
			assertThat(((McpSchema.TextContent) logs.content().get(0)).text()).contains("line-2")
				.contains("line-3")
				.doesNotContain("line-1");
		}
	}

	@Test
	void servicesAreListedWithLiveStateOverRest() {
		Response response = post("/tools/services_list", ADMIN_TOKEN, "{\"filter\":\"frontend\"}");
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.json().path("services").get(0).path("id").asString()).isEqualTo("web");
		assertThat(response.json().path("services").get(0).path("state").asString()).isEqualTo("running");
		Response unknown = post("/tools/services_restart", ADMIN_TOKEN, "{\"service_id\":\"nope\"}");
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.json().path("detail").asString()).contains("'nope'").contains("web");
	}

	@Test
	void aTenantWithoutDockerIsToldSoAndSeesNothingOfAnother() {
		String otherAdmin = issueToken(ADMIN_TOKEN, "other", "other-admin", List.of("admin:tenants", "read:services"));
		Response response = post("/tools/containers_list", otherAdmin, "{}");
		assertThat(response.status()).isEqualTo(503);
		assertThat(response.json().path("detail").asString())
			.isEqualTo("The docker backend is not configured for this tenant: add backends.docker to the tenants "
					+ "file (see docs/configuration.md)");
		assertThat(response.json().path("code").asString()).isEqualTo("backend_not_configured");
		assertThat(response.body()).doesNotContain(NAME);
	}

}
