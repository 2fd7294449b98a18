package cl.smartercl.mcp.examples.agents;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import cl.smartercl.mcp.testsupport.StubServer;

import static org.assertj.core.api.Assertions.assertThat;

class BusinessOverviewTests {

	private final StubServer server = new StubServer();

	@AfterEach
	void close() {
		this.server.close();
	}

	@Test
	void readsFivePartsAndLeavesAGapForABackendThatIsDown() {
		this.server.on("analytics_kpis", "{\"kpis\":[{\"name\":\"revenue_mtd\",\"status\":\"ok\",\"value\":48213.5,\"unit\":\"USD\",\"format\":\"currency\",\"display\":\"$48,213.50\",\"question\":{\"id\":12,\"name\":\"Revenue MTD\"}}],\"ok\":1,\"failed\":0}")
			.on("crm_pipeline_status", (body) -> StubServer.unavailable("odoo"))
			.on("support_metrics", """
					{"period":"week","since":"2026-11-18T10:00:00Z","until":"2026-11-25T10:00:00Z","conversations":142,
					 "resolutions":131,"avg_first_response_seconds":312.4,"csat_percent":91.3,"csat_responses":46}""")
			.on("support_agents_status", """
					{"agents":[{"id":1,"name":"Ana Rojas","email":"ana@example.cl","role":"agent","availability":"online"}],
					 "online":1,"busy":0,"offline":0}""")
			.on("bots_list", "{\"bots\":[{\"id\":\"b1\",\"name\":\"Orders bot\",\"status\":\"deployed\"}]}");
		int gaps = new BusinessOverview(this.server.client(), this.server.out()).run();
		assertThat(gaps).isEqualTo(1);
		assertThat(this.server.calls()).containsExactlyInAnyOrder("analytics_kpis {\"kpis\":[]}", "crm_pipeline_status {}",
				"support_metrics {\"period\":\"week\"}", "support_agents_status {}", "bots_list {}");
		assertThat(this.server.output()).contains("revenue_mtd", "$48,213.50")
			.contains("(not available: crm_pipeline_status: Service 'odoo' is currently unavailable)")
			.contains("142 conversations, 131 resolved")
			.contains("Ana Rojas", "online")
			.contains("Orders bot");
	}

}
