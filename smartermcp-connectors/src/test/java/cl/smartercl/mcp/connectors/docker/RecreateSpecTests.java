package cl.smartercl.mcp.connectors.docker;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

class RecreateSpecTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void keepsTheOperatorsSettingsAndLeavesTheOldImagesOwnToTheNewImage() {
		JsonNode container = this.json.readTree(Fixtures.read("docker/container-inspect-running.json"));
		JsonNode image = this.json.readTree(Fixtures.read("docker/image-inspect-n8n.json"));
		ObjectNode body = RecreateSpec.of(this.json, container, image, "n8nio/n8n:1.124.0");
		assertThat(body.path("Image").asString()).isEqualTo("n8nio/n8n:1.124.0");
		// the operator's variable stays; the image's PATH and NODE_VERSION come from the
		// new image
		assertThat(body.path("Env").toString()).isEqualTo("[\"N8N_HOST=n8n.example.com\"]");
		assertThat(body.has("Entrypoint")).isFalse();
		assertThat(body.has("WorkingDir")).isFalse();
		assertThat(body.has("User")).isFalse();
		assertThat(body.has("ExposedPorts")).isFalse();
		assertThat(body.has("Hostname")).as("the engine's id-based hostname").isFalse();
		assertThat(body.path("Labels").toString())
			.isEqualTo("{\"com.docker.compose.project\":\"stack\",\"com.docker.compose.service\":\"n8n\"}");
		assertThat(body.path("HostConfig")).isEqualTo(container.path("HostConfig"));
		assertThat(body.path("NetworkingConfig").toString())
			.isEqualTo("{\"EndpointsConfig\":{\"stack_default\":{\"Aliases\":[\"n8n\"]}}}");
	}

	@Test
	void withoutTheOldImageEverythingOfTheContainerIsKept() {
		JsonNode container = this.json.readTree(Fixtures.read("docker/container-inspect-running.json"));
		ObjectNode body = RecreateSpec.of(this.json, container, null, "n8nio/n8n:1.124.0");
		assertThat(body.path("Env")).hasSize(3);
		assertThat(body.path("Entrypoint").toString()).isEqualTo("[\"tini\",\"--\",\"/docker-entrypoint.sh\"]");
		assertThat(body.path("User").asString()).isEqualTo("node");
	}

}
