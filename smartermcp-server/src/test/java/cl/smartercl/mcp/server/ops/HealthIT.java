package cl.smartercl.mcp.server.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import cl.smartercl.mcp.core.auth.Scope;
import cl.smartercl.mcp.core.auth.ScopeSet;
import cl.smartercl.mcp.testsupport.Eventually;
import cl.smartercl.mcp.testsupport.ThrowawayDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /health} of a server whose store is a real PostgreSQL database of its own: the
 * documented shape, live probes of stub backends (one going down makes the answer
 * {@code degraded}), the admin detail, and the database line when that database stops
 * taking connections: 200 {@code degraded} while a replica can still answer reads, 503
 * with the reason when it cannot (no spool, or no token it can check).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HealthIT {

	/** A read without a backend. */
	private static final String DOCS = "{\"service_id\":\"n8n\"}";

	private static final List<StubBackend> STUBS = new ArrayList<>();

	private static StubConnectors.Backends acme;

	private static ThrowawayDatabase database;

	private static OpsServer server;

	private static OpsServer noSpool;

	private static OpsServer noStaleTokens;

	@BeforeAll
	static void start() {
		acme = backends();
		database = ThrowawayDatabase.create("smcp_ops");
		server = onTheDatabase().start();
	}

	/**
	 * A replica of both tenants on the test database, its health probed often (acme's
	 * backends shared by every replica).
	 */
	private static OpsServer.Builder onTheDatabase() {
		return OpsServer.builder()
			.tenants("acme", "beta")
			.connectors(new StubConnectors(Map.of("acme", acme, "beta", backends())))
			.property("smartermcp.db-url", database.storeUrl())
			.property("smartermcp.health.cache-ttl", "200ms")
			.property("smartermcp.health.probe-timeout", "1s");
	}

	private static StubConnectors.Backends backends() {
		StubConnectors.Backends backends = new StubConnectors.Backends(new StubBackend("1"), new StubBackend("18.0"),
				new StubBackend("4.0"));
		STUBS.addAll(List.of(backends.n8n(), backends.odoo(), backends.chatwoot()));
		return backends;
	}

	@AfterAll
	static void stop() {
		try {
			if (noSpool != null) {
				noSpool.close();
			}
			if (noStaleTokens != null) {
				noStaleTokens.close();
			}
			server.close();
		}
		finally {
			database.close();
			STUBS.forEach(StubBackend::close);
		}
	}

	/**
	 * Asks until the answer satisfies {@code until} (the probes are cached briefly), at
	 * most 10 s.
	 */
	private static OpsServer.Answer health(String query, String token, Predicate<JsonNode> until) {
		return Eventually.poll(Duration.ofSeconds(10), () -> server.get("/health" + query, token),
				(answer) -> until.test(answer.json()));
	}

	@Test
	@Order(1)
	void allUpIsHealthyInTheDocumentedShape() throws Exception {
		OpsServer.Answer answer = health("", null, (body) -> "healthy".equals(body.path("status").asString()));
		assertThat(answer.status()).isEqualTo(200);
		JsonNode body = answer.json();
		assertThat(body.propertyNames()).containsExactly("status", "version", "uptime", "services", "database",
				"timestamp");
		assertThat(body.get("status").asString()).isEqualTo("healthy");
		assertThat(body.get("version").asString()).isNotBlank();
		assertThat(body.get("uptime").asLong()).isNotNegative();
		assertThat(Instant.parse(body.get("timestamp").asString())).isBetween(Instant.now().minusSeconds(60),
				Instant.now().plusSeconds(1));
		assertThat(body.get("database").asString()).isEqualTo("connected");
		JsonNode services = body.get("services");
		assertThat(services.propertyNames()).containsExactly("n8n", "supabase", "odoo", "chatwoot", "botpress",
				"metabase");
		assertThat(services.get("n8n").asString()).isEqualTo("healthy");
		assertThat(services.get("odoo").asString()).isEqualTo("healthy");
		assertThat(services.get("chatwoot").asString()).isEqualTo("healthy");
		assertThat(services.get("supabase").asString()).isEqualTo("not_configured");
		assertThat(services.get("botpress").asString()).isEqualTo("not_configured");
		assertThat(services.get("metabase").asString()).isEqualTo("not_configured");
		// no tenant data without a token
		assertThat(answer.body()).doesNotContain("acme").doesNotContain("beta");
	}

	@Test
	@Order(2)
	void oneBackendDownIsDegradedWithThatServiceUnhealthyAndTheOthersHealthy() throws Exception {
		acme.n8n().mode(StubBackend.Mode.FAIL);
		try {
			OpsServer.Answer answer = health("", null, (body) -> "degraded".equals(body.path("status").asString()));
			assertThat(answer.status()).isEqualTo(200);
			JsonNode body = answer.json();
			assertThat(body.get("status").asString()).isEqualTo("degraded");
			assertThat(body.get("services").get("n8n").asString()).isEqualTo("unhealthy");
			assertThat(body.get("services").get("odoo").asString()).isEqualTo("healthy");
			assertThat(body.get("services").get("chatwoot").asString()).isEqualTo("healthy");
			assertThat(body.get("database").asString()).isEqualTo("connected");

			// the admin detail names the tenant and backend that failed, with latency and
			// version
			OpsServer.Answer detail = server.get("/health?detail=true", OpsServer.ADMIN_TOKEN);
			assertThat(detail.status()).isEqualTo(200);
			JsonNode tenants = detail.json().get("tenants");
			assertThat(tenants.propertyNames()).containsExactlyInAnyOrder("acme", "beta");
			assertThat(tenants.get("acme").get("n8n").get("status").asString()).isEqualTo("unhealthy");
			assertThat(tenants.get("acme").get("n8n").get("detail").asString()).isEqualTo("GET /healthz answered 500");
			assertThat(tenants.get("beta").get("n8n").get("status").asString()).isEqualTo("healthy");
			assertThat(tenants.get("acme").get("odoo").get("version").asString()).isEqualTo("1.0-stub");
			assertThat(tenants.get("acme").get("odoo").get("latency_ms").asLong()).isNotNegative();
		}
		finally {
			acme.n8n().mode(StubBackend.Mode.OK);
		}
		assertThat(health("", null, (body) -> "healthy".equals(body.path("status").asString())).json()
			.get("status")
			.asString()).isEqualTo("healthy");
	}

	@Test
	@Order(3)
	void theDetailIsForAdminsAndATenantAdminSeesOnlyItsTenant() {
		assertThat(server.get("/health?detail=true", null).status()).isEqualTo(401);
		String reader = server.issueToken("beta", "beta-reader", ScopeSet.of(Scope.READ_SERVICES)).apiToken();
		assertThat(server.get("/health?detail=true", reader).status()).isEqualTo(403);
		String admin = server.issueToken("beta", "beta-admin", ScopeSet.of(Scope.ADMIN_TENANTS)).apiToken();
		OpsServer.Answer answer = server.get("/health?detail=true", admin);
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.json().get("tenants").propertyNames()).containsExactly("beta");
	}

	@Test
	@Order(4)
	void theDatabaseLineFollowsAStoppedPostgresql() throws Exception {
		// a second replica on the same database, its audit spool off: without the
		// database it cannot answer reads (their rows have nowhere to go). Closed with
		// the first (closing a context releases Reactor Netty's shared resources, which
		// the first one's server uses too).
		noSpool = onTheDatabase().property("smartermcp.audit.spool-max-size", "0").start();
		// a third with its spool but the stale-if-error window 0: without the store it
		// can check no token, so it answers nothing and must leave the balancer
		noStaleTokens = onTheDatabase().property("smartermcp.token-cache-stale-if-error", "0").start();
		// each has a token looked up just before the outage
		for (OpsServer replica : List.of(server, noStaleTokens)) {
			OpsServer.Answer read = replica.call(OpsServer.ADMIN_TOKEN, "docs_services", DOCS);
			assertThat(read.status()).as(read.body()).isEqualTo(200);
		}
		database.stop();
		try {
			// the spool (on by default, owned here, empty) takes the rows of reads, and
			// the
			// token authenticates from the cache: degraded with 200, so a load balancer
			// keeps sending reads here
			OpsServer.Answer down = health("", null, (body) -> "disconnected".equals(body.path("database").asString()));
			assertThat(down.json().get("database").asString()).isEqualTo("disconnected");
			assertThat(down.json().get("status").asString()).isEqualTo("degraded");
			assertThat(down.json().has("reason")).isFalse();
			assertThat(down.status()).isEqualTo(200);
			OpsServer.Answer answered = server.call(OpsServer.ADMIN_TOKEN, "docs_services", DOCS);
			assertThat(answered.status()).as("it does answer reads: " + answered.body()).isEqualTo(200);
			OpsServer.Answer refused = Eventually.poll(Duration.ofSeconds(10), () -> noSpool.get("/health", null),
					(answer) -> "disconnected".equals(answer.json().path("database").asString()));
			assertThat(refused.json().get("status").asString()).isEqualTo("unhealthy");
			assertThat(refused.json().get("reason").asString()).contains("local audit spool takes no rows");
			assertThat(refused.status()).isEqualTo(503);

			// past the token cache's time to live (1 s) it can check no token
			OpsServer.Answer noTokens = Eventually.poll(Duration.ofSeconds(10),
					() -> noStaleTokens.get("/health", null), (answer) -> answer.status() == 503);
			assertThat(noTokens.json().get("database").asString()).isEqualTo("disconnected");
			assertThat(noTokens.json().get("status").asString()).isEqualTo("unhealthy");
			assertThat(noTokens.json().get("reason").asString())
				.isEqualTo("the token store cannot be reached and smartermcp.token-cache-stale-if-error is 0, so no"
						+ " caller's token can be checked");
			// and that is the truth: the read is refused there
			OpsServer.Answer read = noStaleTokens.call(OpsServer.ADMIN_TOKEN, "docs_services", DOCS);
			assertThat(read.status()).isEqualTo(503);
			assertThat(read.body()).contains("token store cannot be reached");
		}
		finally {
			database.restart();
		}
		OpsServer.Answer up = health("", null, (body) -> "connected".equals(body.path("database").asString()));
		assertThat(up.json().get("database").asString()).isEqualTo("connected");
		assertThat(up.status()).isEqualTo(200);
		OpsServer.Answer back = Eventually.poll(Duration.ofSeconds(10), () -> noStaleTokens.get("/health", null),
				(answer) -> answer.status() == 200);
		assertThat(back.json().has("reason")).isFalse();
	}

}
