package cl.smartercl.mcp.server.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cl.smartercl.mcp.server.support.ServerTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Captures everything the server writes, from start-up on, through a full run — token
 * issue, good and bad tokens, tool calls carrying secrets in their arguments, a tenant
 * whose backend credentials come from a file — and searches it for every secret involved.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsNeverLoggedIT extends ServerTestSupport {

	private static final String BACKEND_SECRET = "n8n-api-key-7f3a9c2e-never-log-me";

	private static final String WRONG_TOKEN = "smcp_wrong_but_well_formed_0123456789abcdefghijklmnopqr";

	@DynamicPropertySource
	static void tenantsFileWithSecrets(DynamicPropertyRegistry registry) throws IOException {
		Path dir = Files.createTempDirectory("secrets-it");
		Path key = dir.resolve("n8n.key");
		Files.writeString(key, BACKEND_SECRET);
		Path tenants = dir.resolve("tenants.yaml");
		Files.writeString(tenants, """
				tenants:
				  default:
				    backends:
				      n8n: { url: "http://127.0.0.1:9", api-key: "file:%s" }
				""".formatted(key));
		registry.add("smartermcp.tenants-file", tenants::toString);
	}

	@Test
	void noTokenOrSecretReachesTheLog(CapturedOutput output) {
		String issued = issueToken("logged-agent", "write:workflows", "read:services");
		assertThat(get("/tools", issued).status()).isEqualTo(200);
		assertThat(get("/tools", WRONG_TOKEN).status()).isEqualTo(401);
		assertThat(send(request("/tools", null).header("Authorization", "Bearer " + WRONG_TOKEN + "x").GET().build())
			.status()).isEqualTo(401);
		String argumentSecret = "hunter2-argument-secret";
		post("/tools/workflows_trigger", issued,
				"{\"workflow_id\":\"1\",\"input_data\":{\"password\":\"" + argumentSecret + "\"}}");
		post("/tools/workflows_list", issued, "{}");
		post("/tools/services_logs", issued, "{\"service_id\":\"" + argumentSecret + "\",\"nope\":1}");

		String log = output.getAll();
		assertThat(log).as("the server did log its start").contains("Started");
		for (String secret : List.of(ADMIN_TOKEN, issued, WRONG_TOKEN, BACKEND_SECRET, argumentSecret)) {
			assertThat(log).as("log must not contain a secret").doesNotContain(secret);
		}
		// nor a recognisable part of a token
		assertThat(log).doesNotContain(issued.substring(5, 25)).doesNotContain(ADMIN_TOKEN.substring(5, 25));
	}

}
