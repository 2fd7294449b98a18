package cl.smartercl.mcp.server.audit;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.r2dbc.core.DatabaseClient;

import cl.smartercl.mcp.server.store.StoreClient;
import cl.smartercl.mcp.server.store.StoreConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The audit trail's batches on a real store, written once and run on each
 * ({@code H2AuditBatchIT}, {@code PostgresAuditBatchIT}): a batch of inserts and
 * completions commits every row as given, a batch is one transaction (one bad row and
 * none of its rows is kept), the writer fails exactly the calls of a failed batch while
 * the next one commits, and a replay of spooled rows inserts only those missing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AuditBatchStoreSuite {

	private static final Duration WAIT = Duration.ofSeconds(60);

	protected ConfigurableApplicationContext context;

	protected DatabaseClient sql;

	private AuditStore store;

	private AuditWriter writer;

	/** Properties naming a fresh store. */
	protected abstract Map<String, Object> newStore() throws Exception;

	protected abstract void dropStore() throws Exception;

	@BeforeAll
	void start() throws Exception {
		this.context = new SpringApplicationBuilder(StoreOnly.class).web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.properties(newStore())
			.run();
		this.sql = this.context.getBean(DatabaseClient.class);
		this.store = new AuditStore(this.context.getBean(StoreClient.class));
		this.writer = new AuditWriter(this.store, new AuditProperties(64, Duration.ZERO, 10_000, WAIT),
				Schedulers.parallel());
	}

	@AfterAll
	void stop() throws Exception {
		this.writer.close();
		this.context.close();
		dropStore();
	}

	@Test
	void aBatchCommitsEveryRowAsGiven() {
		String tenant = tenant();
		List<AuditRecord> intents = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			intents.add(record(tenant, "intent-" + i, true, AuditRecord.PENDING));
		}
		this.store.write(intents, List.of()).block(WAIT);
		List<AuditRecord> inserts = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			inserts.add(record(tenant, "read-" + i, false, AuditRecord.OK));
		}
		Instant done = Instant.now().truncatedTo(ChronoUnit.MICROS);
		List<AuditRecord> completions = intents.stream().map((intent) -> intent.completed(done, "ok", 42)).toList();
		this.store.write(inserts, completions).block(WAIT);

		List<AuditRecord> stored = this.store.find(new AuditQuery(tenant, null, null, null, null, null, null, 500))
			.collectList()
			.block(WAIT);
		assertThat(stored).hasSize(305);
		assertThat(stored).allSatisfy((record) -> {
			assertThat(record.outcome()).isEqualTo("ok");
			assertThat(record.completedAt()).isNotNull();
		});
		AuditRecord read = stored.stream().filter((r) -> r.callId().endsWith("read-7")).findFirst().orElseThrow();
		AuditRecord given = inserts.get(7);
		assertThat(read).usingRecursiveComparison().ignoringFields("id", "replica").isEqualTo(given);
		// every row names the replica that stored it (SMARTERMCP_REPLICA_ID, else the
		// host name)
		assertThat(stored).extracting(AuditRecord::replica).containsOnly(this.store.replica());
		AuditRecord completed = stored.stream()
			.filter((r) -> r.callId().endsWith("intent-3"))
			.findFirst()
			.orElseThrow();
		assertThat(completed.durationMs()).isEqualTo(42L);
		assertThat(completed.completedAt()).isEqualTo(done);
		assertThat(completed.write()).isTrue();
		// rows of one batch keep their order in the trail (newest first)
		List<String> readIds = stored.stream().map(AuditRecord::callId).filter((id) -> id.contains("read-")).toList();
		assertThat(readIds.get(0)).endsWith("read-299");
		assertThat(readIds.get(299)).endsWith("read-0");
	}

	@Test
	void aCompletionStoresTheConfirmationOutcomeAndOtherRowsHaveNone() {
		String tenant = tenant();
		AuditRecord confirmed = record(tenant, "confirmed", true, AuditRecord.PENDING);
		AuditRecord declined = record(tenant, "declined", true, AuditRecord.PENDING);
		AuditRecord plain = record(tenant, "plain", true, AuditRecord.PENDING);
		this.store.write(List.of(confirmed, declined, plain), List.of()).block(WAIT);
		Instant done = Instant.now().truncatedTo(ChronoUnit.MICROS);
		this.store
			.write(List.of(),
					List.of(confirmed.completed(done, "ok", 5, "confirmed"),
							declined.completed(done, "not_confirmed", 1, "declined"), plain.completed(done, "ok", 2)))
			.block(WAIT);
		Map<String, AuditRecord> stored = new java.util.HashMap<>();
		this.store.find(new AuditQuery(tenant, null, null, null, null, null, null, 10))
			.toIterable()
			.forEach((record) -> stored.put(record.callId().substring(record.callId().lastIndexOf('-') + 1), record));
		assertThat(stored.get("confirmed").confirmation()).isEqualTo("confirmed");
		assertThat(stored.get("declined").confirmation()).isEqualTo("declined");
		assertThat(stored.get("declined").outcome()).isEqualTo("not_confirmed");
		assertThat(stored.get("plain").confirmation()).isNull();
	}

	@Test
	void aBatchIsOneTransaction() {
		String tenant = tenant();
		AuditRecord existing = record(tenant, "existing", false, AuditRecord.OK);
		this.store.write(List.of(existing), List.of()).block(WAIT);
		List<AuditRecord> batch = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			batch.add(record(tenant, "lost-" + i, false, AuditRecord.OK));
		}
		batch.add(existing); // call_id is unique: this row fails the batch
		assertThatThrownBy(() -> this.store.write(batch, List.of()).block(WAIT)).isNotNull();
		assertThat(count(tenant)).isEqualTo(1);
	}

	@Test
	void theWriterFailsExactlyTheCallsOfAFailedBatch() {
		String tenant = tenant();
		AuditRecord existing = record(tenant, "existing", false, AuditRecord.OK);
		this.writer.insert(existing).block(WAIT);
		assertThatThrownBy(() -> this.writer.insert(existing).block(WAIT)).isInstanceOf(AuditWriter.Unavailable.class);
		List<CompletableFuture<Void>> calls = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			calls.add(this.writer.insert(record(tenant, "ok-" + i, false, AuditRecord.OK)).toFuture());
		}
		calls.forEach(CompletableFuture::join);
		assertThat(count(tenant)).isEqualTo(201);
	}

	@Test
	void aReplayInsertsOnlyTheRowsTheTrailLacksAndRunTwiceDuplicatesNothing() {
		String tenant = tenant();
		AuditRecord existing = record(tenant, "existing", false, AuditRecord.OK);
		AuditRecord intent = record(tenant, "intent", true, AuditRecord.PENDING);
		this.store.write(List.of(existing, intent), List.of()).block(WAIT);
		List<AuditRecord> spooled = new ArrayList<>(List.of(existing));
		for (int i = 0; i < 50; i++) {
			spooled.add(record(tenant, "spooled-" + i, false, AuditRecord.OK));
		}
		Instant done = Instant.now().truncatedTo(ChronoUnit.MICROS);
		List<AuditRecord> completions = List.of(intent.completed(done, "ok", 7));
		// the second run: a crash after the commit, before the spool file was deleted
		this.store.replay(spooled, completions).block(WAIT);
		this.store.replay(spooled, completions).block(WAIT);
		assertThat(count(tenant)).isEqualTo(52);
		List<AuditRecord> stored = this.store.find(new AuditQuery(tenant, null, null, null, null, null, null, 100))
			.collectList()
			.block(WAIT);
		assertThat(stored).extracting(AuditRecord::callId).doesNotHaveDuplicates();
		assertThat(stored).extracting(AuditRecord::outcome).containsOnly("ok");
		AuditRecord replayed = stored.stream()
			.filter((r) -> r.callId().endsWith("spooled-9"))
			.findFirst()
			.orElseThrow();
		assertThat(replayed).usingRecursiveComparison().ignoringFields("id", "replica").isEqualTo(spooled.get(10));
		assertThat(replayed.replica()).isEqualTo(this.store.replica());
	}

	private long count(String tenant) {
		return this.sql.sql("SELECT COUNT(*) AS n FROM audit_records WHERE tenant_id = :tenant")
			.bind("tenant", tenant)
			.map((row) -> row.get("n", Long.class))
			.one()
			.block(WAIT);
	}

	private static String tenant() {
		return "t" + UUID.randomUUID().toString().substring(0, 8);
	}

	private static AuditRecord record(String tenant, String name, boolean write, String outcome) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		boolean complete = !AuditRecord.PENDING.equals(outcome);
		return new AuditRecord(0, tenant + "-" + name, now, complete ? now : null, tenant, UUID.randomUUID().toString(),
				"agent \"quoted\"", "docs_services", write, "{\"service_id\":\"n8n\",\"note\":\"é\\u0000\"}", outcome,
				complete ? 3L : null, UUID.randomUUID().toString(), "mcp");
	}

	/**
	 * The store alone (migrations, pool, StoreClient) under Boot's auto-configuration.
	 */
	@EnableAutoConfiguration
	@Import(StoreConfiguration.class)
	static class StoreOnly {

	}

}
