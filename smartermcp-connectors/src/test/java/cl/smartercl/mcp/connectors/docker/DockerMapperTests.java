package cl.smartercl.mcp.connectors.docker;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Engine's JSON read into {@link Engine}'s records, from captured and hand-shaped
 * answers.
 */
class DockerMapperTests {

	private final JsonMapper json = JsonMapper.builder().build();

	private JsonNode fixture(String name) {
		return this.json.readTree(Fixtures.read("docker/" + name));
	}

	@Test
	void summariesCarryNameLabelsHealthAndCreation() {
		List<Engine.ContainerSummary> all = DockerMapper.summaries(fixture("containers-list-mixed.json"));
		assertThat(all).extracting(Engine.ContainerSummary::name)
			.startsWith("n8n", "metabase", "migrate", "odoo", "old-redis");
		Engine.ContainerSummary n8n = all.get(0);
		assertThat(n8n.id()).startsWith("8dfafdbc3a40").hasSize(64);
		assertThat(n8n.image()).isEqualTo("n8nio/n8n:1.123.81");
		assertThat(n8n.running()).isTrue();
		assertThat(n8n.health()).isEqualTo("healthy");
		assertThat(n8n.created()).isEqualTo(Instant.ofEpochSecond(1795500000L));
		assertThat(n8n.labels()).containsEntry(DockerServices.COMPOSE_SERVICE, "n8n");
		assertThat(all.get(1).health()).isEqualTo("unhealthy");
		assertThat(all.get(2).health()).isNull();
		assertThat(all.get(2).labels()).isEmpty();
		assertThat(DockerMapper.container(all.get(3)).exitCode()).isEqualTo(137);
	}

	@Test
	void detailsCarryTheConfiguredImageTtyAndState() {
		JsonNode inspect = fixture("container-inspect-running.json");
		Engine.ContainerDetails details = DockerMapper.details(inspect);
		assertThat(details.id()).startsWith("8dfafdbc3a40");
		assertThat(details.name()).isEqualTo("n8n");
		assertThat(details.image()).isEqualTo("n8nio/n8n:1.123.81");
		assertThat(details.tty()).isFalse();
		assertThat(details.state()).isEqualTo(new Engine.ContainerState("running", false, 0, "", "starting",
				Instant.parse("2026-11-25T10:30:01.987654321Z")));
		// the re-create copies the operator's configuration from the document as the
		// engine wrote it
		assertThat(details.document()).isSameAs(inspect);
	}

	@Test
	void systemAnswersAreTyped() {
		Engine.Info info = DockerMapper.info(fixture("info.json"));
		assertThat(info.cpus()).isPositive();
		assertThat(info.memoryTotal()).isPositive();
		assertThat(info.operatingSystem()).isNotBlank();
		// Docker reports LayersSize; the total adds container layers and volumes to it
		assertThat(DockerMapper.diskUsed(fixture("system-df.json"))).isGreaterThanOrEqualTo(5368709120L);
		StatsReading stats = DockerMapper.stats("n8n", fixture("stats-n8n.json"));
		assertThat(stats.name()).isEqualTo("n8n");
		assertThat(stats.cpuTotal()).isPositive();
		assertThat(stats.memoryLimit()).isPositive();
	}

	@Test
	void aPullLineIsProgressOrAFailure() {
		assertThat(DockerMapper.pullProgress(this.json.readTree("{\"status\":\"Downloading\"}")))
			.isEqualTo(new DockerMapper.PullProgress("Downloading", null));
		assertThat(DockerMapper
			.pullProgress(this.json
				.readTree("{\"errorDetail\":{\"message\":\"manifest unknown\"}," + "\"error\":\"manifest unknown\"}"))
			.error()).isEqualTo("manifest unknown");
		assertThat(DockerMapper.pullProgress(this.json.readTree("{\"error\":\"denied\"}")).error()).isEqualTo("denied");
	}

}
