package cl.smartercl.mcp.server.health;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import cl.smartercl.mcp.core.health.ProbeResult;
import cl.smartercl.mcp.core.tools.services.HealthStatus;

import static org.assertj.core.api.Assertions.assertThat;

class HealthReportTests {

	private static final ProbeResult UP = new ProbeResult(HealthStatus.HEALTHY, 3, "1.0", "ok");

	private static final ProbeResult DOWN = new ProbeResult(HealthStatus.UNHEALTHY, 3, null, "refused");

	private static final String NO_SPOOL = "the audit store cannot be reached and the spool is off";

	private static ObjectNode report(Map<String, Map<String, ProbeResult>> probes, boolean database) {
		return HealthReport.build("1.2.3", Duration.ofSeconds(42), probes, database, NO_SPOOL, false, List.of(),
				Instant.parse("2026-01-31T12:00:00Z"));
	}

	@Test
	void nothingConfiguredWithTheDatabaseIsHealthy() {
		ObjectNode body = report(Map.of(), true);
		assertThat(body.get("status").asString()).isEqualTo("healthy");
		assertThat(body.get("uptime").asLong()).isEqualTo(42);
		assertThat(body.get("timestamp").asString()).isEqualTo("2026-01-31T12:00:00Z");
		body.get("services").forEach((state) -> assertThat(state.asString()).isEqualTo("not_configured"));
	}

	@Test
	void aServiceIsUnhealthyWhenAnyTenantsInstanceIsDown() {
		ObjectNode body = report(Map.of("a", Map.of("n8n", UP, "odoo", UP), "b", Map.of("n8n", DOWN)), true);
		assertThat(body.get("status").asString()).isEqualTo("degraded");
		assertThat(body.get("services").get("n8n").asString()).isEqualTo("unhealthy");
		assertThat(body.get("services").get("odoo").asString()).isEqualTo("healthy");
	}

	@Test
	void everyConfiguredServiceDownOrNoDatabaseIsUnhealthy() {
		assertThat(report(Map.of("a", Map.of("n8n", DOWN, "odoo", DOWN)), true).get("status").asString())
			.isEqualTo("unhealthy");
		ObjectNode noDatabase = report(Map.of("a", Map.of("n8n", UP)), false);
		assertThat(noDatabase.get("status").asString()).isEqualTo("unhealthy");
		assertThat(noDatabase.get("database").asString()).isEqualTo("disconnected");
		assertThat(noDatabase.get("reason").asString()).isEqualTo(NO_SPOOL);
		assertThat(report(Map.of(), true).has("reason")).as("with the database: no reason").isFalse();
	}

	@Test
	void withoutTheDatabaseAReplicaThatCanCheckNoTokenIsUnhealthyAndSaysWhy() {
		String tokens = "the token store cannot be reached and smartermcp.token-cache-stale-if-error is 0, so no"
				+ " caller's token can be checked";
		ObjectNode body = HealthReport.build("1.2.3", Duration.ZERO, Map.of("a", Map.of("n8n", UP)), false, tokens,
				false, List.of(), Instant.EPOCH);
		assertThat(body.get("status").asString()).isEqualTo("unhealthy");
		assertThat(HealthReport.isUnhealthy(body)).as("503: the balancer takes it out").isTrue();
		assertThat(body.get("reason").asString()).isEqualTo(tokens);
		assertThat(body.propertyNames()).containsExactly("status", "version", "uptime", "services", "database",
				"reason", "timestamp");
		// spooled rows do not make it degraded again
		assertThat(HealthReport.withAuditSpool(body, 4).get("status").asString()).isEqualTo("unhealthy");
	}

	@Test
	void withoutTheDatabaseAReplicaThatStillAnswersReadsIsDegraded() {
		ObjectNode reads = HealthReport.build("1.2.3", Duration.ZERO, Map.of("a", Map.of("n8n", UP)), false, null,
				false, List.of(), Instant.EPOCH);
		assertThat(reads.get("status").asString()).isEqualTo("degraded");
		assertThat(reads.get("database").asString()).isEqualTo("disconnected");
		assertThat(HealthReport.isUnhealthy(reads)).as("200: the balancer keeps it").isFalse();
		assertThat(reads.has("reason")).isFalse();
		ObjectNode spooling = HealthReport.withAuditSpool(reads, 5);
		assertThat(spooling.get("status").asString()).isEqualTo("degraded");
		assertThat(spooling.get("audit").get("spooled_rows").asLong()).isEqualTo(5);
		// every configured service down stays unhealthy, spool or not
		ObjectNode allDown = HealthReport.build("1.2.3", Duration.ZERO, Map.of("a", Map.of("n8n", DOWN)), false, null,
				false, List.of(), Instant.EPOCH);
		assertThat(allDown.get("status").asString()).isEqualTo("unhealthy");
		// the database up: the flag changes nothing
		assertThat(HealthReport
			.build("1.2.3", Duration.ZERO, Map.of("a", Map.of("n8n", UP)), true, NO_SPOOL, false, List.of(),
					Instant.EPOCH)
			.get("status")
			.asString()).isEqualTo("healthy");
	}

	@Test
	void aSpoolHoldingAuditRowsShowsTheAuditStoreDegraded() {
		ObjectNode plain = HealthReport.withAuditSpool(report(Map.of(), true), 0);
		assertThat(plain.has("audit")).as("the documented shape without spooled rows").isFalse();
		assertThat(plain.get("status").asString()).isEqualTo("healthy");
		ObjectNode spooling = HealthReport.withAuditSpool(report(Map.of(), true), 12);
		assertThat(spooling.get("status").asString()).isEqualTo("degraded");
		assertThat(spooling.get("audit").get("status").asString()).isEqualTo("degraded");
		assertThat(spooling.get("audit").get("spooled_rows").asLong()).isEqualTo(12);
		ObjectNode noDatabase = HealthReport.withAuditSpool(report(Map.of(), false), 3);
		assertThat(noDatabase.get("status").asString()).as("unhealthy stays unhealthy").isEqualTo("unhealthy");
		assertThat(noDatabase.get("audit").get("spooled_rows").asLong()).isEqualTo(3);
	}

	@Test
	void dockerAndPrometheusShowOnlyInTheDetail() {
		ObjectNode body = HealthReport.build("1", Duration.ZERO, Map.of("a", Map.of("docker", DOWN)), true, null, true,
				List.of("a"), Instant.EPOCH);
		assertThat(body.get("status").asString()).isEqualTo("healthy");
		assertThat(body.get("services").has("docker")).isFalse();
		assertThat(body.get("tenants").get("a").get("docker").get("status").asString()).isEqualTo("unhealthy");
	}

}
