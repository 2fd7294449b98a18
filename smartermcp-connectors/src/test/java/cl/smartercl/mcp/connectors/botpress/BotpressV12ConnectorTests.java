package cl.smartercl.mcp.connectors.botpress;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
import cl.smartercl.mcp.testsupport.MutableClock;
import cl.smartercl.mcp.testsupport.botpress.BotpressDouble;
import cl.smartercl.mcp.testsupport.botpress.BotpressDouble.Recorded;
import cl.smartercl.mcp.testsupport.botpress.BotpressSeed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bot tools on self-hosted Botpress v12, against the Botpress double. */
class BotpressV12ConnectorTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-05-20T10:00:00Z"));

	private final BotpressDouble botpress = new BotpressDouble(0, this.clock);

	@TempDir
	Path archives;

	@AfterEach
	void stop() {
		this.botpress.close();
	}

	private BotpressConnector connector() {
		return BotpressTesting
			.connector(BotpressTesting.v12(this.botpress.url(), BotpressSeed.V12_PASSWORD, this.archives), this.clock);
	}

	@Test
	void logsInOnceAndListsTheWorkspaceBotsWithStatusAndStage() {
		BotpressConnector connector = connector();
		BotsList.Output out = connector.list(new BotsList.Input(null)).block();
		connector.list(new BotsList.Input(null)).block();

		assertThat(out.bots()).extracting(BotsList.Bot::id).containsExactly("welcome-bot", "faq-bot", "legacy-bot");
		assertThat(out.bots()).extracting(BotsList.Bot::status)
			.containsExactly(BotsList.Status.ENABLED, BotsList.Status.ENABLED, BotsList.Status.DISABLED);
		assertThat(out.bots()).extracting(BotsList.Bot::pipelineStage).containsExactly("prod", "staging", "prod");
		assertThat(out.bots().get(0).description()).isEqualTo("Greets visitors on the website");
		assertThat(out.bots().get(2).description()).isNull();
		assertThat(out.total()).isEqualTo(3);
		assertThat(out.truncated()).isFalse();
		assertThat(this.botpress.logins()).containsExactly(BotpressSeed.V12_EMAIL);
		Recorded login = this.botpress.requests().get(0);
		assertThat(login.method() + " " + login.target()).isEqualTo("POST /api/v1/auth/login/basic/default");
		List<Recorded> lists = this.botpress.requests().subList(1, 3);
		assertThat(lists).allSatisfy((call) -> {
			assertThat(call.target()).isEqualTo("/api/v2/admin/workspace/bots");
			assertThat(call.header("Authorization")).startsWith("Bearer ey");
			assertThat(call.header("X-BP-Workspace")).isEqualTo("default");
		});
	}

	@Test
	void renewsTheLoginBeforeTheJwtExpires() {
		this.botpress.jwtLifetime(Duration.ofMinutes(10));
		BotpressConnector connector = connector();
		connector.list(new BotsList.Input(null)).block();
		this.clock.advance(Duration.ofMinutes(5));
		connector.list(new BotsList.Input(null)).block();
		assertThat(this.botpress.logins()).hasSize(1);

		this.clock.advance(Duration.ofMinutes(4).plusSeconds(30));
		BotsList.Output out = connector.list(new BotsList.Input(null)).block();

		assertThat(out.count()).isEqualTo(3);
		assertThat(this.botpress.logins()).hasSize(2);
		// renewed before use: no call went out with the JWT about to expire
		assertThat(this.botpress.requests()).extracting((r) -> r.method() + " " + r.target())
			.containsExactly("POST /api/v1/auth/login/basic/default", "GET /api/v2/admin/workspace/bots",
					"GET /api/v2/admin/workspace/bots", "POST /api/v1/auth/login/basic/default",
					"GET /api/v2/admin/workspace/bots");
	}

	@Test
	void aJwtRevokedEarlyIsRenewedOnceOn401() {
		BotpressConnector connector = connector();
		connector.list(new BotsList.Input(null)).block();
		this.botpress.expireJwts();

		BotsList.Output out = connector.list(new BotsList.Input(null)).block();

		assertThat(out.count()).isEqualTo(3);
		assertThat(this.botpress.logins()).hasSize(2);
	}

	@Test
	void aRefusedLoginNamesTheAccountButNeverThePassword() {
		BotpressConnector wrong = BotpressTesting
			.connector(BotpressTesting.v12(this.botpress.url(), "wrong-password-value", null), this.clock);

		assertThatThrownBy(() -> wrong.list(new BotsList.Input(null)).block()).isInstanceOf(BackendException.class)
			.hasMessageContaining("refused the login of admin@example.com")
			.hasMessageContaining("Invalid email or password")
			.hasMessageNotContaining("wrong-password-value");
	}

	@Test
	void conversationsComeFromHandoffsAndSaySo() {
		BotpressConnector connector = connector();
		List<String> ids = new ArrayList<>();
		String cursor = null;
		BotsConversations.Output page;
		do {
			page = connector.conversations(new BotsConversations.Input("welcome-bot", 5, cursor, null)).block();
			page.conversations().forEach((c) -> ids.add(c.id()));
			cursor = page.nextCursor();
		}
		while (cursor != null);

		assertThat(ids).hasSize(BotpressSeed.V12_WELCOME_HANDOFFS).doesNotHaveDuplicates();
		assertThat(ids.get(0)).isEqualTo("thread-511");
		assertThat(page.source()).isEqualTo("v12_hitl_handoffs");
		assertThat(page.limitations()).contains("only the conversations handed off to a human");
		Recorded call = this.botpress.requests()
			.stream()
			.filter((r) -> r.target().startsWith("/api/v1/bots/welcome-bot/mod/hitlnext/handoffs?"))
			.findFirst()
			.orElseThrow();
		assertThat(call.target()).contains("limit=6").contains("column=createdAt").contains("desc=true");
		assertThat(call.header("X-BP-Workspace")).isEqualTo("default");
	}

	@Test
	void aHandoffNamesUserAndAgentAndItsLastMessagesWhenAsked() {
		BotsConversations.Output out = connector().conversations(new BotsConversations.Input("welcome-bot", 1, null, 2))
			.block();

		BotsConversations.BotConversation newest = out.conversations().get(0);
		assertThat(newest.channel()).isEqualTo("messenger");
		assertThat(newest.participants()).containsExactly("visitor-711", "agent-ana");
		assertThat(newest.status()).isEqualTo("resolved");
		assertThat(newest.messageCount()).isNull();
		assertThat(newest.lastMessages()).hasSize(2);
		assertThat(newest.lastMessages().get(0).text()).isEqualTo("An agent will be with you shortly, message 4");
		assertThat(newest.lastMessages().get(0).direction()).isEqualTo("outgoing");
	}

	@Test
	void aBotWithoutTheHitlModuleIsUnavailableNotEmpty() {
		assertThatThrownBy(
				() -> connector().conversations(new BotsConversations.Input("legacy-bot", null, null, null)).block())
			.isInstanceOf(ServiceUnavailableException.class)
			.hasMessageContaining("hitlnext module");
	}

	@Test
	void analyticsSumTheModulesDailyRowsAndComputeTheCompletionRate() {
		BotsAnalytics.Output out = connector()
			.analytics(new BotsAnalytics.Input("welcome-bot", BotsPeriod.TODAY, null, null))
			.block();

		assertThat(out.source()).isEqualTo("v12_analytics_module");
		assertThat(out.since()).isEqualTo(Instant.parse("2026-05-20T00:00:00Z"));
		assertThat(out.metrics()).contains(new BotsAnalytics.Metric("sessions", 8, "sessions_count"),
				new BotsAnalytics.Metric("messages_in", 30, "msg_received_count"),
				new BotsAnalytics.Metric("messages_out", 33, "msg_sent_count"),
				new BotsAnalytics.Metric("users", 6, "new_users_count + returning_users_count"),
				new BotsAnalytics.Metric("completion_rate", 0.7, "workflow_completed_count / workflow_started_count"));
		assertThat(out.unavailable()).isEmpty();
		Recorded call = this.botpress.requests()
			.stream()
			.filter((r) -> r.target().startsWith("/api/v1/bots/welcome-bot/mod/analytics/channel/all?"))
			.findFirst()
			.orElseThrow();
		assertThat(call.target()).contains("start=" + Instant.parse("2026-05-20T00:00:00Z").getEpochSecond())
			.contains("end=" + Instant.parse("2026-05-20T10:00:00Z").getEpochSecond());
	}

	@Test
	void aBotTrackingNoWorkflowsHasNoCompletionRateAndSaysWhy() {
		BotsAnalytics.Output out = connector()
			.analytics(new BotsAnalytics.Input("faq-bot", BotsPeriod.WEEK, null, null))
			.block();

		// Wednesday the 20th: the week began on Monday the 18th, three days
		assertThat(out.since()).isEqualTo(Instant.parse("2026-05-18T00:00:00Z"));
		assertThat(out.metrics()).extracting(BotsAnalytics.Metric::name).doesNotContain("completion_rate");
		assertThat(out.metrics()).contains(new BotsAnalytics.Metric("sessions", 24, "sessions_count"));
		assertThat(out.unavailable()).singleElement().asString().startsWith("completion_rate");
	}

	@Test
	void deploysTheHighestArchiveVersionImportsReloadsAndChecksItIsEnabled() throws Exception {
		BotpressDouble.writeArchive(this.archives, "welcome-bot", "1.2.0");
		Path newest = BotpressDouble.writeArchive(this.archives, "welcome-bot", "1.10.0");
		BotpressDouble.writeArchive(this.archives, "welcome-bot", "1.9.3");
		BotpressConnector connector = connector();

		BotsDeploy.Output out = connector.deploy(new BotsDeploy.Input("welcome-bot", null, null)).block();

		assertThat(out.status()).isEqualTo("deployed");
		assertThat(out.version()).isEqualTo("1.10.0");
		assertThat(out.message()).contains("reloaded").contains("enabled");
		assertThat(this.botpress.imported("welcome-bot")).singleElement().isEqualTo(Files.readAllBytes(newest));
		Recorded imported = this.botpress.requests()
			.stream()
			.filter((r) -> r.method().equals("POST") && r.target().contains("/import"))
			.findFirst()
			.orElseThrow();
		assertThat(imported.target()).isEqualTo("/api/v2/admin/workspace/bots/welcome-bot/import?overwrite=true");
		assertThat(imported.header("Content-Type")).isEqualTo("application/tar+gzip");
		assertThat(this.botpress.requests()).extracting((r) -> r.method() + " " + r.target())
			.containsSubsequence("POST /api/v2/admin/workspace/bots/welcome-bot/import?overwrite=true",
					"POST /api/v2/admin/workspace/bots/welcome-bot/reload", "GET /api/v2/admin/workspace/bots");
	}

	@Test
	void theSameVersionAgainIsNothingToDoUnlessForced() {
		BotpressDouble.writeArchive(this.archives, "faq-bot", "2.0.0");
		BotpressConnector connector = connector();
		connector.deploy(new BotsDeploy.Input("faq-bot", "2.0.0", null)).block();

		BotsDeploy.Output again = connector.deploy(new BotsDeploy.Input("faq-bot", "2.0.0", null)).block();
		assertThat(again.status()).isEqualTo("unchanged");
		assertThat(again.message()).startsWith("Nothing to do: version 2.0.0");
		assertThat(this.botpress.imported("faq-bot")).hasSize(1);

		BotsDeploy.Output forced = connector.deploy(new BotsDeploy.Input("faq-bot", "2.0.0", true)).block();
		assertThat(forced.status()).isEqualTo("deployed");
		assertThat(this.botpress.imported("faq-bot")).hasSize(2);
	}

	@Test
	void aFailedImportLeavesTheOldBotRunningAndSaysSo() {
		BotpressDouble.writeArchive(this.archives, "welcome-bot", "3.0.0");
		this.botpress.failImportsOf("welcome-bot");
		BotpressConnector connector = connector();

		assertThatThrownBy(() -> connector.deploy(new BotsDeploy.Input("welcome-bot", "3.0.0", null)).block())
			.isInstanceOf(BackendException.class)
			.hasMessageContaining("refused the import of welcome-bot/3.0.0.tgz")
			.hasMessageContaining("the archive is invalid")
			.hasMessageContaining("the previous bot is still running (enabled), unchanged");
		assertThat(this.botpress.requests()).noneMatch((r) -> r.target().endsWith("/reload"));
		BotsList.Bot bot = connector.list(new BotsList.Input(null)).block().bots().get(0);
		assertThat(bot.status()).isEqualTo(BotsList.Status.ENABLED);
		// a failed deploy is not remembered: the same version is tried again
		assertThatThrownBy(() -> connector.deploy(new BotsDeploy.Input("welcome-bot", "3.0.0", null)).block())
			.isInstanceOf(BackendException.class);
	}

	@Test
	void aMissingArchiveIsNotFoundAndNamesTheVersionsThere() {
		BotpressDouble.writeArchive(this.archives, "welcome-bot", "1.0.0");

		assertThatThrownBy(() -> connector().deploy(new BotsDeploy.Input("welcome-bot", "4.0.0", null)).block())
			.isInstanceOf(NotFoundException.class)
			.hasMessageContaining("welcome-bot/4.0.0.tgz")
			.hasMessageContaining("1.0.0");
		assertThatThrownBy(
				() -> connector().deploy(new BotsDeploy.Input("welcome-bot", "../../etc/passwd", null)).block())
			.isInstanceOf(InvalidArgumentsException.class)
			.hasMessageContaining("version");
	}

	@Test
	void withoutAnArchivesFolderNothingCanBeDeployed() {
		BotpressConnector noArchives = BotpressTesting
			.connector(BotpressTesting.v12(this.botpress.url(), BotpressSeed.V12_PASSWORD, null), this.clock);

		assertThatThrownBy(() -> noArchives.deploy(new BotsDeploy.Input("welcome-bot", null, null)).block())
			.isInstanceOf(InvalidArgumentsException.class)
			.hasMessageContaining("archives");
	}

	@Test
	void aBotOfAnotherWorkspaceIsNotFoundAndNeverRequested() {
		BotpressDouble.writeArchive(this.archives, BotpressSeed.V12_FOREIGN_BOT, "1.0.0");
		BotpressConnector connector = connector();

		assertThatThrownBy(() -> connector
			.conversations(new BotsConversations.Input(BotpressSeed.V12_FOREIGN_BOT, null, null, null))
			.block()).isInstanceOf(NotFoundException.class);
		assertThatThrownBy(
				() -> connector.analytics(new BotsAnalytics.Input(BotpressSeed.V12_FOREIGN_BOT, null, null, null))
					.block())
			.isInstanceOf(NotFoundException.class);
		assertThatThrownBy(
				() -> connector.deploy(new BotsDeploy.Input(BotpressSeed.V12_FOREIGN_BOT, null, null)).block())
			.isInstanceOf(NotFoundException.class)
			.hasMessageContaining("Bot 'partner-bot' not found");

		assertThat(this.botpress.requests()).allSatisfy((r) -> assertThat(r.target()).doesNotContain("partner-bot"));
		assertThat(this.botpress.imported(BotpressSeed.V12_FOREIGN_BOT)).isEmpty();
	}

	@Test
	void rateLimitingHangsAndGarbageAreNamedForWhatTheyAre() {
		BotpressConnector connector = connector();
		connector.list(new BotsList.Input(null)).block();

		this.botpress.failNext(429);
		assertThatThrownBy(() -> connector.list(new BotsList.Input(null)).block())
			.isInstanceOf(ServiceUnavailableException.class)
			.hasMessageContaining("HTTP 429");
		this.botpress.garbageNext();
		assertThatThrownBy(() -> connector.list(new BotsList.Input(null)).block()).isInstanceOf(BackendException.class)
			.hasMessageContaining("answered something that is not valid JSON");
		BotpressConnector impatient = BotpressTesting.connector(
				BotpressTesting.v12(this.botpress.url(), BotpressSeed.V12_PASSWORD, null), this.clock,
				BotpressTesting.options(this.clock, Duration.ofSeconds(2)));
		impatient.list(new BotsList.Input(null)).block();
		this.botpress.hangNext();
		assertThatThrownBy(() -> impatient.list(new BotsList.Input(null)).block())
			.isInstanceOf(ServiceUnavailableException.class)
			.hasMessageContaining("no answer within 2 s from Botpress at 127.0.0.1:");
	}

	@Test
	void aServerWithoutTheAdminRoutesIsABackendErrorNamingThe404() {
		BotpressConnector connector = connector();
		connector.list(new BotsList.Input(null)).block();
		this.botpress.failNext(404);

		assertThatThrownBy(() -> connector.list(new BotsList.Input(null)).block()).isInstanceOf(BackendException.class)
			.hasMessageContaining("could not list the bots of workspace default (HTTP 404");
	}

	@Test
	void theProbeLogsInAndListsTheBots() {
		ProbeResult healthy = BotpressTesting
			.probe(BotpressTesting.v12(this.botpress.url(), BotpressSeed.V12_PASSWORD, null))
			.probe()
			.block();
		ProbeResult refused = BotpressTesting.probe(BotpressTesting.v12(this.botpress.url(), "nope-nope", null))
			.probe()
			.block();

		assertThat(healthy.status()).isEqualTo(HealthStatus.HEALTHY);
		assertThat(refused.status()).isEqualTo(HealthStatus.UNHEALTHY);
		assertThat(refused.detail()).contains("refused the login").doesNotContain("nope-nope");
	}

}
