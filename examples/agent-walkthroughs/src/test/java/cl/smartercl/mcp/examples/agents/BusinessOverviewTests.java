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
		this.server.on("analytics_kpis",
				"{\"kpis\":[{\"name\":\"revenue_mtd\",\"status\":\"ok\",\"value\":48213.5,\"unit\":\"USD\",\"format\":\"currency\",\"display\":\"$48,213.50\",\"question\":{\"id\":12,\"name\":\"Revenue MTD\"}}],\"ok\":1,\"failed\":0}")
			.on("crm_pipeline_status", (body) -> StubServer.unavailable("odoo"))
			.on("support_metrics",
					"""
							{"period":"week","timezone":"UTC","since":"2026-11-23T00:00:00Z","until":"2026-11-25T10:00:00Z",
							 "previous_since":"2026-11-20T14:00:00Z",
							 "conversations":{"current":142,"previous":120,"change_percent":18.3},
							 "incoming_messages":{"current":610,"previous":540,"change_percent":13.0},
							 "outgoing_messages":{"current":702,"previous":655,"change_percent":7.2},
							 "resolutions":{"current":131,"previous":110,"change_percent":19.1},
							 "avg_first_response":{"seconds":312.4,"human":"5 min 12 s","previous_seconds":null,"previous_human":null},
							 "avg_resolution":{"seconds":8640.0,"human":"2 h 24 min","previous_seconds":null,"previous_human":null},
							 "csat":{"score_percent":91.3,"responses":46,"surveys_sent":80,"response_rate_percent":57.5,
							  "previous_score_percent":null,"previous_responses":0,"previous_response_rate_percent":null}}""")
			.on("support_agents_status",
					"""
							{"agents":[{"id":1,"name":"Ana Rojas","email":"ana@example.cl","role":"agent","availability":"online",
							 "auto_offline":false,"confirmed":true}],"online":1,"busy":0,"offline":0,"total":1}""")
			.on("bots_list", "{\"bots\":[{\"id\":\"b1\",\"name\":\"Orders bot\",\"status\":\"enabled\"}]}");
		int gaps = new BusinessOverview(this.server.client(), this.server.out()).run();
		assertThat(gaps).isEqualTo(1);
		assertThat(this.server.calls()).containsExactlyInAnyOrder("analytics_kpis {\"kpis\":[]}",
				"crm_pipeline_status {}", "support_metrics {\"period\":\"week\"}", "support_agents_status {}",
				"bots_list {}");
		assertThat(this.server.output()).contains("revenue_mtd", "$48,213.50")
			.contains("(not available: crm_pipeline_status: Service 'odoo' is currently unavailable)")
			.contains("142 conversations (previous week so far: 120), 131 resolved, first response 5 min 12 s")
			.contains("Ana Rojas", "online")
			.contains("Orders bot");
	}

}
