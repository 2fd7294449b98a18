package cl.smartercl.mcp.testsupport.botpress;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import cl.smartercl.mcp.testsupport.SharedPeers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The oracle of the double's Cloud half: the official Botpress Cloud client
 * {@code @botpress/client} (npm, MIT), run by Node 22
 * ({@code ../shared/peers/node22.sh}), lists bots and conversations, reads analytics and
 * deploys a version against the double. If the official client cannot use the double, the
 * double is wrong.
 */
class BotpressCloudOracleIT {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static BotpressDouble botpress;

	private static JsonNode seen;

	@BeforeAll
	static void driveTheDoubleWithTheOfficialClient() throws Exception {
		botpress = new BotpressDouble();
		Path node = Path.of(SharedPeers
			.run(Duration.ofMinutes(5), "bash", SharedPeers.shared().resolve("peers/node22.sh").toString())
			.strip()
			.lines()
			.reduce((a, b) -> b)
			.orElseThrow());
		Path dir = SharedPeers.repositoryRoot().resolve("smartermcp-test-support/src/test/node");
		if (!Files.isDirectory(dir.resolve("node_modules/@botpress/client"))) {
			run(dir, node, Duration.ofMinutes(10), "npm", "install", "--no-audit", "--no-fund", "--no-package-lock");
		}
		String out = run(dir, node, Duration.ofMinutes(2), node.toString(), "cloud-oracle.mjs", botpress.url(),
				BotpressSeed.CLOUD_TOKEN, BotpressSeed.CLOUD_WORKSPACE, BotpressSeed.CLOUD_SUPPORT_BOT,
				BotpressSeed.CLOUD_OTHER_TOKEN, BotpressSeed.CLOUD_FOREIGN_BOT);
		seen = JSON.readTree(out.lines().reduce((a, b) -> b).orElseThrow());
	}

	@AfterAll
	static void stop() {
		if (botpress != null) {
			botpress.close();
		}
	}

	@Test
	void listsTheWorkspaceBotsPageByPage() {
		assertThat(texts(seen.path("firstPage").path("ids"))).containsExactly("bot_support", "bot_sales");
		assertThat(seen.path("firstPage").path("nextToken").asText()).isNotEmpty();
		assertThat(seen.path("allBots").findValuesAsText("id")).containsExactly("bot_support", "bot_sales",
				"bot_draft");
		assertThat(seen.path("allBots").get(2).path("deployedAt").isNull()).isTrue();
	}

	@Test
	void listsConversationsOfTheBotNamedByXBotIdNewestFirst() {
		JsonNode page = seen.path("conversationPage");
		assertThat(page).hasSize(10);
		assertThat(page.get(0).path("id").asText()).isEqualTo("conv_025");
		assertThat(page.get(0).path("updatedAt").asText()).isGreaterThan(page.get(9).path("updatedAt").asText());
		assertThat(seen.path("conversationNext").asText()).isNotEmpty();
		assertThat(seen.path("allConversations").asInt()).isEqualTo(BotpressSeed.CLOUD_SUPPORT_CONVERSATIONS);
		assertThat(seen.path("messages").findValuesAsText("direction")).contains("incoming", "outgoing");
		assertThat(texts(seen.path("participants"))).containsExactly("user_124");
		JsonNode recorded = JSON.valueToTree(botpress.requests()
			.stream()
			.filter((r) -> r.target().startsWith("/v1/chat/conversations?"))
			.map((r) -> r.header("x-bot-id"))
			.toList());
		assertThat(texts(recorded)).isNotEmpty().containsOnly(BotpressSeed.CLOUD_SUPPORT_BOT);
	}

	@Test
	void readsAnalyticsForBothRequiredDates() {
		assertThat(seen.path("analytics").path("records").asInt()).isEqualTo(7);
		assertThat(seen.path("analytics").path("sessions").asInt()).isEqualTo(7 * BotpressSeed.CLOUD_DAILY_SESSIONS);
	}

	@Test
	void deploysASavedVersion() {
		assertThat(texts(seen.path("versions"))).containsExactly("bot_support_ver_1", "bot_support_ver_2",
				"bot_support_ver_3");
		assertThat(seen.path("deploy").isObject()).isTrue();
		assertThat(seen.path("deployedAt").asText()).isNotEmpty();
		assertThat(botpress.deployedVersion(BotpressSeed.CLOUD_SUPPORT_BOT)).isEqualTo("bot_support_ver_3");
	}

	@Test
	void errorsReachTheClientAsItsTypedErrors() {
		assertThat(seen.path("badToken").path("type").asText()).isEqualTo("Unauthorized");
		assertThat(seen.path("badToken").path("code").asInt()).isEqualTo(401);
		assertThat(seen.path("foreignBot").path("type").asText()).isEqualTo("ResourceNotFound");
		assertThat(seen.path("foreignWorkspace").path("type").asText()).isEqualTo("Forbidden");
		assertThat(seen.path("missingVersion").path("type").asText()).isEqualTo("ResourceNotFound");
	}

	private static List<String> texts(JsonNode array) {
		List<String> texts = new ArrayList<>();
		array.forEach((item) -> texts.add(item.asText()));
		return texts;
	}

	private static String run(Path dir, Path node, Duration timeout, String... command) throws Exception {
		ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
		builder.environment().put("PATH", node.getParent() + ":" + System.getenv("PATH"));
		Path err = Files.createTempFile("botpress-oracle", ".err");
		builder.redirectError(err.toFile());
		Process process = builder.start();
		process.getOutputStream().close();
		String out = new String(process.getInputStream().readAllBytes());
		if (!process.waitFor(timeout.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout);
		}
		String errors = Files.readString(err);
		Files.deleteIfExists(err);
		if (process.exitValue() != 0) {
			throw new IllegalStateException(
					String.join(" ", command) + " exited " + process.exitValue() + ": " + errors);
		}
		return out;
	}

}
