package cl.smartercl.mcp.testsupport.botpress;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cl.smartercl.mcp.testsupport.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The v12 half of the double answers as the v12 routes do (botpress/v12 v12.31.10, see
 * {@code shared/backend-notes/botpress.md} §A): the {@code sendSuccess} wrapper, the
 * error body of the server's error handler, raw JSON on module routes, Express's HTML for
 * a missing route, and the archive checks of the import route.
 */
class BotpressV12DoubleTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final MutableClock clock = new MutableClock(Instant.parse("2026-05-20T10:00:00Z"));

	private final BotpressDouble botpress = new BotpressDouble(0, this.clock);

	private final HttpClient http = HttpClient.newHttpClient();

	@AfterEach
	void stop() {
		this.botpress.close();
	}

	@Test
	void loginGivesAJwtThatOpensTheAdminRoutesOfItsWorkspaceUntilItExpires() throws Exception {
		HttpResponse<String> login = send("POST", "/api/v1/auth/login/basic/default", null,
				"{\"email\":\"admin@example.com\",\"password\":\"s3cret-pass\"}", "application/json");
		JsonNode body = JSON.readTree(login.body());
		assertThat(body.path("status").asText()).isEqualTo("success");
		String jwt = body.path("payload").path("jwt").asText();
		assertThat(jwt.split("\\.")).hasSize(3);

		JsonNode bots = JSON.readTree(send("GET", "/api/v2/admin/workspace/bots", jwt, null, null).body());
		assertThat(bots.path("message").asText()).isEqualTo("Retrieved bots");
		assertThat(bots.path("payload").path("bots")).extracting((bot) -> bot.path("id").asText())
			.containsExactly("welcome-bot", "faq-bot", "legacy-bot");
		assertThat(bots.path("payload").path("workspace").has("pipeline")).isTrue();

		HttpResponse<String> noWorkspace = this.http
			.send(HttpRequest.newBuilder(URI.create(this.botpress.url() + "/api/v2/admin/workspace/bots"))
				.header("Authorization", "Bearer " + jwt)
				.GET()
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(noWorkspace.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(noWorkspace.body()).path("message").asText())
			.isEqualTo("Workspace is missing. Set header X-BP-Workspace");

		this.clock.advance(Duration.ofHours(1));
		HttpResponse<String> expired = send("GET", "/api/v2/admin/workspace/bots", jwt, null, null);
		assertThat(expired.statusCode()).isEqualTo(401);
		assertThat(JSON.readTree(expired.body()).path("statusCode").asInt()).isEqualTo(401);
	}

	@Test
	void aWrongPasswordIsRefused() throws Exception {
		HttpResponse<String> login = send("POST", "/api/v1/auth/login/basic/default", null,
				"{\"email\":\"admin@example.com\",\"password\":\"nope\"}", "application/json");
		assertThat(login.statusCode()).isEqualTo(401);
		assertThat(JSON.readTree(login.body()).path("type").asText()).isEqualTo("InvalidCredentialsError");
	}

	@Test
	void moduleRoutesAnswerRawJsonAndAMissingModuleIsExpresssHtml() throws Exception {
		String jwt = jwt();
		JsonNode handoffs = JSON
			.readTree(send("GET", "/api/v1/bots/welcome-bot/mod/hitlnext/handoffs?limit=3&column=createdAt&desc=true",
					jwt, null, null)
				.body());
		assertThat(handoffs.isArray()).isTrue();
		assertThat(handoffs).hasSize(3);
		assertThat(handoffs.get(0).path("createdAt").asText())
			.isGreaterThan(handoffs.get(1).path("createdAt").asText());
		JsonNode metrics = JSON.readTree(send("GET",
				"/api/v1/bots/faq-bot/mod/analytics/channel/all?start="
						+ Instant.parse("2026-05-19T00:00:00Z").getEpochSecond() + "&end="
						+ this.clock.instant().getEpochSecond(),
				jwt, null, null)
			.body());
		assertThat(metrics.path("metrics").findValuesAsText("date")).contains("2026-05-19", "2026-05-20");
		HttpResponse<String> missing = send("GET", "/api/v1/bots/legacy-bot/mod/hitlnext/handoffs", jwt, null, null);
		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(missing.body()).contains("Cannot GET /api/v1/bots/legacy-bot/mod/hitlnext/handoffs");
	}

	@Test
	void importWantsATarGzipArchiveAndOverwriteForAnExistingBot(@TempDir Path dir) throws Exception {
		String jwt = jwt();
		byte[] archive = Files.readAllBytes(BotpressDouble.writeArchive(dir, "faq-bot", "1.0.0"));
		HttpResponse<String> json = send("POST", "/api/v2/admin/workspace/bots/faq-bot/import?overwrite=true", jwt,
				"{}", "application/json");
		assertThat(json.statusCode()).isEqualTo(400);
		assertThat(json.body()).isEqualTo("Bot should be imported from archive");
		HttpResponse<String> noOverwrite = sendBytes("/api/v2/admin/workspace/bots/faq-bot/import", jwt, archive);
		assertThat(noOverwrite.statusCode()).isEqualTo(409);
		HttpResponse<String> ok = sendBytes("/api/v2/admin/workspace/bots/faq-bot/import?overwrite=true", jwt, archive);
		assertThat(ok.statusCode()).isEqualTo(200);
		assertThat(this.botpress.imported("faq-bot")).singleElement().isEqualTo(archive);
		HttpResponse<String> garbage = sendBytes("/api/v2/admin/workspace/bots/faq-bot/import?overwrite=true", jwt,
				"not a gzip".getBytes());
		assertThat(garbage.statusCode()).isEqualTo(500);
		assertThat(this.botpress.imported("faq-bot")).hasSize(1);
	}

	private String jwt() throws Exception {
		return JSON
			.readTree(send("POST", "/api/v1/auth/login/basic/default", null,
					"{\"email\":\"admin@example.com\",\"password\":\"s3cret-pass\"}", "application/json")
				.body())
			.path("payload")
			.path("jwt")
			.asText();
	}

	private HttpResponse<String> send(String method, String path, String jwt, String body, String type)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.botpress.url() + path))
			.method(method,
					(body == null) ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (jwt != null) {
			request.header("Authorization", "Bearer " + jwt).header("X-BP-Workspace", "default");
		}
		if (type != null) {
			request.header("Content-Type", type);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> sendBytes(String path, String jwt, byte[] body) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(this.botpress.url() + path))
			.header("Authorization", "Bearer " + jwt)
			.header("X-BP-Workspace", "default")
			.header("Content-Type", "application/tar+gzip")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
