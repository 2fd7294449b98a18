package cl.smartercl.mcp.server.replicas;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import cl.smartercl.mcp.core.schema.ToolJson;
import cl.smartercl.mcp.server.replicas.ReplicaCluster.Replica;
import cl.smartercl.mcp.server.support.NodeClients;
import cl.smartercl.mcp.testsupport.Eventually;
import cl.smartercl.mcp.testsupport.ThrowawayDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 20: several replicas on real engines. Three replicas on one PostgreSQL (tokens,
 * tenants, audit) and one Redis (limits), behind HAProxy with the shipped
 * {@code deploy/haproxy.cfg} ({@link ReplicaCluster}). The tests share the cluster and
 * run in order; the last ones take Redis and PostgreSQL away and bring them back.
 * <p>
 * PostgreSQL goes away by {@link ThrowawayDatabase#stop()} (the test database refuses new
 * connections and every open one is terminated), not by stopping the machine's shared
 * server.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasIT {

	private static final String WORKFLOW = "{\"description\":\"every day at 2am back up the orders table to S3\"}";

	private static final String DOCS = "{\"service_id\":\"n8n\"}";

	/**
	 * The steady load of the failure test: calls per second through the balancer, and for
	 * how long; the issue's 200/s for 30 s, which this 2-CPU machine answered in full on
	 * 2026-12-04 (docs/deployment.md, "Figures of the last run"). {@code
	 * -Dreplicas.load-per-second} and {@code -Dreplicas.load-seconds} change them: a load
	 * above what the machine answers only queues, and the test then measures the queue,
	 * not the failover. The test prints the rate it achieved and asserts on counts, never
	 * on time.
	 */
	private static final int LOAD_PER_SECOND = Integer.getInteger("replicas.load-per-second", 200);

	private static final Duration LOAD_DURATION = Duration.ofSeconds(Integer.getInteger("replicas.load-seconds", 30));

	private static final Duration KILL_AFTER = Duration.ofSeconds(6);

	private static ReplicaCluster cluster;

	private static final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.executor(Executors.newFixedThreadPool(16))
		.build();

	@BeforeAll
	static void start() throws Exception {
		cluster = new ReplicaCluster();
		for (String tenant : List.of("acme", "bulk")) {
			HttpResponse<String> created = send(cluster.balancerUrl(), "POST", "/tenants", ReplicaCluster.ADMIN_TOKEN,
					"{\"id\":\"" + tenant + "\"}", null);
			assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		}
	}

	@AfterAll
	static void stop() throws Exception {
		if (cluster != null) {
			cluster.close();
		}
	}

	// --- limits
	// ---------------------------------------------------------------------------------

	@Test
	@Order(1)
	void oneTokensLimitsHoldExactlyAcrossTheThreeReplicas() throws Exception {
		// codegen: 10/min (documented); 200 calls in far less than a minute, spread by
		// the balancer
		Token codegen = issue("default", "limits-codegen", "read:workflows");
		Map<Integer, Integer> statuses = burst(codegen, "generate_n8n_workflow", WORKFLOW, 200);
		assertThat(statuses.getOrDefault(200, 0)).as("accepted of 200 (codegen 10/min): %s", statuses).isEqualTo(10);
		assertThat(statuses.getOrDefault(429, 0)).as("refused: %s", statuses).isEqualTo(190);
		assertThat(replicasOf(codegen)).as("every replica served some of the calls")
			.containsOnlyKeys(ReplicaCluster.REPLICA_IDS);

		// the general burst (20, refilled at 100/min: one every 0.6 s) binds before
		// documentation's 50/min
		Token docs = issue("default", "limits-burst", "read:services");
		long start = System.nanoTime();
		Map<Integer, Integer> burst = burst(docs, "docs_services", DOCS, 200);
		double seconds = (System.nanoTime() - start) / 1e9;
		int accepted = burst.getOrDefault(200, 0);
		int refills = (int) Math.ceil(seconds / 0.6);
		assertThat(accepted)
			.as("accepted of 200 within %.1f s (burst 20 + at most %d refills): %s", seconds, refills, burst)
			.isBetween(19, Math.min(50, 20 + refills + 1));
		assertThat(burst.getOrDefault(200, 0) + burst.getOrDefault(429, 0)).isEqualTo(200);
		System.out.printf("[replicas] limits: codegen %s; burst %s in %.1f s%n", statuses, burst, seconds);
	}

	@Test
	@Order(2)
	void aTenantsOwnLimitHoldsOnEveryReplica() throws Exception {
		// tenant acme: documentation 30/min, general burst 500 (set alike on each
		// replica)
		Token acme = issue("acme", "limits-acme", "read:services");
		Map<Integer, Integer> statuses = burst(acme, "docs_services", DOCS, 200);
		assertThat(statuses.getOrDefault(200, 0)).as("accepted of 200 (acme: documentation 30/min): %s", statuses)
			.isEqualTo(30);
		assertThat(replicasOf(acme)).containsOnlyKeys(ReplicaCluster.REPLICA_IDS);
		// each replica refuses the next call of the token itself
		for (Replica replica : cluster.replicas) {
			HttpResponse<String> refused = call(replica.url(), acme, "docs_services", DOCS, null);
			assertThat(refused.statusCode()).as(replica.id + ": " + refused.body()).isEqualTo(429);
			assertThat(refused.body()).contains("Rate limit exceeded for category 'documentation'");
		}
	}

	// --- revocation
	// -----------------------------------------------------------------------------

	@Test
	@Order(3)
	void aTokenRevokedThroughOneReplicaIsRefusedByTheOthersWithinTheTokenCacheTtl() throws Exception {
		Token token = issue("bulk", "revoked-elsewhere", "read:services");
		for (Replica replica : cluster.replicas) {
			// each replica now holds the token in its cache
			assertThat(call(replica.url(), token, "docs_services", DOCS, null).statusCode()).isEqualTo(200);
		}
		Replica a = cluster.replicas.get(0);
		HttpResponse<String> revoked = send(a.url(), "DELETE", "/auth/tokens/" + token.id() + "?tenant_id=bulk",
				ReplicaCluster.ADMIN_TOKEN, null, null);
		assertThat(revoked.statusCode()).as(revoked.body()).isBetween(200, 204);
		assertThat(call(a.url(), token, "docs_services", DOCS, null).statusCode()).as("the revoking replica, at once")
			.isEqualTo(401);
		// the other replicas' cached answers are at most one TTL old from now on
		Thread.sleep(ReplicaCluster.TOKEN_CACHE_TTL.plusMillis(500).toMillis());
		for (Replica other : cluster.replicas.subList(1, 3)) {
			HttpResponse<String> refused = call(other.url(), token, "docs_services", DOCS, null);
			assertThat(refused.statusCode()).as(other.id + " after the TTL: " + refused.body()).isEqualTo(401);
		}
		assertThat(call(cluster.balancerUrl(), token, "docs_services", DOCS, null).statusCode()).isEqualTo(401);
	}

	// --- audit
	// ----------------------------------------------------------------------------------

	@Test
	@Order(4)
	void everyCallThroughTheBalancerHasOneAuditRowNamingTheReplicaThatServedIt() throws Exception {
		Token token = issue("bulk", "audited", "read:services");
		int calls = 90;
		Set<String> requestIds = new HashSet<>();
		for (int i = 0; i < calls; i++) {
			String requestId = UUID.randomUUID().toString();
			HttpResponse<String> answer = call(cluster.balancerUrl(), token, "docs_services", DOCS, requestId);
			assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
			requestIds.add(requestId);
		}
		Map<String, String> rows = auditRows(token);
		assertThat(rows).as("one row per call").hasSize(calls);
		assertThat(rows.keySet()).isEqualTo(requestIds);
		assertThat(new HashSet<>(rows.values())).as("the replicas named")
			.isEqualTo(Set.copyOf(ReplicaCluster.REPLICA_IDS));
		// round robin: each replica served a third
		for (String replica : ReplicaCluster.REPLICA_IDS) {
			assertThat(rows.values().stream().filter(replica::equals).count()).as(replica).isEqualTo(calls / 3);
		}
		// GET /audit names the replica too
		HttpResponse<String> page = send(cluster.balancerUrl(), "GET",
				"/audit?tenant_id=bulk&token=" + token.id() + "&limit=1", ReplicaCluster.ADMIN_TOKEN, null, null);
		JsonNode record = ToolJson.mapper().readTree(page.body()).get("records").get(0);
		assertThat(record.get("replica").asString()).isIn(ReplicaCluster.REPLICA_IDS);
	}

	// --- a replica killed under load
	// ------------------------------------------------------------

	@Test
	@Order(5)
	void aReplicaKilledUnderLoadLosesOnlyItsSessionsAndRejoins() throws Exception {
		Token load = issue("bulk", "steady-load", "read:services");
		Token sdk = issue("bulk", "sdk-client", "read:services");
		Process client = startSdkClient(sdk);
		BufferedReader clientOut = new BufferedReader(
				new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
		JsonNode connected = ToolJson.mapper().readTree(clientOut.readLine());
		assertThat(connected.get("isError").asBoolean()).isFalse();
		Map<String, String> sdkRows = auditRows(sdk);
		assertThat(sdkRows).hasSize(1);
		Replica victim = cluster.replica(sdkRows.values().iterator().next());

		Map<String, Integer> answers = new ConcurrentHashMap<>();
		Map<String, Long> startedAt = new ConcurrentHashMap<>();
		AtomicInteger inFlight = new AtomicInteger();
		AtomicInteger maxInFlight = new AtomicInteger();
		List<CompletableFuture<Void>> pending = new ArrayList<>();
		long begin = System.nanoTime();
		long period = TimeUnit.SECONDS.toNanos(1) / LOAD_PER_SECOND;
		long total = LOAD_PER_SECOND * LOAD_DURATION.toSeconds();
		int inFlightAtKill = -1;
		long killedAt = 0;
		for (long i = 0; i < total; i++) {
			long due = begin + i * period;
			long wait = due - System.nanoTime();
			if (wait > 0) {
				TimeUnit.NANOSECONDS.sleep(wait);
			}
			if (killedAt == 0 && System.nanoTime() - begin >= KILL_AFTER.toNanos()) {
				inFlightAtKill = inFlight.get();
				cluster.kill(victim);
				killedAt = System.nanoTime();
				OutputStream toClient = client.getOutputStream();
				toClient.write("go\n".getBytes(StandardCharsets.UTF_8));
				toClient.flush();
			}
			String requestId = UUID.randomUUID().toString();
			startedAt.put(requestId, System.nanoTime());
			maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
			pending.add(http.sendAsync(request(cluster.balancerUrl(), load, "docs_services", DOCS, requestId),
					HttpResponse.BodyHandlers.discarding())
				.handle((answer, failure) -> {
					inFlight.decrementAndGet();
					answers.put(requestId, (answer != null) ? answer.statusCode() : -1);
					return null;
				}));
		}
		double sending = (System.nanoTime() - begin) / 1e9;
		CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
		// from the first call sent to the last answer: the rate the cluster achieved
		double seconds = (System.nanoTime() - begin) / 1e9;

		// HAProxy's health check took the dead replica out; from then on every call
		// succeeded
		assertThat(cluster.balancerStatus(victim)).startsWith("DOWN");
		JsonNode reconnected = ToolJson.mapper().readTree(clientOut.readLine());
		assertThat(client.waitFor(60, TimeUnit.SECONDS)).isTrue();
		Set<String> answered = new HashSet<>();
		int failed = 0;
		for (Map.Entry<String, Integer> answer : answers.entrySet()) {
			if (answer.getValue() / 100 == 2) {
				answered.add(answer.getKey());
			}
			else {
				failed++;
			}
		}
		System.out.printf(
				"[replicas] load: asked %d/s for %d s; %d calls sent in %.1f s, all ended %.1f s after the first"
						+ " (%.0f/s), %d answered, %d failed (%d in flight at the kill of %s, at most %d at once)%n",
				LOAD_PER_SECOND, LOAD_DURATION.toSeconds(), answers.size(), sending, seconds, answers.size() / seconds,
				answered.size(), failed, inFlightAtKill, victim.id, maxInFlight.get());
		assertThat(answers).hasSize((int) total);
		assertThat(failed).as("only calls in flight when %s died may fail", victim.id)
			.isLessThanOrEqualTo(inFlightAtKill);
		long killed = killedAt;
		assertThat(answers.entrySet()
			.stream()
			.filter((a) -> startedAt.get(a.getKey()) > killed + TimeUnit.SECONDS.toNanos(10))
			.filter((a) -> a.getValue() / 100 != 2)
			.count()).as("failed calls started 10 s or more after the kill").isZero();

		// the SDK client: its session lived on the dead replica, so 404, then a new
		// session works
		assertThat(reconnected.get("failure").get("code").asInt()).as(reconnected.toString()).isEqualTo(404);
		assertThat(reconnected.get("isError").asBoolean()).as(reconnected.toString()).isFalse();
		assertThat(reconnected.get("session").asString()).isNotEqualTo(connected.get("session").asString());

		// no answered call without its audit row
		Map<String, String> rows = auditRows(load);
		Set<String> lost = new HashSet<>(answered);
		lost.removeAll(rows.keySet());
		assertThat(lost).as("answered calls without an audit row, of %d answered", answered.size()).isEmpty();
		assertThat(rows.entrySet()
			.stream()
			.filter((row) -> row.getValue().equals(victim.id))
			.filter((row) -> startedAt.get(row.getKey()) > killed)
			.count()).as("rows of the dead replica for calls sent after it died").isZero();

		// the replica comes back on its port, HAProxy sees it, and it serves again
		cluster.launch(victim);
		cluster.awaitHealthy(victim);
		cluster.awaitBalancerStatus(victim, "UP");
		Token after = issue("bulk", "after-rejoin", "read:services");
		for (int i = 0; i < 9; i++) {
			assertThat(call(cluster.balancerUrl(), after, "docs_services", DOCS, null).statusCode()).isEqualTo(200);
		}
		assertThat(replicasOf(after)).as("the rejoined replica serves its share").containsKey(victim.id);
	}

	// --- Redis down
	// -----------------------------------------------------------------------------

	@Test
	@Order(6)
	void withRedisDownCallsGoThroughUnlimitedWithAWarningAndLimitsResumeAfter() throws Exception {
		Token before = issue("default", "redis-before", "read:workflows");
		assertThat(burst(before, "generate_n8n_workflow", WORKFLOW, 12).getOrDefault(200, 0)).isEqualTo(10);

		cluster.killRedis();
		Token during = issue("default", "redis-during", "read:workflows");
		long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		int calls = 0;
		while (System.nanoTime() < end) {
			HttpResponse<String> answer = call(cluster.balancerUrl(), during, "generate_n8n_workflow", WORKFLOW, null);
			assertThat(answer.statusCode()).as("call %d with Redis down: %s", calls, answer.body()).isEqualTo(200);
			assertThat(answer.headers().firstValue("X-RateLimit-Limit")).as("no limit was checked").isEmpty();
			calls++;
			Thread.sleep(250);
		}
		assertThat(calls).as("calls with Redis down, beyond codegen's 10/min").isGreaterThan(10);
		for (Replica replica : cluster.replicas) {
			assertThat(replica.output()).as(replica.id).contains("rate limits could not be checked");
		}

		cluster.startRedis();
		for (Replica replica : cluster.replicas) {
			// each replica's client reconnects by itself: a checked call carries the
			// limit headers again
			Token probe = issue("bulk", "redis-probe-" + replica.id, "read:workflows");
			HttpResponse<String> checked = Eventually.poll(Duration.ofMinutes(2), Duration.ofMillis(500),
					() -> unchecked(() -> call(replica.url(), probe, "generate_n8n_workflow", WORKFLOW, null)),
					(answer) -> answer.headers().firstValue("X-RateLimit-Limit").isPresent());
			assertThat(checked.headers().firstValue("X-RateLimit-Limit")).as(replica.id + " checks limits again")
				.isPresent();
		}
		Token resumed = issue("default", "redis-after", "read:workflows");
		Map<Integer, Integer> statuses = burst(resumed, "generate_n8n_workflow", WORKFLOW, 30);
		assertThat(statuses.getOrDefault(200, 0)).as("limits resumed: %s", statuses).isEqualTo(10);
	}

	// --- PostgreSQL down
	// ------------------------------------------------------------------------

	/**
	 * How long HAProxy takes to have checked every replica more often than its
	 * {@code fall} (deploy/haproxy.cfg: {@code inter 2s fall 3}): four checks. A replica
	 * still {@code UP} after it, with no failed check, was kept by the balancer.
	 */
	private static final Duration BALANCER_CHECKS = Duration.ofSeconds(8);

	@Test
	@Order(7)
	void withPostgresDownReadsAnswerWritesAreRefusedAndTheSpooledRowsReachPostgresOnceItIsBack() throws Exception {
		Token token = issue("bulk", "postgres-down", "read:services", "write:workflows");
		// issued before the outage and never used: no replica holds it
		Token unseen = issue("bulk", "postgres-down-unseen", "read:services");
		Replica stays = cluster.replicas.get(0);
		Replica killed = cluster.replicas.get(1);
		// the token authenticated on every replica before the outage: each holds it in
		// its
		// token cache, and uses it while the store cannot be reached for
		// smartermcp.token-cache-stale-if-error (5 min by default) after that look-up —
		// far longer than this test's outage, though its TTL (5 s) passes
		for (Replica replica : cluster.replicas) {
			assertThat(call(replica.url(), token, "docs_services", DOCS, null).statusCode()).isEqualTo(200);
		}
		Map<Replica, String> failedChecks = new HashMap<>();
		for (Replica replica : cluster.replicas) {
			failedChecks.put(replica, cluster.balancerField(replica, "chkfail"));
		}
		cluster.database.stop();

		// each replica sees the outage, and still answers /health with 200 (degraded):
		// its audit spool takes the rows of reads
		Map<Replica, HttpResponse<String>> outageHealth = new HashMap<>();
		for (Replica replica : cluster.replicas) {
			outageHealth.put(replica, Eventually.poll(Duration.ofMinutes(1), Duration.ofMillis(200),
					() -> unchecked(() -> health(replica)), (answer) -> answer.body().contains("\"disconnected\"")));
		}
		// HAProxy keeps them: after more checks than take a replica out, each is UP and
		// failed none
		Thread.sleep(BALANCER_CHECKS.toMillis());
		Map<Replica, String> balancerDuringOutage = new HashMap<>();
		for (Replica replica : cluster.replicas) {
			balancerDuringOutage.put(replica,
					cluster.balancerField(replica, "status") + " chkfail=" + cluster.balancerField(replica, "chkfail")
							+ " check_code=" + cluster.balancerField(replica, "check_code"));
		}

		// through the balancer: reads answer (the token from the stale cache), writes are
		// refused before the backend is touched
		List<String> balancerReads = new ArrayList<>();
		List<HttpResponse<String>> balancerReadAnswers = new ArrayList<>();
		for (int i = 0; i < 9; i++) {
			String read = UUID.randomUUID().toString();
			balancerReads.add(read);
			balancerReadAnswers.add(call(cluster.balancerUrl(), token, "docs_services", DOCS, read));
		}
		List<String> balancerWrites = new ArrayList<>();
		List<HttpResponse<String>> balancerWriteAnswers = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			String write = UUID.randomUUID().toString();
			balancerWrites.add(write);
			balancerWriteAnswers
				.add(call(cluster.balancerUrl(), token, "workflows_trigger", "{\"workflow_id\":\"1\"}", write));
		}

		// and straight to two replicas
		String write = UUID.randomUUID().toString();
		HttpResponse<String> refusedWrite = call(stays.url(), token, "workflows_trigger", "{\"workflow_id\":\"1\"}",
				write);
		Map<String, Replica> reads = new HashMap<>();
		List<HttpResponse<String>> readAnswers = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			for (Replica replica : List.of(stays, killed)) {
				String read = UUID.randomUUID().toString();
				reads.put(read, replica);
				readAnswers.add(call(replica.url(), token, "docs_services", DOCS, read));
			}
		}
		HttpResponse<String> health = health(stays);
		// a replica killed while its spool holds rows: they are replayed when it starts
		// again
		cluster.kill(killed);
		HttpResponse<String> unchecked = call(stays.url(), unseen, "docs_services", DOCS, null);
		cluster.database.restart();

		for (Replica replica : cluster.replicas) {
			HttpResponse<String> answer = outageHealth.get(replica);
			JsonNode body = ToolJson.mapper().readTree(answer.body());
			assertThat(answer.statusCode()).as(replica.id + " /health: " + answer.body()).isEqualTo(200);
			assertThat(body.get("status").asString()).as(answer.body()).isEqualTo("degraded");
			assertThat(body.get("database").asString()).isEqualTo("disconnected");
			assertThat(balancerDuringOutage.get(replica)).as(replica.id + " in HAProxy during the outage")
				.isEqualTo("UP chkfail=" + failedChecks.get(replica) + " check_code=200");
		}
		for (HttpResponse<String> answer : balancerReadAnswers) {
			assertThat(answer.statusCode()).as("a read through HAProxy with PostgreSQL down: " + answer.body())
				.isEqualTo(200);
		}
		for (HttpResponse<String> answer : balancerWriteAnswers) {
			assertThat(answer.statusCode()).as("a write through HAProxy with PostgreSQL down: " + answer.body())
				.isEqualTo(503);
			assertThat(answer.body())
				.contains("the audit trail cannot record the call, so the write was not attempted");
		}
		assertThat(refusedWrite.statusCode()).as(refusedWrite.body()).isEqualTo(503);
		assertThat(refusedWrite.body())
			.contains("the audit trail cannot record the call, so the write was not attempted");
		for (HttpResponse<String> answer : readAnswers) {
			assertThat(answer.statusCode()).as("a read with PostgreSQL down: " + answer.body()).isEqualTo(200);
		}
		assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
		JsonNode healthBody = ToolJson.mapper().readTree(health.body());
		assertThat(healthBody.get("status").asString()).isEqualTo("degraded");
		assertThat(healthBody.get("database").asString()).isEqualTo("disconnected");
		assertThat(healthBody.path("audit").path("status").asString()).as(health.body()).isEqualTo("degraded");
		assertThat(healthBody.path("audit").path("spooled_rows").asLong()).as(health.body()).isGreaterThanOrEqualTo(3);
		// a token no replica has looked up cannot be checked without the store
		assertThat(unchecked.statusCode()).as(unchecked.body()).isEqualTo(503);
		assertThat(unchecked.body()).contains("the token store cannot be reached");

		cluster.launch(killed);
		cluster.awaitHealthy(killed);
		HttpResponse<String> back = Eventually.poll(Duration.ofMinutes(1), Duration.ofMillis(500),
				() -> unchecked(() -> call(stays.url(), unseen, "docs_services", DOCS, null)),
				(answer) -> answer.statusCode() == 200);
		assertThat(back.statusCode()).as("with PostgreSQL back: " + back.body()).isEqualTo(200);

		// every answered read reaches PostgreSQL, once, naming the replica that answered
		// it: replayed by the replicas that stayed up and by the one started again
		List<String> answered = new ArrayList<>(reads.keySet());
		answered.addAll(balancerReads);
		Map<String, String> rows = Eventually.poll(Duration.ofMinutes(1), Duration.ofMillis(500),
				() -> unchecked(() -> auditRows(token)), (found) -> found.keySet().containsAll(answered));
		for (Map.Entry<String, Replica> read : reads.entrySet()) {
			assertThat(rows.get(read.getKey())).as("the row of read %s", read.getKey()).isEqualTo(read.getValue().id);
		}
		List<String> replicaIds = cluster.replicas.stream().map((replica) -> replica.id).toList();
		for (String read : balancerReads) {
			assertThat(rows.get(read)).as("the row of read %s through HAProxy", read).isIn(replicaIds);
		}
		long spooledByKilled = answered.stream().filter((read) -> killed.id.equals(rows.get(read))).count();
		Map<String, Long> throughBalancer = new java.util.TreeMap<>();
		balancerReads.forEach((read) -> throughBalancer.merge(rows.get(read), 1L, Long::sum));
		System.out.printf(
				"ReplicasIT PostgreSQL down: HAProxy during the outage %s; %d of %d reads through HAProxy"
						+ " answered, rows by replica %s; %d of %d writes through HAProxy refused (503); %s answered %d"
						+ " read(s), spooled%n",
				new java.util.TreeMap<>(balancerDuringOutage.entrySet()
					.stream()
					.collect(java.util.stream.Collectors.toMap((e) -> e.getKey().id, Map.Entry::getValue))),
				balancerReadAnswers.stream().filter((a) -> a.statusCode() == 200).count(), balancerReads.size(),
				throughBalancer, balancerWriteAnswers.stream().filter((a) -> a.statusCode() == 503).count(),
				balancerWrites.size(), killed.id, spooledByKilled);
		// the killed replica's spool: replayed by itself when it started again, or, while
		// it was down (its lock free), adopted by the others, which share its spool
		// directory here; either way once, each row naming the replica that answered
		long atRestart = rowsLogged(killed.output(), HOLDS);
		long adopted = 0;
		for (Replica other : cluster.replicas) {
			if (other != killed) {
				adopted += rowsLogged(other.output(), Pattern.compile("adopted \\S+ of replica '"
						+ Pattern.quote(killed.id) + "' \\(no live process holds its lock\\): (\\d+) row\\(s\\)"));
			}
		}
		System.out
			.printf("ReplicasIT PostgreSQL down: of %s's %d spooled row(s), %d replayed at its restart, %d adopted"
					+ " by the others%n", killed.id, spooledByKilled, atRestart, adopted);
		assertThat(atRestart + adopted).as(killed.id + "'s spooled rows, replayed or adopted")
			.isEqualTo(spooledByKilled);
		String ids = "'" + String.join("', '", answered) + "'";
		assertThat(count("SELECT count(*) FROM audit_records WHERE request_id IN (" + ids + ")"))
			.as("one row per answered read")
			.isEqualTo(answered.size());
		List<String> writes = new ArrayList<>(balancerWrites);
		writes.add(write);
		assertThat(
				count("SELECT count(*) FROM audit_records WHERE request_id IN ('" + String.join("', '", writes) + "')"))
			.as("rows of the refused writes")
			.isZero();
		assertThat(count("SELECT count(*) FROM audit_records WHERE outcome = 'pending'")).as("half-written calls")
			.isZero();
		for (Replica each : cluster.replicas) {
			HttpResponse<String> drained = Eventually.poll(Duration.ofMinutes(1), Duration.ofMillis(500),
					() -> unchecked(() -> health(each)), (answer) -> !answer.body().contains("\"audit\""));
			assertThat(drained.statusCode()).as(each.id + " with its spool replayed: " + drained.body()).isEqualTo(200);
			assertThat(drained.body()).contains("\"connected\"");
		}
		for (Replica each : cluster.replicas) {
			cluster.awaitBalancerStatus(each, "UP");
		}
		assertThat(call(cluster.balancerUrl(), token, "docs_services", DOCS, null).statusCode()).isEqualTo(200);
	}

	// --- helpers
	// --------------------------------------------------------------------------------

	private static final Pattern HOLDS = Pattern.compile("holds (\\d+) row\\(s\\) from before this start");

	/** The sum of the row counts of every log line matching {@code pattern}. */
	private static long rowsLogged(String log, Pattern pattern) {
		long rows = 0;
		Matcher matcher = pattern.matcher(log);
		while (matcher.find()) {
			rows += Long.parseLong(matcher.group(1));
		}
		return rows;
	}

	record Token(String value, String id) {
	}

	private static Token issue(String tenant, String name, String... scopes) throws Exception {
		String body = "{\"name\":\"" + name + "\",\"tenant_id\":\"" + tenant + "\",\"scopes\":[\""
				+ String.join("\",\"", scopes) + "\"]}";
		HttpResponse<String> issued = send(cluster.balancerUrl(), "POST", "/auth/token", ReplicaCluster.ADMIN_TOKEN,
				body, null);
		assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
		String value = ToolJson.mapper().readTree(issued.body()).get("api_token").asString();
		String id = cluster.database
			.value("SELECT id FROM tokens WHERE name = '" + name + "' AND tenant_id = '" + tenant + "'");
		return new Token(value, id);
	}

	/**
	 * {@code count} concurrent calls of one token through the balancer; how many got each
	 * status.
	 */
	private static Map<Integer, Integer> burst(Token token, String tool, String arguments, int count) throws Exception {
		ExecutorService callers = Executors.newFixedThreadPool(8);
		try {
			List<Future<Integer>> calls = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				calls.add(callers.submit(() -> call(cluster.balancerUrl(), token, tool, arguments, null).statusCode()));
			}
			Map<Integer, Integer> statuses = new HashMap<>();
			for (Future<Integer> call : calls) {
				statuses.merge(call.get(2, TimeUnit.MINUTES), 1, Integer::sum);
			}
			return statuses;
		}
		finally {
			callers.shutdownNow();
		}
	}

	private static HttpRequest request(String base, Token token, String tool, String arguments, String requestId) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + "/tools/" + tool))
			.timeout(Duration.ofSeconds(60))
			.header("Authorization", "Bearer " + token.value())
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(arguments));
		if (requestId != null) {
			builder.header("X-Request-ID", requestId);
		}
		return builder.build();
	}

	private static HttpResponse<String> call(String base, Token token, String tool, String arguments, String requestId)
			throws Exception {
		return http.send(request(base, token, tool, arguments, requestId), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpResponse<String> send(String base, String method, String path, String token, String body,
			String requestId) throws Exception {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
			.timeout(Duration.ofSeconds(60))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (requestId != null) {
			builder.header("X-Request-ID", requestId);
		}
		return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** {@code GET /health} of one replica, without a token (as HAProxy asks). */
	private static HttpResponse<String> health(Replica replica) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(replica.url() + "/health"))
			.timeout(Duration.ofSeconds(60))
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** The audit rows of a token: request id → the replica the row names. */
	private static Map<String, String> auditRows(Token token) throws Exception {
		Map<String, String> rows = new HashMap<>();
		try (Connection connection = connect();
				PreparedStatement select = connection
					.prepareStatement("SELECT request_id, replica FROM audit_records WHERE token_id = ?")) {
			select.setString(1, token.id());
			try (ResultSet result = select.executeQuery()) {
				while (result.next()) {
					assertThat(rows.put(result.getString(1), result.getString(2))).as("one row per request id")
						.isNull();
				}
			}
		}
		return rows;
	}

	/** How many audit rows of a token each replica wrote. */
	private static Map<String, Long> replicasOf(Token token) throws Exception {
		Map<String, Long> counts = new HashMap<>();
		auditRows(token).values().forEach((replica) -> counts.merge(replica, 1L, Long::sum));
		return counts;
	}

	private static long count(String sql) {
		return Long.parseLong(cluster.database.value(sql));
	}

	private static Connection connect() throws Exception {
		return DriverManager.getConnection("jdbc:postgresql://" + ThrowawayDatabase.HOST + ":" + ThrowawayDatabase.PORT
				+ "/" + cluster.database.name(), "postgres", null);
	}

	private static Process startSdkClient(Token token) throws Exception {
		java.nio.file.Path dir = NodeClients.clientsDir();
		ProcessBuilder builder = new ProcessBuilder(NodeClients.node().toString(), "replica-failover.mjs",
				cluster.balancerUrl(), token.value())
			.directory(dir.toFile())
			.redirectError(cluster.work.resolve("sdk-client.err").toFile());
		return cluster.track(builder.start());
	}

	private static <T> T unchecked(java.util.concurrent.Callable<T> work) {
		try {
			return work.call();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
