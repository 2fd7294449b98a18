package cl.smartercl.mcp.server.clients;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cl.smartercl.mcp.core.schema.ToolJson;
import cl.smartercl.mcp.server.support.LegacySseSession;
import cl.smartercl.mcp.server.support.ServerTestSupport;
import cl.smartercl.mcp.testsupport.DockerPeer;
import cl.smartercl.mcp.testsupport.Eventually;

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

	/** A container that prints three lines, the second on stderr, and exits. */
	private static final String BATCH = NAME + "-batch";

	/**
	 * The batch's three lines as log messages: stdout at info, stderr at notice (stdout
	 * and stderr are separate pipes: their order is not the engine's to keep).
	 */
	private static final String[] BATCH_LINES = { "info services_logs stdout: batch-1",
			"notice services_logs stderr: batch-2", "info services_logs stdout: batch-3" };

	private static String batch;

	/** How long a legacy session's answer may take to arrive on its stream. */
	private static final Duration STREAM_WAIT = Duration.ofSeconds(60);

	@DynamicPropertySource
	static void tenantsFile(DynamicPropertyRegistry registry) throws IOException {
		docker = DockerPeer.start();
		container = docker.runContainer(NAME, "echo line-1; echo line-2; echo line-3; sleep 600");
		batch = docker.runContainer(BATCH, "echo batch-1; echo batch-2 >&2; echo batch-3");
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
				      - id: batch
				        name: Nightly batch
				        type: backend
				        container: %s
				  other: ~
				""".formatted(docker.host(), NAME, BATCH));
		registry.add("smartermcp.tenants-file", file::toString);
	}

	@AfterAll
	static void stopDocker() {
		if (docker != null) {
			docker.removeContainer(container);
			docker.removeContainer(batch);
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

	/**
	 * One 2026-07-28 call of services_logs following the batch's log, with {@code _meta}
	 * {@code logLevel} when given.
	 */
	private Response followBatch(String logLevel, String... headers) {
		ObjectNode params = ToolJson.mapper().createObjectNode().put("name", "services_logs");
		params.putObject("arguments").put("service_id", "batch").put("lines", 10).put("follow", true);
		if (logLevel != null) {
			params.putObject("_meta").put("io.modelcontextprotocol/logLevel", logLevel);
		}
		Response response = modern(ADMIN_TOKEN, "tools/call", params, ToolJson.mapper().createObjectNode(), headers);
		return response;
	}

	private static List<JsonNode> logMessages(Response response) {
		return logMessages(response.messages());
	}

	private static List<JsonNode> logMessages(List<JsonNode> messages) {
		return messages.stream()
			.filter((message) -> "notifications/message".equals(message.path("method").asString()))
			.toList();
	}

	/** The log messages of an answer as "level logger data". */
	private static List<String> logLines(Response response) {
		return logLines(response.messages());
	}

	/** The log messages among JSON-RPC messages as "level logger data". */
	private static List<String> logLines(List<JsonNode> messages) {
		return logMessages(messages).stream()
			.map((message) -> message.path("params").path("level").asString() + " "
					+ message.path("params").path("logger").asString() + " "
					+ message.path("params").path("data").asString())
			.toList();
	}

	@Test
	void onThe2026EraFollowedLogLinesGoOnTheCallsStreamWhenTheRequestAsksForThem() {
		Response info = followBatch("info");
		assertThat(info.status()).as(info.body()).isEqualTo(200);
		assertThat(info.streamed()).as(info.body()).isTrue();
		// each followed line as a log message of the request, before its result, at its
		// stream's level
		assertThat(logLines(info)).containsExactlyInAnyOrder(BATCH_LINES);
		JsonNode result = info.rpc().path("result");
		assertThat(result.path("isError").asBoolean(true)).as(result.toString()).isFalse();
		assertThat(result.path("structuredContent").path("lines")).hasSize(3);
		assertThat(info.header("X-Accel-Buffering")).isEqualTo("no");

		// debug asks for everything from debug up: the same lines
		assertThat(logLines(followBatch("debug"))).containsExactlyInAnyOrder(BATCH_LINES);
		// notice: the stderr line, not the info lines below it
		Response notice = followBatch("notice");
		assertThat(logLines(notice)).containsExactly("notice services_logs stderr: batch-2");
		assertThat(notice.rpc().path("result").path("structuredContent").path("lines")).hasSize(3);
		// warning and above: every line is below it
		Response warning = followBatch("warning");
		assertThat(logMessages(warning)).isEmpty();
		assertThat(warning.rpc().path("result").path("structuredContent").path("lines")).hasSize(3);
		// no level: the server must not send log messages, and has nothing else to stream
		Response quiet = followBatch(null);
		assertThat(quiet.streamed()).isFalse();
		assertThat(quiet.json().path("result").path("structuredContent").path("lines")).hasSize(3);
		// a client that takes only JSON gets the result alone
		Response json = followBatch("info", "Accept", "application/json");
		assertThat(json.streamed()).isFalse();
		assertThat(json.json().path("result").path("structuredContent").path("lines")).hasSize(3);
	}

	/**
	 * One request of a 2025-11-25 session over Streamable HTTP, in raw HTTP: a call's log
	 * messages are on its own answer, before the result.
	 */
	private Response mcp2025(String session, String body) {
		HttpRequest.Builder builder = request("/mcp", ADMIN_TOKEN).header("Content-Type", "application/json")
			.header("Accept", "application/json, text/event-stream")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (session != null) {
			builder.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25");
		}
		return send(builder.build());
	}

	private String open2025() {
		Response init = mcp2025(null, """
				{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",
				"capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""");
		assertThat(init.status()).as(init.body()).isEqualTo(200);
		String session = init.header("Mcp-Session-Id");
		assertThat(mcp2025(session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").status())
			.isEqualTo(202);
		return session;
	}

	private Response followBatch2025(String session) {
		return mcp2025(session, """
				{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"services_logs",
				"arguments":{"service_id":"batch","lines":10,"follow":true}}}""");
	}

	private void setLevel2025(String session, String level) {
		Response set = mcp2025(session,
				"{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"logging/setLevel\",\"params\":{\"level\":\"" + level
						+ "\"}}");
		assertThat(set.json().path("error").isMissingNode()).as(set.body()).isTrue();
	}

	@Test
	void onThe2025EraFollowedLogLinesComeAtTheLevelTheSessionSet() {
		String session = open2025();
		// before logging/setLevel: info and above
		Response first = followBatch2025(session);
		assertThat(first.streamed()).as(first.body()).isTrue();
		assertThat(logLines(first)).containsExactlyInAnyOrder(BATCH_LINES);
		assertThat(first.rpc().path("result").path("isError").asBoolean(true)).as(first.body()).isFalse();
		// notice: the stderr line alone
		setLevel2025(session, "notice");
		Response notice = followBatch2025(session);
		assertThat(logLines(notice)).containsExactly("notice services_logs stderr: batch-2");
		assertThat(notice.rpc().path("result").path("structuredContent").path("lines")).hasSize(3);
		// warning: nothing to send, so the answer is the result alone
		setLevel2025(session, "warning");
		Response warning = followBatch2025(session);
		assertThat(logLines(warning)).isEmpty();
		assertThat(warning.rpc().path("result").path("structuredContent").path("lines")).hasSize(3);
	}

	/**
	 * The legacy HTTP+SSE transport (2024-11-05) is the same SDK session as Streamable
	 * HTTP: a call's log messages come on the session's one stream, before the call's
	 * response, at the level {@code logging/setLevel} set.
	 */
	@Test
	void overLegacySseFollowedLogLinesComeOnTheStreamAtTheLevelTheSessionSet() throws Exception {
		try (LegacySseSession session = LegacySseSession.open(baseUrl(), ADMIN_TOKEN)) {
			JsonNode initialized = session.initialize("2024-11-05", STREAM_WAIT);
			assertThat(initialized.path("result").path("protocolVersion").asString()).isEqualTo("2024-11-05");
			assertThat(initialized.path("result").path("capabilities").has("logging")).isTrue();
			// before logging/setLevel: info and above
			List<JsonNode> first = followBatchLegacy(session, 3);
			assertThat(logLines(first)).containsExactlyInAnyOrder(BATCH_LINES);
			assertThat(first.get(first.size() - 1).path("result").path("isError").asBoolean(true)).isFalse();
			// notice: the stderr line alone, the stdout lines below it are not sent
			setLevelLegacy(session, 4, "notice");
			List<JsonNode> notice = followBatchLegacy(session, 5);
			assertThat(logLines(notice)).containsExactly("notice services_logs stderr: batch-2");
			assertThat(notice.get(notice.size() - 1).path("result").path("structuredContent").path("lines")).hasSize(3);
			// warning: every line is below it; the result still has them all
			setLevelLegacy(session, 6, "warning");
			List<JsonNode> warning = followBatchLegacy(session, 7);
			assertThat(logMessages(warning)).isEmpty();
			assertThat(warning).hasSize(1);
			assertThat(warning.get(0).path("result").path("structuredContent").path("lines")).hasSize(3);
		}
	}

	/**
	 * A follow of the batch's log on the legacy session: the stream's messages up to its
	 * response.
	 */
	private static List<JsonNode> followBatchLegacy(LegacySseSession session, int id) {
		assertThat(session.post("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":"
				+ "{\"name\":\"services_logs\",\"arguments\":{\"service_id\":\"batch\",\"lines\":10,\"follow\":true}}}")
			.statusCode()).isLessThan(300);
		List<JsonNode> messages = session.messagesUntilResponse(id, STREAM_WAIT);
		JsonNode response = messages.get(messages.size() - 1);
		assertThat(response.path("error").isMissingNode()).as(response.toString()).isTrue();
		return messages;
	}

	private static void setLevelLegacy(LegacySseSession session, int id, String level) {
		assertThat(session
			.post("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"logging/setLevel\",\"params\":{\"level\":\""
					+ level + "\"}}")
			.statusCode()).isLessThan(300);
		List<JsonNode> messages = session.messagesUntilResponse(id, STREAM_WAIT);
		assertThat(messages.get(messages.size() - 1).path("error").isMissingNode()).as(messages.toString()).isTrue();
	}

	@Test
	void onThe2026EraALogLevelThatIsNoLevelIsRefused() {
		Response banana = followBatch("banana");
		assertThat(banana.status()).isEqualTo(400);
		assertThat(banana.json().path("error").path("code").asInt()).isEqualTo(-32602);
		assertThat(banana.json().path("error").path("message").asString()).contains("io.modelcontextprotocol/logLevel")
			.contains("debug, info, notice, warning, error, critical, alert, emergency");
		Response shouting = followBatch("INFO");
		assertThat(shouting.status()).isEqualTo(400);
	}

	@Test
	void overRestAFollowedLogStreamsItsLinesAsEventsNamedAfterTheTool() {
		Response response = send(request("/tools/services_logs", ADMIN_TOKEN).header("Accept", "text/event-stream")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"service_id\":\"batch\",\"lines\":10,\"follow\":true}"))
			.build());
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		// the same format as before levels: the event is the logger, the data the line;
		// the stderr line (notice) is above REST's threshold (info) too
		assertThat(response.body()).contains("event:services_logs\ndata:stdout: batch-1\n")
			.contains("event:services_logs\ndata:stderr: batch-2\n")
			.contains("event:services_logs\ndata:stdout: batch-3\n")
			.contains("event:result");
		assertThat(response.body().indexOf("event:result")).isGreaterThan(response.body().lastIndexOf("batch-3\n"));
	}

	/** services_logs following the batch's log over REST, as an event stream. */
	private Response followBatchOverRest(String query) {
		return send(request("/tools/services_logs" + query, ADMIN_TOKEN).header("Accept", "text/event-stream")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"service_id\":\"batch\",\"lines\":10,\"follow\":true}"))
			.build());
	}

	/** The events of a REST event stream as "event data", in order. */
	private static List<String> restEvents(Response response) {
		List<String> events = new ArrayList<>();
		for (String block : response.body().split("\n\n")) {
			String event = null;
			StringBuilder data = new StringBuilder();
			for (String line : block.split("\n")) {
				if (line.startsWith("event:")) {
					event = line.substring("event:".length());
				}
				else if (line.startsWith("data:")) {
					data.append((data.length() > 0) ? "\n" : "").append(line.substring("data:".length()));
				}
			}
			if (event != null) {
				events.add(event + " " + data);
			}
		}
		return events;
	}

	/**
	 * The log-line events of a REST event stream (those of services_logs) as "event
	 * data".
	 */
	private static List<String> restLogLines(Response response) {
		return restEvents(response).stream().filter((event) -> event.startsWith("services_logs ")).toList();
	}

	private static JsonNode restResult(Response response) {
		List<String> events = restEvents(response);
		String last = events.get(events.size() - 1);
		assertThat(last).as(response.body()).startsWith("result ");
		return ToolJson.mapper().readTree(last.substring("result ".length()));
	}

	@Test
	void overRestTheCallerChoosesTheLowestLevelOfTheLinesItGets() {
		// notice: the stderr line, not the stdout lines below it; the same wire format
		Response notice = followBatchOverRest("?log_level=notice");
		assertThat(notice.status()).as(notice.body()).isEqualTo(200);
		assertThat(notice.body()).contains("event:services_logs\ndata:stderr: batch-2\n")
			.doesNotContain("data:stdout:");
		assertThat(restLogLines(notice)).containsExactly("services_logs stderr: batch-2");
		assertThat(restResult(notice).path("lines")).hasSize(3);
		// debug, in any case: every line
		assertThat(restLogLines(followBatchOverRest("?log_level=DEBUG"))).containsExactlyInAnyOrder(
				"services_logs stdout: batch-1", "services_logs stderr: batch-2", "services_logs stdout: batch-3");
		// warning: every line is below it; the result still has them all
		Response warning = followBatchOverRest("?log_level=Warning");
		assertThat(restLogLines(warning)).isEmpty();
		assertThat(restResult(warning).path("lines")).hasSize(3);

		// a level that is none: a problem naming the parameter and the levels, before the
		// tool runs
		Response bogus = followBatchOverRest("?log_level=bogus");
		assertThat(bogus.status()).as(bogus.body()).isEqualTo(400);
		assertThat(bogus.header("Content-Type")).startsWith("application/problem+json");
		assertThat(bogus.json().path("code").asString()).isEqualTo("invalid_arguments");
		assertThat(bogus.json().path("argument").asString()).isEqualTo("log_level");
		assertThat(bogus.json().path("detail").asString())
			.startsWith("Invalid argument 'log_level': must be one of "
					+ "debug, info, notice, warning, error, critical, alert, emergency")
			.endsWith("got 'bogus'");
		// nothing ran, so nothing is on record: the notice call is, the refused one is
		// not
		String ran = notice.header("X-Request-ID");
		String refused = bogus.json().path("request_id").asString();
		List<String> recorded = Eventually.poll(Duration.ofSeconds(10), this::servicesLogsRequestIds,
				(ids) -> ids.contains(ran));
		assertThat(recorded).contains(ran).doesNotContain(refused);
		// a JSON call has no stream, but a level that is none is refused there too
		Response json = send(
				request("/tools/services_logs?log_level=loud", ADMIN_TOKEN).header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString("{\"service_id\":\"batch\",\"lines\":1}"))
					.build());
		assertThat(json.status()).isEqualTo(400);
		assertThat(json.json().path("argument").asString()).isEqualTo("log_level");
	}

	/** The request ids of services_logs calls in the default tenant's audit trail. */
	private List<String> servicesLogsRequestIds() {
		Response audit = get("/audit?tool=services_logs&limit=500", ADMIN_TOKEN);
		assertThat(audit.status()).as(audit.body()).isEqualTo(200);
		return audit.json().path("records").valueStream().map((r) -> r.path("request_id").asString()).toList();
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
