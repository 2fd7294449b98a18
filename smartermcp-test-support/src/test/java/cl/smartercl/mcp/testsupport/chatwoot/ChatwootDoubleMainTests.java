package cl.smartercl.mcp.testsupport.chatwoot;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The double as the local stack starts it: {@code main --port N} prints its URL and
 * credentials as shell assignments, then {@code READY}, and serves the seeded account.
 */
class ChatwootDoubleMainTests {

	@Test
	void mainPrintsShellAssignmentsThenReadyAndServes() throws Exception {
		String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
		Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
				ChatwootDouble.class.getName(), "--port", "0")
			.redirectError(ProcessBuilder.Redirect.DISCARD)
			.start();
		try {
			Map<String, String> printed = new LinkedHashMap<>();
			try (BufferedReader out = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				for (String line = out.readLine(); line != null && !line.equals("READY"); line = out.readLine()) {
					int eq = line.indexOf('=');
					assertThat(eq).as("a shell assignment: " + line).isPositive();
					printed.put(line.substring(0, eq), line.substring(eq + 1));
				}
				assertThat(printed).containsKeys("CHATWOOT_URL", "CHATWOOT_ACCOUNT_ID", "CHATWOOT_API_TOKEN");
				HttpResponse<String> agents = HttpClient.newHttpClient()
					.send(HttpRequest
						.newBuilder(URI.create(printed.get("CHATWOOT_URL") + "/api/v1/accounts/"
								+ printed.get("CHATWOOT_ACCOUNT_ID") + "/agents"))
						.header("api_access_token", printed.get("CHATWOOT_API_TOKEN"))
						.build(), HttpResponse.BodyHandlers.ofString());
				assertThat(agents.statusCode()).isEqualTo(200);
				assertThat(agents.body()).contains("Carla Online");
			}
		}
		finally {
			process.destroy();
			process.waitFor();
		}
	}

}
