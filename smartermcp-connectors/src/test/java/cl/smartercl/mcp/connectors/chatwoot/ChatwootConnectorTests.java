package cl.smartercl.mcp.connectors.chatwoot;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import cl.smartercl.mcp.connectors.config.BackendsConfig;
import cl.smartercl.mcp.connectors.config.Secret;
import cl.smartercl.mcp.connectors.config.TenantConfig;
import cl.smartercl.mcp.connectors.ports.Connectors;
import cl.smartercl.mcp.connectors.ports.TenantPorts;
import cl.smartercl.mcp.core.error.BackendException;
import cl.smartercl.mcp.core.error.InvalidArgumentsException;
import cl.smartercl.mcp.core.error.ServiceUnavailableException;
import cl.smartercl.mcp.core.health.ProbeResult;
import cl.smartercl.mcp.core.tools.common.Period;
import cl.smartercl.mcp.core.tools.services.HealthStatus;
import cl.smartercl.mcp.core.tools.support.Conversation;
import cl.smartercl.mcp.core.tools.support.ConversationsPage;
import cl.smartercl.mcp.core.tools.support.SupportAgentsStatus;
import cl.smartercl.mcp.core.tools.support.SupportConversationsList;
import cl.smartercl.mcp.core.tools.support.SupportConversationsList.Status;
import cl.smartercl.mcp.core.tools.support.SupportConversationsSearch;
import cl.smartercl.mcp.core.tools.support.SupportMetrics;
import cl.smartercl.mcp.core.tools.support.SupportPort;
import cl.smartercl.mcp.testsupport.chatwoot.ChatwootDouble;
import cl.smartercl.mcp.testsupport.chatwoot.ChatwootExchange;
import cl.smartercl.mcp.testsupport.chatwoot.ChatwootOracle;
import cl.smartercl.mcp.testsupport.chatwoot.ChatwootSeed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Chatwoot connector against the Chatwoot test double: every tool, each argument
 * form, the outgoing requests (path, query, token header, body), the mapping, and every
 * failure. After each test, every exchange the connector had with the double is checked
 * against Chatwoot's swagger by the oracle; in the tests that make the double answer
 * something broken on purpose, the requests only.
 */
class ChatwootConnectorTests {

	/**
	 * Monday 2026-03-02 02:30 UTC: still Sunday evening in Bogotá (UTC-5, no daylight
	 * saving).
	 */
	static final Instant NOW = Instant.parse("2026-03-02T02:30:00Z");

	private static ChatwootDouble chatwoot;

	private static ChatwootOracle oracle;

	private final ChatwootOptions options = new ChatwootOptions(Duration.ofSeconds(2), Duration.ofSeconds(1), 10);

	private boolean brokenOnPurpose;

	private ChatwootApi api;

	@BeforeAll
	static void startDouble() {
		chatwoot = ChatwootDouble.start(NOW);
		oracle = new ChatwootOracle();
	}

	@AfterAll
	static void stopDouble() {
		chatwoot.close();
	}

	@BeforeEach
	void reset() {
		chatwoot.clearHooks();
		chatwoot.clearExchanges();
	}

	@AfterEach
	void everyExchangeIsChatwoots() {
		if (this.api != null) {
			this.api.close();
		}
		if (chatwoot.exchanges().isEmpty()) {
			return;
		}
		if (this.brokenOnPurpose) {
			// the double's answer was made broken on purpose; the connector's requests
			// must still be Chatwoot's
			oracle.assertRequestsValid(chatwoot.exchanges());
		}
		else {
			oracle.assertValid(chatwoot.exchanges());
		}
	}

	private SupportPort connector(String token) {
		return connector(token, ChatwootSeed.ACCOUNT, ZoneOffset.UTC);
	}

	private SupportPort connector(String token, long account, ZoneId zone) {
		this.api = new ChatwootApi("acme", chatwoot.url(), account, Secret.of(token), this.options);
		return new ChatwootConnector(this.api, this.options, zone, Clock.fixed(NOW, ZoneOffset.UTC));
	}

	private static List<ChatwootExchange> calls(String pathPart) {
		return chatwoot.exchanges().stream().filter((e) -> e.path().contains(pathPart)).toList();
	}

	// ---- support_conversations_list
	// -------------------------------------------------------------

	@ParameterizedTest
	@EnumSource(Status.class)
	void eachStatusIsAskedOfChatwootAndCounted(Status status) {
		ConversationsPage page = connector(ChatwootSeed.ADMIN_TOKEN)
			.listConversations(new SupportConversationsList.Input(status, null, 100, null))
			.block();
		// the seed of account 1: 62 open, 3 pending, 3 resolved, 2 snoozed
		long expected = switch (status) {
			case OPEN -> 62;
			case PENDING, RESOLVED -> 3;
			case SNOOZED -> 2;
			case ALL -> 70;
		};
		assertThat(page.total()).isEqualTo(expected);
		assertThat(page.count()).isEqualTo((int) Math.min(100, expected));
		assertThat(page.conversations()).allSatisfy((c) -> {
			if (status != Status.ALL) {
				assertThat(c.status()).isEqualTo(status.value());
			}
		});
		ChatwootExchange first = calls("/conversations").get(0);
		assertThat(first.method()).isEqualTo("GET");
		assertThat(first.path()).isEqualTo("/api/v1/accounts/1/conversations");
		assertThat(first.query()).isEqualTo("status=" + status.value() + "&assignee_type=all&page=1");
		assertThat(first.requestHeaders()).containsEntry("api_access_token", ChatwootSeed.ADMIN_TOKEN);
	}

	@Test
	void aConversationIsMappedWhole() {
		ConversationsPage page = connector(ChatwootSeed.ADMIN_TOKEN)
			.listConversations(new SupportConversationsList.Input(Status.OPEN, null, 1, null))
			.block();
		Conversation c = page.conversations().get(0);
		// the newest activity is conversation 1 (50 minutes ago)
		assertThat(c.id()).isEqualTo(1);
		assertThat(c.status()).isEqualTo("open");
		assertThat(c.priority()).isEqualTo("low");
		assertThat(c.inbox()).isEqualTo(new Conversation.Inbox(2, "Support Email", "email"));
		assertThat(c.contact())
			.isEqualTo(new Conversation.Contact(1, "María González", "maria.gonzalez@example.com", "+56912345678"));
		assertThat(c.assignee()).isEqualTo(new Conversation.Assignee(1, "Ana Admin", "ana@acme.test", "agent"));
		assertThat(c.lastActivityAt()).isEqualTo(NOW.minus(Duration.ofMinutes(50)));
		assertThat(c.lastMessage()).isEqualTo("¿Alguna novedad?");
		assertThat(c.waitingSince()).isNull();
		assertThat(c.link()).isEqualTo(URI.create(chatwoot.url() + "/app/accounts/1/conversations/1"));
		assertThat(page.counts().all()).isEqualTo(62);
		assertThat(page.truncated()).isTrue();
	}

	@Test
	void sixtyTwoOpenConversationsArePagedIntoFiftyThenTheRest() {
		SupportPort support = connector(ChatwootSeed.ADMIN_TOKEN);
		ConversationsPage first = support
			.listConversations(new SupportConversationsList.Input(Status.OPEN, null, 50, null))
			.block();
		assertThat(first.count()).isEqualTo(50);
		assertThat(first.total()).isEqualTo(62);
		assertThat(first.truncated()).isTrue();
		assertThat(first.nextCursor()).isNotNull();
		assertThat(calls("/conversations")).extracting(ChatwootExchange::query)
			.containsExactly("status=open&assignee_type=all&page=1", "status=open&assignee_type=all&page=2");
		chatwoot.clearExchanges();
		ConversationsPage rest = support
			.listConversations(new SupportConversationsList.Input(Status.OPEN, null, 50, first.nextCursor()))
			.block();
		assertThat(rest.count()).isEqualTo(12);
		assertThat(rest.truncated()).isFalse();
		assertThat(rest.nextCursor()).isNull();
		assertThat(calls("/conversations")).extracting(ChatwootExchange::query)
			.containsExactly("status=open&assignee_type=all&page=3");
		assertThat(first.conversations()).extracting(Conversation::id)
			.doesNotContainAnyElementsOf(rest.conversations().stream().map(Conversation::id).toList());
	}

	@Test
	void inboxNamesAreReadOnceForSeveralCalls() {
		SupportPort support = connector(ChatwootSeed.ADMIN_TOKEN);
		support.listConversations(new SupportConversationsList.Input(Status.OPEN, null, 5, null)).block();
		support.searchConversations(new SupportConversationsSearch.Input("#3")).block();
		assertThat(calls("/inboxes")).hasSize(1);
	}

	@Test
	void aCursorOfAnotherStatusIsRefused() {
		SupportPort support = connector(ChatwootSeed.ADMIN_TOKEN);
		String cursor = support.listConversations(new SupportConversationsList.Input(Status.OPEN, null, 10, null))
			.block()
			.nextCursor();
		assertThatThrownBy(
				() -> support.listConversations(new SupportConversationsList.Input(Status.ALL, null, 10, cursor))
					.block())
			.isInstanceOf(InvalidArgumentsException.class)
			.hasMessageContaining("cursor");
	}

	@Test
	void assigneeTypesAreChatwootsOwn() {
		SupportPort support = connector(ChatwootSeed.ADMIN_TOKEN);
		for (String type : List.of("me", "unassigned", "assigned", "all")) {
			chatwoot.clearExchanges();
			ConversationsPage page = support
				.listConversations(new SupportConversationsList.Input(Status.ALL, type, 100, null))
				.block();
			assertThat(calls("/conversations").get(0).query())
				.isEqualTo("status=all&assignee_type=" + type + "&page=1");
			switch (type) {
				case "me" ->
					assertThat(page.conversations()).allSatisfy((c) -> assertThat(c.assignee().id()).isEqualTo(1));
				case "unassigned" ->
					assertThat(page.conversations()).isNotEmpty().allSatisfy((c) -> assertThat(c.assignee()).isNull());
				case "assigned" ->
					assertThat(page.conversations()).allSatisfy((c) -> assertThat(c.assignee()).isNotNull());
				default -> assertThat(page.total()).isEqualTo(70);
			}
			oracle.assertValid(chatwoot.exchanges());
		}
	}

	@Test
	void oneAgentByNameEmailOrIdGoesThroughTheFilterEndpoint() {
		SupportPort support = connector(ChatwootSeed.ADMIN_TOKEN);
		for (String who : List.of("Carla Online", "carla@ACME.test", "3")) {
			chatwoot.clearExchanges();
			ConversationsPage page = support
				.listConversations(new SupportConversationsList.Input(Status.OPEN, who, 100, null))
				.block();
			assertThat(page.conversations()).isNotEmpty()
				.allSatisfy((c) -> assertThat(c.assignee().name()).isEqualTo("Carla Online"))
				.allSatisfy((c) -> assertThat(c.status()).isEqualTo("open"));
			ChatwootExchange filter = calls("/conversations/filter").get(0);
			assertThat(filter.method()).isEqualTo("POST");
			assertThat(filter.query()).isEqualTo("page=1");
			assertThat(filter.requestBody())
				.isEqualTo("{\"payload\":[{\"attribute_key\":\"assignee_id\",\"filter_operator\":"
						+ "\"equal_to\",\"values\":[\"3\"],\"query_operator\":\"AND\"},{\"attribute_key\":\"status\","
						+ "\"filter_operator\":\"equal_to\",\"values\":[\"open\"],\"query_operator\":null}]}");
			oracle.assertValid(chatwoot.exchanges());
		}
	}

	@Test
	void anUnknownAgentIsAnsweredWithTheAgentsNames() {
		assertThatThrownBy(() -> connector(ChatwootSeed.ADMIN_TOKEN)
			.listConversations(new SupportConversationsList.Input(Status.OPEN, "Zed Nobody", 10, null))
			.block()).isInstanceOf(InvalidArgumentsException.class)
			.hasMessageContaining("assignee")
			.hasMessageContaining("Carla Online <carla@acme.test> (id 3)")
			.hasMessageContaining("Diego Offline");
	}

	// ---- support_conversations_search
	// -----------------------------------------------------------

	@Test
	void anEmailSearchesTheContacts() {
		SupportConversationsSearch.Output out = connector(ChatwootSeed.ADMIN_TOKEN)
			.searchConversations(new SupportConversationsSearch.Input("john@example.com"))
			.block();
		assertThat(out.matches()).isNotEmpty().allSatisfy((m) -> {
			assertThat(m.matchedBy()).isEqualTo("contact_email");
			assertThat(m.why()).contains("john@example.com");
			assertThat(m.conversation().contact().name()).isEqualTo("John Smith");
		});
		assertThat(calls("/search/conversations").get(0).query()).isEqualTo("q=john%40example.com&page=1");
		assertThat(calls("/conversations/search")).isEmpty();
	}

	@Test
	void aPhoneSearchesTheContacts() {
		SupportConversationsSearch.Output out = connector(ChatwootSeed.ADMIN_TOKEN)
			.searchConversations(new SupportConversationsSearch.Input("+56912345678"))
			.block();
		assertThat(out.matches()).isNotEmpty().allSatisfy((m) -> {
			assertThat(m.matchedBy()).isEqualTo("contact_phone");
			assertThat(m.conversation().contact().phone()).isEqualTo("+56912345678");
		});
	}

	@Test
	void aHashNumberFetchesThatConversationDirectly() {
		SupportConversationsSearch.Output out = connector(ChatwootSeed.ADMIN_TOKEN)
			.searchConversations(new SupportConversationsSearch.Input("#17"))
			.block();
		assertThat(out.matches()).singleElement().satisfies((m) -> {
			assertThat(m.conversation().id()).isEqualTo(17);
			assertThat(m.matchedBy()).isEqualTo("id");
		});
		assertThat(calls("/conversations/17")).hasSize(1);
		assertThat(calls("/search")).isEmpty();
	}

	@Test
	void aNumberChatwootDoesNotHaveIsNoMatch() {
		SupportConversationsSearch.Output out = connector(ChatwootSeed.ADMIN_TOKEN)
			.searchConversations(new SupportConversationsSearch.Input("#9999"))
			.block();
		assertThat(out.matches()).isEmpty();
		assertThat(calls("/conversations/9999")).extracting(ChatwootExchange::status).containsExactly(404);
	}

	@Test
	void messageTextFindsTheMessageAndShowsIt() {
		SupportConversationsSearch.Output out = connector(ChatwootSeed.ADMIN_TOKEN)
			.searchConversations(new SupportConversationsSearch.Input("refund request"))
			.block();
		assertThat(out.matches()).extracting((m) -> m.conversation().id()).containsExactlyInAnyOrder(17L, 42L);
		assertThat(out.matches()).allSatisfy((m) -> {
			assertThat(m.matchedBy()).isEqualTo("message");
			assertThat(m.excerpt()).containsIgnoringCase("refund request");
		});
		assertThat(calls("/conversations/search").get(0).query()).isEqualTo("q=refund%20request&page=1");
		assertThat(calls("/messages")).hasSize(2);
	}

	// ---- support_agents_status
	// ------------------------------------------------------------------

	@Test
	void agentsInEachAvailability() {
		SupportAgentsStatus.Output out = connector(ChatwootSeed.AGENT_TOKEN)
			.agentsStatus(new SupportAgentsStatus.Input())
			.block();
		assertThat(out.total()).isEqualTo(6);
		assertThat(out.online()).isEqualTo(2);
		assertThat(out.busy()).isEqualTo(2);
		assertThat(out.offline()).isEqualTo(2);
		assertThat(out.agents()).extracting(SupportAgentsStatus.Agent::availability)
			.containsExactly("online", "online", "busy", "busy", "offline", "offline");
		assertThat(out.agents()).filteredOn((a) -> a.name().equals("Carla Online"))
			.singleElement()
			.satisfies((a) -> assertThat(a.autoOffline()).isTrue());
		assertThat(out.agents()).filteredOn((a) -> a.role().equals("administrator")).hasSize(2);
		assertThat(calls("/agents").get(0).path()).isEqualTo("/api/v1/accounts/1/agents");
	}

	// ---- support_metrics
	// ------------------------------------------------------------------------

	@ParameterizedTest
	@EnumSource(Period.class)
	void periodsStartInTheAccountsTimeZone(Period period) {
		SupportMetrics.Output utc = connector(ChatwootSeed.ADMIN_TOKEN, 1, ZoneOffset.UTC)
			.metrics(new SupportMetrics.Input(period))
			.block();
		String utcQuery = calls("/reports/summary").get(0).query();
		oracle.assertValid(chatwoot.exchanges());
		chatwoot.clearExchanges();
		this.api.close();
		SupportMetrics.Output bogota = connector(ChatwootSeed.ADMIN_TOKEN, 1, ZoneId.of("America/Bogota"))
			.metrics(new SupportMetrics.Input(period))
			.block();
		Instant utcStart = switch (period) {
			case TODAY, WEEK -> Instant.parse("2026-03-02T00:00:00Z");
			case MONTH -> Instant.parse("2026-03-01T00:00:00Z");
		};
		Instant bogotaStart = switch (period) {
			case TODAY -> Instant.parse("2026-03-01T05:00:00Z");
			case WEEK -> Instant.parse("2026-02-23T05:00:00Z");
			// still March 1st in Bogotá
			case MONTH -> Instant.parse("2026-03-01T05:00:00Z");
		};
		assertThat(utc.since()).isEqualTo(utcStart);
		assertThat(bogota.since()).isEqualTo(bogotaStart);
		assertThat(bogota.timezone()).isEqualTo("America/Bogota");
		assertThat(utc.until()).isEqualTo(NOW);
		assertThat(utcQuery)
			.isEqualTo("type=account&since=" + utcStart.getEpochSecond() + "&until=" + NOW.getEpochSecond());
		assertThat(calls("/reports/summary").get(0).query())
			.isEqualTo("type=account&since=" + bogotaStart.getEpochSecond() + "&until=" + NOW.getEpochSecond());
		Instant previous = bogotaStart.minusSeconds(NOW.getEpochSecond() - bogotaStart.getEpochSecond());
		assertThat(bogota.previousSince()).isEqualTo(previous);
		assertThat(calls("/csat_survey_responses/metrics")).extracting(ChatwootExchange::query)
			.containsExactlyInAnyOrder("since=" + bogotaStart.getEpochSecond() + "&until=" + NOW.getEpochSecond(),
					"since=" + previous.getEpochSecond() + "&until=" + bogotaStart.getEpochSecond());
		// conversations were created 1, 8, 15, 22, 29... hours before NOW: the two
		// windows hold different counts
		if (bogotaStart.isBefore(utcStart)) {
			assertThat(bogota.conversations().current()).isGreaterThan(utc.conversations().current());
		}
		else {
			assertThat(bogota.conversations().current()).isLessThan(utc.conversations().current());
		}
	}

	@Test
	void metricsComputeCsatAsTheDashboardDoesAndNameTimes() {
		// a double whose data lies well inside a month: March 20th
		Instant later = Instant.parse("2026-03-20T12:00:00Z");
		try (ChatwootDouble march = ChatwootDouble.start(later);
				ChatwootApi marchApi = new ChatwootApi("acme", march.url(), 1, Secret.of(ChatwootSeed.ADMIN_TOKEN),
						this.options)) {
			SupportMetrics.Output month = new ChatwootConnector(marchApi, this.options, ZoneOffset.UTC,
					Clock.fixed(later, ZoneOffset.UTC))
				.metrics(new SupportMetrics.Input(Period.MONTH))
				.block();
			SupportMetrics.Csat csat = month.csat();
			// seed: every 2nd conversation got a survey, every 4th answered it with (i /
			// 4) % 5 + 1 stars
			assertThat(csat.responses()).isPositive();
			assertThat(csat.surveysSent()).isGreaterThan(csat.responses());
			assertThat(csat.responseRatePercent())
				.isEqualTo(Math.round(csat.responses() * 1000.0 / csat.surveysSent()) / 10.0);
			assertThat(csat.scorePercent()).isBetween(0.0, 100.0);
			assertThat(month.avgFirstResponse().seconds()).isPositive();
			assertThat(month.avgFirstResponse().human()).matches("\\d+ min( \\d+ s)?");
			assertThat(month.avgResolution().seconds()).isEqualTo(7200.0);
			assertThat(month.avgResolution().human()).isEqualTo("2 h");
			assertThat(month.resolutions().current()).isEqualTo(3);
			assertThat(month.resolutions().previous()).isZero();
			assertThat(month.resolutions().changePercent()).isNull();
			oracle.assertValid(march.exchanges());
		}
	}

	@Test
	void aNonAdministratorTokenIsToldReportsNeedAnAdministrator() {
		assertThatThrownBy(
				() -> connector(ChatwootSeed.AGENT_TOKEN).metrics(new SupportMetrics.Input(Period.WEEK)).block())
			.isInstanceOf(BackendException.class)
			.hasMessageContaining("may not read")
			.hasMessageContaining("administrator")
			.hasMessageNotContaining(ChatwootSeed.AGENT_TOKEN);
	}

	// ---- accounts and tokens
	// --------------------------------------------------------------------

	@Test
	void anotherTenantsAccountIsNeverReached() {
		SupportPort support = connector(ChatwootSeed.ADMIN_TOKEN);
		support.listConversations(new SupportConversationsList.Input(Status.ALL, null, 100, null)).block();
		SupportConversationsSearch.Output search = support
			.searchConversations(new SupportConversationsSearch.Input("Secret of the other"))
			.block();
		support.searchConversations(new SupportConversationsSearch.Input("#3")).block();
		support.agentsStatus(new SupportAgentsStatus.Input()).block();
		support.metrics(new SupportMetrics.Input(Period.MONTH)).block();
		assertThat(search.matches()).isEmpty();
		assertThat(chatwoot.exchanges()).isNotEmpty()
			.allSatisfy((e) -> assertThat(e.path()).matches("/api/v[12]/accounts/1/.*"))
			.allSatisfy((e) -> assertThat(e.responseBody()).doesNotContain("Secret of the other account",
					"olga@other.test"));
	}

	@Test
	void aTokenOfAnotherAccountMayNotReadThisOne() {
		assertThatThrownBy(
				() -> connector(ChatwootSeed.OTHER_ACCOUNT_TOKEN).agentsStatus(new SupportAgentsStatus.Input()).block())
			.isInstanceOf(BackendException.class)
			.hasMessageContaining("may not list agents")
			.hasMessageContaining("account 1");
	}

	@Test
	void aBadTokenIsSaidToBeRejected() {
		assertThatThrownBy(() -> connector("not-a-token").agentsStatus(new SupportAgentsStatus.Input()).block())
			.isInstanceOf(BackendException.class)
			.hasMessageContaining("rejected the api-token")
			.hasMessageContaining("backends.chatwoot.api-token")
			.hasMessageNotContaining("not-a-token");
	}

	@Test
	void aBare401IsToldApartByReadingTheProfile() {
		this.brokenOnPurpose = true;
		chatwoot.answer("/agents", 401, "{}");
		assertThatThrownBy(
				() -> connector(ChatwootSeed.AGENT_TOKEN).agentsStatus(new SupportAgentsStatus.Input()).block())
			.isInstanceOf(BackendException.class)
			.hasMessageContaining("may not list agents");
		assertThat(calls("/api/v1/profile")).hasSize(1);
		chatwoot.clearExchanges();
		assertThatThrownBy(() -> connector("not-a-token").agentsStatus(new SupportAgentsStatus.Input()).block())
			.hasMessageContaining("rejected the api-token");
	}

	@Test
	void anAccountChatwootDoesNotHaveIsA404WithAHint() {
		assertThatThrownBy(() -> connector(ChatwootSeed.ADMIN_TOKEN, 99, ZoneOffset.UTC)
			.agentsStatus(new SupportAgentsStatus.Input())
			.block()).isInstanceOf(BackendException.class)
			.hasMessageContaining("HTTP 404: Resource could not be found")
			.hasMessageContaining("account-id");
	}

	// ---- failures
	// -------------------------------------------------------------------------------

	@Test
	void a422IsReportedWithChatwootsReason() {
		chatwoot.answer("/conversations/filter", 422, "{\"error\":\"Invalid attribute key - assignee_id\"}");
		assertThatThrownBy(() -> connector(ChatwootSeed.ADMIN_TOKEN)
			.listConversations(new SupportConversationsList.Input(Status.OPEN, "3", 10, null))
			.block()).isInstanceOf(BackendException.class)
			.hasMessageContaining("HTTP 422: Invalid attribute key - assignee_id");
	}

	@Test
	void chatwootsRateLimitIsRelayedWithItsRetryTime() {
		chatwoot.rateLimit("/agents", 17);
		assertThatThrownBy(
				() -> connector(ChatwootSeed.ADMIN_TOKEN).agentsStatus(new SupportAgentsStatus.Input()).block())
			.isInstanceOfSatisfying(BackendException.class, (ex) -> {
				assertThat(ex.status()).isEqualTo(429);
				assertThat(ex.code()).isEqualTo("backend_rate_limited");
				assertThat(ex.retryAfter()).contains(Duration.ofSeconds(17));
				assertThat(ex.getMessage()).contains("Chatwoot's own rate limit").contains("17 s");
			});
	}

	@Test
	void aHangIsNoAnswerWithinTheTimeout() {
		this.brokenOnPurpose = true;
		chatwoot.hang("/agents");
		assertThatThrownBy(
				() -> connector(ChatwootSeed.ADMIN_TOKEN).agentsStatus(new SupportAgentsStatus.Input()).block())
			.isInstanceOf(ServiceUnavailableException.class)
			.hasMessageContaining("no answer within 1 s");
	}

	@Test
	void garbageIsNotJson() {
		this.brokenOnPurpose = true;
		chatwoot.garbage("/agents");
		assertThatThrownBy(
				() -> connector(ChatwootSeed.ADMIN_TOKEN).agentsStatus(new SupportAgentsStatus.Input()).block())
			.isInstanceOf(BackendException.class)
			.hasMessageContaining("answered something that is not valid JSON");
	}

	@Test
	void anAnswerWithoutItsPayloadIsIncomplete() {
		this.brokenOnPurpose = true;
		chatwoot.answer("/accounts/1/conversations", 200, "{\"data\":{\"meta\":{}}}");
		assertThatThrownBy(() -> connector(ChatwootSeed.ADMIN_TOKEN)
			.listConversations(new SupportConversationsList.Input(Status.OPEN, null, 10, null))
			.block()).isInstanceOf(BackendException.class).hasMessageContaining("incomplete answer");
	}

	@Test
	void aClosedPortCannotBeConnectedTo() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		ChatwootApi gone = new ChatwootApi("acme", URI.create("http://127.0.0.1:" + port), 1, Secret.of("t"),
				this.options);
		try (gone) {
			assertThatThrownBy(() -> new ChatwootConnector(gone, this.options, ZoneOffset.UTC, Clock.systemUTC())
				.agentsStatus(new SupportAgentsStatus.Input())
				.block()).isInstanceOf(ServiceUnavailableException.class)
				.hasMessageContaining("cannot connect to Chatwoot at 127.0.0.1:" + port);
		}
	}

	// ---- probe and provider
	// ---------------------------------------------------------------------

	@Test
	void theProbeMakesAnAuthenticatedCall() {
		connector(ChatwootSeed.ADMIN_TOKEN);
		ProbeResult healthy = new ChatwootProbe(this.api).probe().block();
		assertThat(healthy.status()).isEqualTo(HealthStatus.HEALTHY);
		assertThat(calls("/inboxes").get(0).requestHeaders()).containsEntry("api_access_token",
				ChatwootSeed.ADMIN_TOKEN);
		this.api.close();
		connector("not-a-token");
		ProbeResult rejected = new ChatwootProbe(this.api).probe().block();
		assertThat(rejected.status()).isEqualTo(HealthStatus.UNHEALTHY);
		assertThat(rejected.detail()).contains("401");
	}

	@Test
	void theProviderRegistersThePortAndTheProbeForATenantWithChatwoot() {
		BackendsConfig backends = new BackendsConfig(null, null, null, null,
				new BackendsConfig.Chatwoot(chatwoot.url(), 1, Secret.of(ChatwootSeed.ADMIN_TOKEN), "America/Santiago"),
				null, null, null);
		try (TenantPorts ports = TenantPorts.build(new TenantConfig("acme", backends, null, null),
				Connectors.providers())) {
			assertThat(ports.find(SupportPort.class)).containsInstanceOf(ChatwootConnector.class);
			assertThat(ports.probes()).extracting((p) -> p.backend()).contains("chatwoot");
		}
		BackendsConfig badZone = new BackendsConfig(null, null, null, null,
				new BackendsConfig.Chatwoot(chatwoot.url(), 1, Secret.of("t"), "Mars/Olympus"), null, null, null);
		assertThatThrownBy(
				() -> TenantPorts.build(new TenantConfig("acme", badZone, null, null), Connectors.providers()))
			.hasMessageContaining("backends.chatwoot.timezone 'Mars/Olympus'");
	}

}
