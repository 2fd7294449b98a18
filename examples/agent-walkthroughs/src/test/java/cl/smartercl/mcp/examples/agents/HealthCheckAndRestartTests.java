package cl.smartercl.mcp.examples.agents;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import cl.smartercl.mcp.testsupport.StubServer;

import static org.assertj.core.api.Assertions.assertThat;

class HealthCheckAndRestartTests {

	private static final String ALL = """
			{"overall":"degraded","services":[
			 {"id":"n8n","name":"N8N","status":"healthy","latency_ms":12,"detail":"GET /healthz answered 200","checked_at":"2026-11-25T10:00:00Z"},
			 {"id":"odoo","name":"Odoo","status":"unhealthy","latency_ms":3001,"detail":"container exited (137)","checked_at":"2026-11-25T10:00:00Z"}]}""";

	private static final String ODOO_AGAIN = """
			{"overall":"healthy","services":[
			 {"id":"odoo","name":"Odoo","status":"healthy","latency_ms":40,"detail":"version 18.0 answered","checked_at":"2026-11-25T10:00:09Z"}]}""";

	private final StubServer server = new StubServer();

	@AfterEach
	void close() {
		this.server.close();
	}

	@Test
	void restartsTheUnhealthyServiceAndChecksItAgain() {
		this.server.on("services_health", (body) -> StubServer.json(200, body.contains("odoo") ? ODOO_AGAIN : ALL))
			.on("services_restart",
					"""
							{"service_id":"odoo","container_id":"9c1e","container":"odoo","state":"running","started_at":"2026-11-25T10:00:05Z"}""");
		var stillUnhealthy = new HealthCheckAndRestart(this.server.client(), this.server.out()).run(false);
		assertThat(stillUnhealthy).isEmpty();
		assertThat(this.server.calls()).containsExactly("services_health {}",
				"services_restart {\"service_id\":\"odoo\"}", "services_health {\"service_id\":\"odoo\"}");
		assertThat(this.server.output()).contains("Restarted odoo").contains("now healthy: version 18.0 answered");
	}

	@Test
	void aDryRunRestartsNothing() {
		this.server.on("services_health", ALL);
		var unhealthy = new HealthCheckAndRestart(this.server.client(), this.server.out()).run(true);
		assertThat(unhealthy).containsExactly("odoo");
		assertThat(this.server.calls()).containsExactly("services_health {}");
	}

	@Test
	void aFailedRestartIsReportedNotRetried() {
		this.server.on("services_health", ALL).on("services_restart", (body) -> StubServer.unavailable("docker"));
		var stillUnhealthy = new HealthCheckAndRestart(this.server.client(), this.server.out()).run(false);
		assertThat(stillUnhealthy).containsExactly("odoo");
		assertThat(this.server.calls()).hasSize(2);
		assertThat(this.server.output())
			.contains("Could not restart odoo: services_restart: Service 'docker' is currently unavailable");
	}

}
