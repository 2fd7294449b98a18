package cl.smartercl.mcp.connectors.docker;

import java.time.Instant;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * The Engine API's answers as this connector reads them. {@link DockerApi} returns them
 * and {@link DockerMapper}, which alone knows the Engine's field names, builds them from
 * the wire JSON.
 */
final class Engine {

	private Engine() {
	}

	/**
	 * One container of {@code GET /containers/json}.
	 *
	 * @param id the full id
	 * @param name the first name, without the engine's leading slash
	 * @param image the image as the engine names it (a {@code sha256:} id when its tag
	 * has moved on)
	 * @param state {@code running}, {@code exited}, {@code created}, ...
	 * @param status the engine's text, e.g. "Up 2 hours (healthy)"
	 * @param health {@code healthy}, {@code unhealthy}, {@code starting}, or null without
	 * a health check
	 * @param created when it was created, null when the engine did not say
	 * @param labels its labels, never null
	 */
	record ContainerSummary(String id, String name, String image, String state, String status, String health,
			Instant created, Map<String, String> labels) {

		boolean running() {
			return "running".equals(this.state);
		}

		long createdEpochSecond() {
			return (this.created != null) ? this.created.getEpochSecond() : 0;
		}

	}

	/**
	 * {@code GET /containers/{id}/json}: what the connector reads, and the whole
	 * document, which {@link RecreateSpec} copies as the engine wrote it into the create
	 * body of a replacement.
	 *
	 * @param image the image of its configuration ({@code Config.Image}), as it was asked
	 * for at create
	 * @param tty whether it runs with a TTY (its logs are then not multiplexed)
	 */
	record ContainerDetails(String id, String name, String image, boolean tty, ContainerState state,
			JsonNode document) {

	}

	/**
	 * A container's state.
	 *
	 * @param status {@code running}, {@code exited}, {@code dead}, ...
	 * @param error the engine's error text, "" when none
	 * @param health the health check's status, "" without one
	 * @param startedAt null when it never started
	 */
	record ContainerState(String status, boolean restarting, int exitCode, String error, String health,
			Instant startedAt) {

	}

	/** {@code GET /info}: the host the engine runs on. */
	record Info(String name, String operatingSystem, String kernelVersion, String storageDriver, int cpus,
			long memoryTotal, int images) {

	}

	/**
	 * {@code GET /images/{name}/json}, whole: a re-create compares the container's
	 * configuration with it.
	 */
	record Image(String id, JsonNode document) {

	}

}
