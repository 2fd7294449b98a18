package cl.smartercl.mcp.connectors.botpress;

import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import cl.smartercl.mcp.core.error.BackendException;
import cl.smartercl.mcp.core.error.InvalidArgumentsException;
import cl.smartercl.mcp.core.error.NotFoundException;
import cl.smartercl.mcp.core.error.ServiceUnavailableException;
import cl.smartercl.mcp.core.health.ProbeResult;
import cl.smartercl.mcp.core.tools.bots.BotsAnalytics;
import cl.smartercl.mcp.core.tools.bots.BotsConversations;
import cl.smartercl.mcp.core.tools.bots.BotsDeploy;
import cl.smartercl.mcp.core.tools.bots.BotsList;
import cl.smartercl.mcp.core.tools.bots.BotsPeriod;
import cl.smartercl.mcp.core.tools.services.HealthStatus;
import cl.smartercl.mcp.testsupport.botpress.BotpressDouble;
import cl.smartercl.mcp.testsupport.botpress.BotpressDouble.Recorded;
import cl.smartercl.mcp.testsupport.botpress.BotpressSeed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bot tools on Botpress Cloud, against the Botpress double. */
class BotpressCloudConnectorTests {

	private final BotpressDouble botpress = new BotpressDouble();

	private final BotpressConnector connector = BotpressTesting
		.connector(BotpressTesting.cloud(this.botpress.url(), BotpressSeed.CLOUD_TOKEN), Clock.systemUTC());

	@AfterEach
	void stop() {
		this.botpress.close();
	}

	@Test
	void listsTheWorkspaceBotsWithTheTokenAndWorkspaceHeaders() {
		BotsList.Output out = this.connector.list(new BotsList.Input(null)).block();

		assertThat(out.bots()).extracting(BotsList.Bot::id).containsExactly("bot_support", "bot_sales", "bot_draft");
		assertThat(out.bots().get(0).status()).isEqualTo(BotsList.Status.ENABLED);
		assertThat(out.bots().get(0).deployedAt()).isNotNull();
		assertThat(out.bots().get(2).status()).isEqualTo(BotsList.Status.NOT_DEPLOYED);
		assertThat(out.bots().get(2).deployedAt()).isNull();
		assertThat(out.truncated()).isFalse();
		assertThat(out.nextCursor()).isNull();
		Recorded call = only("GET", "/v1/admin/bots?");
		assertThat(call.header("Authorization")).isEqualTo("Bearer " + BotpressSeed.CLOUD_TOKEN);
		assertThat(call.header("x-workspace-id")).isEqualTo(BotpressSeed.CLOUD_WORKSPACE);
		assertThat(call.target()).contains("pageSize=50");
	}

	@Test
	void pagesBotsWithCloudsNextTokenInsideTheCursor() {
		this.botpress.maxPageSize(2);

		BotsList.Output first = this.connector.list(new BotsList.Input(null)).block();
		BotsList.Output second = this.connector.list(new BotsList.Input(first.nextCursor())).block();

		assertThat(first.bots()).extracting(BotsList.Bot::id).containsExactly("bot_support", "bot_sales");
		assertThat(first.truncated()).isTrue();
		assertThat(second.bots()).extracting(BotsList.Bot::id).containsExactly("bot_draft");
		assertThat(second.truncated()).isFalse();
		// Cloud's token is base64 with '=' padding: it arrives intact
		String token = this.botpress.requests().get(1).target().replaceAll(".*nextToken=", "");
		assertThat(URLDecoder.decode(token, StandardCharsets.UTF_8)).endsWith("=");
		assertThatThrownBy(() -> this.connector.list(new BotsList.Input("bm90LW91cnM")).block())
			.isInstanceOf(InvalidArgumentsException.class)
			.hasMessageContaining("cursor");
	}

	@Test
	void listsConversationsNewestFirstWithTheBotHeaderAndPagesThroughAll() {
		this.botpress.maxPageSize(4);
		List<String> ids = new ArrayList<>();
		String cursor = null;
		BotsConversations.Output page;
		do {
			page = this.connector.conversations(new BotsConversations.Input("bot_support", 10, cursor, null)).block();
			page.conversations().forEach((c) -> ids.add(c.id()));
			cursor = page.nextCursor();
			assertThat(page.truncated()).isEqualTo(cursor != null);
		}
		while (cursor != null);

		assertThat(ids).hasSize(BotpressSeed.CLOUD_SUPPORT_CONVERSATIONS).doesNotHaveDuplicates();
		assertThat(ids.get(0)).isEqualTo("conv_025");
		assertThat(ids.get(24)).isEqualTo("conv_001");
		assertThat(page.source()).isEqualTo("cloud_conversations");
		assertThat(page.limitations()).isNull();
		Recorded list = this.botpress.requests()
			.stream()
			.filter((r) -> r.target().startsWith("/v1/chat/conversations?"))
			.findFirst()
			.orElseThrow();
		assertThat(list.header("x-bot-id")).isEqualTo("bot_support");
		assertThat(list.target()).contains("sortField=updatedAt").contains("sortDirection=desc");
	}

	@Test
	void aConversationHasChannelParticipantsCountAndTheLastMessagesWhenAsked() {
		BotsConversations.Output out = this.connector
			.conversations(new BotsConversations.Input("bot_support", 2, null, 2))
			.block();

		BotsConversations.BotConversation newest = out.conversations().get(0);
		assertThat(newest.id()).isEqualTo("conv_025");
		assertThat(newest.channel()).isEqualTo("webchat");
		assertThat(newest.participants()).containsExactly("user_124");
		assertThat(newest.messageCount()).isEqualTo(3);
		assertThat(newest.startedAt()).isBefore(newest.updatedAt());
		assertThat(newest.lastMessages()).hasSize(2);
		assertThat(newest.lastMessages().get(0).createdAt()).isAfter(newest.lastMessages().get(1).createdAt());
		assertThat(newest.lastMessages().get(0).text()).isEqualTo("Question 2 from user_124");
		assertThat(newest.lastMessages().get(0).direction()).isEqualTo("incoming");
		assertThat(this.connector.conversations(new BotsConversations.Input("bot_support", 1, null, null))
			.block()
			.conversations()
			.get(0)
			.lastMessages()).isNull();
	}

	@Test
	void analyticsAreNormalisedAndNameTheirCloudMetric() {
		Instant to = Instant.parse("2026-03-10T12:00:00Z");
		BotsAnalytics.Output out = this.connector
			.analytics(new BotsAnalytics.Input("bot_support", null, to.minus(Duration.ofDays(2)), to))
			.block();

		// three UTC days: the 8th, 9th and 10th
		assertThat(out.period()).isEqualTo("custom");
		assertThat(out.source()).isEqualTo("cloud_bot_analytics");
		assertThat(metric(out, "sessions")).isEqualTo(new BotsAnalytics.Metric("sessions", 36, "sessions"));
		assertThat(metric(out, "messages_in")).isEqualTo(new BotsAnalytics.Metric("messages_in", 120, "userMessages"));
		assertThat(metric(out, "messages_out")).isEqualTo(new BotsAnalytics.Metric("messages_out", 165, "botMessages"));
		assertThat(metric(out, "users").value()).isEqualTo(24);
		assertThat(out.unavailable()).singleElement().asString().startsWith("completion_rate");
		Recorded call = only("GET", "/v1/admin/bots/bot_support/analytics?");
		assertThat(URLDecoder.decode(call.target(), StandardCharsets.UTF_8)).contains("startDate=2026-03-08T12:00:00Z")
			.contains("endDate=2026-03-10T12:00:00Z");
		assertThat(call.header("x-workspace-id")).isEqualTo(BotpressSeed.CLOUD_WORKSPACE);
	}

	@Test
	void aNamedPeriodEndsNow() {
		BotsAnalytics.Output out = this.connector
			.analytics(new BotsAnalytics.Input("bot_support", BotsPeriod.LAST_7_DAYS, null, null))
			.block();

		assertThat(out.period()).isEqualTo("7d");
		assertThat(Duration.between(out.since(), out.until())).isEqualTo(Duration.ofDays(7));
		assertThat(metric(out, "sessions").value()).isEqualTo(8 * BotpressSeed.CLOUD_DAILY_SESSIONS);
	}

	@Test
	void deploysTheNewestVersionThenNothingForTheSameVersionUnlessForced() {
		BotsDeploy.Output first = this.connector.deploy(new BotsDeploy.Input("bot_support", null, null)).block();

		assertThat(first.status()).isEqualTo("deployed");
		assertThat(first.version()).isEqualTo("bot_support_ver_3");
		assertThat(this.botpress.deployedVersion("bot_support")).isEqualTo("bot_support_ver_3");
		Recorded deploy = only("POST", "/v1/admin/bots/bot_support/versions/deploy");
		assertThat(deploy.header("Content-Type")).startsWith("application/json");

		BotsDeploy.Output again = this.connector.deploy(new BotsDeploy.Input("bot_support", "v3", false)).block();
		assertThat(again.status()).isEqualTo("unchanged");
		assertThat(again.message()).startsWith("Nothing to do");
		assertThat(requests("POST", "/v1/admin/bots/bot_support/versions/deploy")).hasSize(1);

		BotsDeploy.Output forced = this.connector.deploy(new BotsDeploy.Input("bot_support", "v3", true)).block();
		assertThat(forced.status()).isEqualTo("deployed");
		assertThat(forced.previousVersion()).isEqualTo("bot_support_ver_3");
		assertThat(requests("POST", "/v1/admin/bots/bot_support/versions/deploy")).hasSize(2);

		BotsDeploy.Output older = this.connector.deploy(new BotsDeploy.Input("bot_support", "bot_support_ver_1", null))
			.block();
		assertThat(older.status()).isEqualTo("deployed");
		assertThat(this.botpress.deployedVersion("bot_support")).isEqualTo("bot_support_ver_1");
	}

	@Test
	void anUnknownVersionIsNotFoundAndNamesTheKnownOnes() {
		assertThatThrownBy(() -> this.connector.deploy(new BotsDeploy.Input("bot_support", "v9", null)).block())
			.isInstanceOf(NotFoundException.class)
			.hasMessageContaining("bot_support_ver_1 (v1)");
	}

	@Test
	void aBotOfAnotherWorkspaceIsNotFoundAndNeverRequested() {
		assertThatThrownBy(() -> this.connector
			.conversations(new BotsConversations.Input(BotpressSeed.CLOUD_FOREIGN_BOT, null, null, null))
			.block()).isInstanceOf(NotFoundException.class).hasMessageContaining("Bot 'bot_foreign' not found");
		assertThatThrownBy(() -> this.connector
			.analytics(new BotsAnalytics.Input(BotpressSeed.CLOUD_FOREIGN_BOT, null, null, null))
			.block()).isInstanceOf(NotFoundException.class);
		assertThatThrownBy(
				() -> this.connector.deploy(new BotsDeploy.Input(BotpressSeed.CLOUD_FOREIGN_BOT, null, null)).block())
			.isInstanceOf(NotFoundException.class);

		assertThat(this.botpress.requests()).isNotEmpty().allSatisfy((r) -> {
			assertThat(r.target()).doesNotContain(BotpressSeed.CLOUD_FOREIGN_BOT);
			assertThat(r.header("x-bot-id")).isNull();
		});
		assertThat(this.botpress.deployedVersion(BotpressSeed.CLOUD_FOREIGN_BOT)).isNull();
	}

	@Test
	void aBotIdThatIsNoIdNeverReachesAUrl() {
		assertThatThrownBy(
				() -> this.connector.analytics(new BotsAnalytics.Input("../v1/admin", null, null, null)).block())
			.isInstanceOf(InvalidArgumentsException.class)
			.hasMessageContaining("bot_id");
		assertThat(this.botpress.requests()).isEmpty();
	}

	@Test
	void aRejectedTokenSaysSoWithoutTheToken() {
		BotpressConnector wrong = BotpressTesting
			.connector(BotpressTesting.cloud(this.botpress.url(), "bp_pat_wrong_secret"), Clock.systemUTC());

		assertThatThrownBy(() -> wrong.list(new BotsList.Input(null)).block()).isInstanceOf(BackendException.class)
			.hasMessageContaining("rejected the credentials")
			.hasMessageContaining("HTTP 401 Unauthorized")
			.hasMessageNotContaining("bp_pat_wrong_secret");
	}

	@Test
	void rateLimitingIsRetryableUnavailability() {
		this.botpress.failNext(429);

		assertThatThrownBy(() -> this.connector.list(new BotsList.Input(null)).block())
			.isInstanceOf(ServiceUnavailableException.class)
			.hasMessageContaining("limiting requests (HTTP 429)")
			.satisfies((ex) -> assertThat(((ServiceUnavailableException) ex).retryable()).isTrue());
	}

	@Test
	void aHangIsNoAnswerWithinTheTimeout() {
		BotpressConnector impatient = BotpressTesting.connector(
				BotpressTesting.cloud(this.botpress.url(), BotpressSeed.CLOUD_TOKEN), Clock.systemUTC(),
				BotpressTesting.options(Clock.systemUTC(), Duration.ofSeconds(2)));
		impatient.list(new BotsList.Input(null)).block();
		this.botpress.hangNext();

		assertThatThrownBy(() -> impatient.list(new BotsList.Input(null)).block())
			.isInstanceOf(ServiceUnavailableException.class)
			.hasMessageContaining("no answer within 2 s from Botpress at 127.0.0.1:");
	}

	@Test
	void garbageIsNotJson() {
		this.botpress.garbageNext();

		assertThatThrownBy(() -> this.connector.list(new BotsList.Input(null)).block())
			.isInstanceOf(BackendException.class)
			.hasMessageContaining("answered something that is not valid JSON");
	}

	@Test
	void aServerErrorIsABackendErrorWithItsSanitisedMessage() {
		this.botpress.failNext(500);

		assertThatThrownBy(() -> this.connector.list(new BotsList.Input(null)).block())
			.isInstanceOf(BackendException.class)
			.hasMessageContaining("HTTP 500 Internal: An internal error occurred");
	}

	@Test
	void a404WithoutABotpressErrorMeansTheUrlIsNotTheApiRoot() {
		BotpressConnector wrongRoot = BotpressTesting.connector(
				BotpressTesting.cloud(this.botpress.url() + "/not-the-api", BotpressSeed.CLOUD_TOKEN),
				Clock.systemUTC());

		assertThatThrownBy(() -> wrongRoot.list(new BotsList.Input(null)).block()).isInstanceOf(BackendException.class)
			.hasMessageContaining("HTTP 404")
			.hasMessageContaining("is the API root");
		assertThat(this.botpress.requests()).singleElement()
			.satisfies((r) -> assertThat(r.target()).startsWith("/not-the-api/v1/admin/bots?"));
	}

	@Test
	void aClosedPortCannotConnect() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		BotpressConnector nowhere = BotpressTesting.connector(BotpressTesting.cloud("http://127.0.0.1:" + port, "x"),
				Clock.systemUTC());

		assertThatThrownBy(() -> nowhere.list(new BotsList.Input(null)).block())
			.isInstanceOf(ServiceUnavailableException.class)
			.hasMessageContaining("cannot connect to Botpress at 127.0.0.1:" + port);
	}

	@Test
	void theProbeMakesAnAuthenticatedCall() {
		ProbeResult healthy = BotpressTesting
			.probe(BotpressTesting.cloud(this.botpress.url(), BotpressSeed.CLOUD_TOKEN))
			.probe()
			.block();
		ProbeResult rejected = BotpressTesting.probe(BotpressTesting.cloud(this.botpress.url(), "bp_pat_wrong"))
			.probe()
			.block();

		assertThat(healthy.status()).isEqualTo(HealthStatus.HEALTHY);
		assertThat(rejected.status()).isEqualTo(HealthStatus.UNHEALTHY);
		assertThat(rejected.detail()).contains("401").contains("token rejected");
		assertThat(this.botpress.requests())
			.allSatisfy((r) -> assertThat(r.header("Authorization")).startsWith("Bearer "));
	}

	private static BotsAnalytics.Metric metric(BotsAnalytics.Output out, String name) {
		return out.metrics().stream().filter((m) -> m.name().equals(name)).findFirst().orElseThrow();
	}

	private List<Recorded> requests(String method, String prefix) {
		return this.botpress.requests()
			.stream()
			.filter((r) -> r.method().equals(method) && r.target().startsWith(prefix))
			.toList();
	}

	private Recorded only(String method, String prefix) {
		List<Recorded> calls = requests(method, prefix);
		assertThat(calls).hasSize(1);
		return calls.get(0);
	}

}
