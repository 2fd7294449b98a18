package cl.smartercl.mcp.connectors.docker;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

import cl.smartercl.mcp.connectors.config.ServiceConfig;
import cl.smartercl.mcp.connectors.support.BackendMessages;
import cl.smartercl.mcp.core.tools.infrastructure.Container;
import cl.smartercl.mcp.core.tools.infrastructure.ContainersRestart;
import cl.smartercl.mcp.core.tools.services.ServicesList;
import cl.smartercl.mcp.core.tools.services.ServicesLogs;

/**
 * Engine API JSON to {@link Engine}'s records and the tools' records, and the few
 * judgements the engine leaves to its client. The one place that knows the Engine's field
 * names (the create body of a replacement, copied from the engine's own document, is
 * {@link RecreateSpec}'s).
 */
final class DockerMapper {

	private static final Pattern EXITED = Pattern.compile("^Exited \\((-?\\d+)\\)");

	private DockerMapper() {
	}

	/** An engine or registry message made safe to show. */
	static String sanitize(String raw) {
		return BackendMessages.sanitize(raw);
	}

	// ---- containers

	static String shortId(String id) {
		String bare = id.startsWith("sha256:") ? id.substring(7) : id;
		return (bare.length() > 12) ? bare.substring(0, 12) : bare;
	}

	/**
	 * The first name of a container summary or inspect document, without the engine's
	 * leading slash.
	 */
	static String name(JsonNode container) {
		JsonNode names = container.path("Names");
		String name = (names.isArray() && !names.isEmpty()) ? names.get(0).asString("")
				: container.path("Name").asString("");
		return name.startsWith("/") ? name.substring(1) : name;
	}

	/** {@code GET /containers/json}. */
	static List<Engine.ContainerSummary> summaries(JsonNode array) {
		List<Engine.ContainerSummary> out = new ArrayList<>();
		for (JsonNode summary : array.values()) {
			out.add(summary(summary));
		}
		return List.copyOf(out);
	}

	static Engine.ContainerSummary summary(JsonNode summary) {
		String status = summary.path("Status").asString("");
		// API 1.52 adds Health to a summary; older ones (and podman) say it in the status
		// text only
		JsonNode healthNode = summary.path("Health").path("Status");
		String health = healthNode.isString() && !healthNode.asString().isEmpty() ? healthNode.asString()
				: healthFromStatus(status);
		long created = summary.path("Created").asLong(0);
		Map<String, String> labels = new LinkedHashMap<>();
		summary.path("Labels")
			.properties()
			.forEach((label) -> labels.put(label.getKey(), label.getValue().asString("")));
		return new Engine.ContainerSummary(summary.path("Id").asString(""), name(summary),
				summary.path("Image").asString(null), summary.path("State").asString(""), status, health,
				(created > 0) ? Instant.ofEpochSecond(created) : null, Map.copyOf(labels));
	}

	/** {@code GET /containers/{id}/json}. */
	static Engine.ContainerDetails details(JsonNode inspect) {
		JsonNode state = inspect.path("State");
		return new Engine.ContainerDetails(inspect.path("Id").asString(""), name(inspect),
				inspect.path("Config").path("Image").asString(""), inspect.path("Config").path("Tty").asBoolean(false),
				new Engine.ContainerState(state.path("Status").asString(""), state.path("Restarting").asBoolean(false),
						state.path("ExitCode").asInt(0), state.path("Error").asString(""),
						state.path("Health").path("Status").asString(""), instant(state.path("StartedAt"))),
				inspect);
	}

	/** {@code GET /images/{name}/json}. */
	static Engine.Image image(JsonNode inspect) {
		return new Engine.Image(inspect.path("Id").asString(""), inspect);
	}

	/** The id in the answer of {@code POST /containers/create}. */
	static String createdId(JsonNode created) {
		return created.path("Id").asString("");
	}

	static Container container(Engine.ContainerSummary summary) {
		return new Container(shortId(summary.id()), summary.name(), summary.image(), summary.state(), summary.status(),
				exitCode(summary.state(), summary.status()), summary.health(), summary.created());
	}

	/**
	 * API 1.44 has no health field in a container summary (it came with 1.52); both
	 * Docker and podman put it in the status text: "Up 2 hours (healthy)", "(unhealthy)",
	 * "(health: starting)".
	 */
	static String healthFromStatus(String status) {
		String s = status.toLowerCase(Locale.ROOT);
		if (s.contains("(unhealthy)")) {
			return "unhealthy";
		}
		if (s.contains("(healthy)")) {
			return "healthy";
		}
		if (s.contains("(health: starting)")) {
			return "starting";
		}
		return null;
	}

	/** The exit code of an exited container, from "Exited (137) 2 hours ago". */
	static Integer exitCode(String state, String status) {
		if (!"exited".equals(state)) {
			return null;
		}
		Matcher m = EXITED.matcher(status);
		return m.find() ? Integer.valueOf(m.group(1)) : null;
	}

	/**
	 * The engine has no "error" filter (backend-notes/docker.md §5.2): exited non-zero,
	 * dead, restarting, or unhealthy.
	 */
	static boolean inError(Container c) {
		return switch (c.state()) {
			case "dead", "restarting" -> true;
			case "exited" -> c.exitCode() != null && c.exitCode() != 0;
			default -> "unhealthy".equals(c.health());
		};
	}

	static boolean stopped(Container c) {
		return "exited".equals(c.state()) || "created".equals(c.state());
	}

	static ContainersRestart.Output restarted(Engine.ContainerDetails inspect) {
		return new ContainersRestart.Output(shortId(inspect.id()), inspect.name(),
				nullIfEmpty(inspect.state().status()), inspect.state().startedAt());
	}

	static String nullIfEmpty(String text) {
		return (text == null || text.isEmpty()) ? null : text;
	}

	/** Engine timestamps; Go's zero time "0001-01-01T00:00:00Z" means never. */
	static Instant instant(JsonNode node) {
		String text = node.asString("");
		if (text.isEmpty() || text.startsWith("0001-01-01")) {
			return null;
		}
		try {
			return OffsetDateTime.parse(text).toInstant();
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	// ---- logs

	/**
	 * A log line as {@code timestamps=true} sends it: an RFC 3339 time, a space, the
	 * text.
	 */
	static ServicesLogs.Line logLine(StreamDecoder.RawLine raw) {
		String text = raw.text();
		int space = text.indexOf(' ');
		if (space > 0) {
			try {
				Instant time = OffsetDateTime.parse(text.substring(0, space)).toInstant();
				return new ServicesLogs.Line(raw.stream(), time, text.substring(space + 1));
			}
			catch (DateTimeParseException ex) {
				// not timestamped: keep the whole text
			}
		}
		return new ServicesLogs.Line(raw.stream(), null, text);
	}

	// ---- images

	/**
	 * One progress line of a pull: a failure mid-way is a line with {@code errorDetail}
	 * or {@code error} while the HTTP status stays 200 (backend-notes/docker.md §3).
	 *
	 * @param error the failure's raw message, null when the line is progress
	 */
	record PullProgress(String status, String error) {
	}

	static PullProgress pullProgress(JsonNode line) {
		JsonNode detail = line.path("errorDetail").path("message");
		if (!detail.isMissingNode() || line.hasNonNull("error")) {
			return new PullProgress("", detail.isMissingNode() ? line.path("error").asString("") : detail.asString(""));
		}
		return new PullProgress(line.path("status").asString(""), null);
	}

	/**
	 * {@code repo:tag} split at the tag's colon (not a registry port's); no tag means
	 * latest.
	 */
	record ImageRef(String repository, String tag) {

		static ImageRef parse(String reference) {
			String ref = reference;
			int at = ref.indexOf('@');
			if (at >= 0) {
				ref = ref.substring(0, at);
			}
			int colon = ref.lastIndexOf(':');
			if (colon > ref.lastIndexOf('/')) {
				return new ImageRef(ref.substring(0, colon), ref.substring(colon + 1));
			}
			return new ImageRef(ref, "latest");
		}

		String reference() {
			return this.repository + ":" + this.tag;
		}

	}

	// ---- services

	static ServicesList.Service service(ServiceConfig config, Engine.ContainerSummary summary) {
		if (summary == null) {
			return new ServicesList.Service(config.id(), config.name(), config.type(), null, null, config.container(),
					null, null);
		}
		Container c = container(summary);
		// a summary names the image by id when its tag has moved on: then no version can
		// be told
		String version = (c.image() == null || c.image().startsWith("sha256:")) ? null
				: ImageRef.parse(c.image()).tag();
		return new ServicesList.Service(config.id(), config.name(), config.type(), c.state(), c.health(), c.name(),
				c.image(), version);
	}

	// ---- system

	/** {@code GET /info}. */
	static Engine.Info info(JsonNode info) {
		return new Engine.Info(info.path("Name").asString(null), info.path("OperatingSystem").asString(null),
				info.path("KernelVersion").asString(null), info.path("Driver").asString(null),
				info.path("NCPU").asInt(0), info.path("MemTotal").asLong(0), info.path("Images").asInt(0));
	}

	/** {@code GET /system/df}: bytes of image layers, container layers and volumes. */
	static long diskUsed(JsonNode df) {
		long layers = df.path("LayersSize").asLong(0);
		if (layers <= 0) {
			// podman reports no LayersSize: count each image once
			Set<String> seen = new HashSet<>();
			for (JsonNode image : df.path("Images").values()) {
				if (seen.add(image.path("Id").asString(""))) {
					layers += Math.max(0, image.path("Size").asLong(0));
				}
			}
		}
		long containers = 0;
		for (JsonNode c : df.path("Containers").values()) {
			containers += Math.max(0, c.path("SizeRw").asLong(0));
		}
		long volumes = 0;
		for (JsonNode v : df.path("Volumes").values()) {
			volumes += Math.max(0, v.path("UsageData").path("Size").asLong(0));
		}
		return layers + containers + volumes;
	}

	/** One {@code /containers/{id}/stats} answer. */
	static StatsReading stats(String name, JsonNode stats) {
		JsonNode cpu = stats.path("cpu_stats");
		JsonNode pre = stats.path("precpu_stats");
		int cpus = cpu.path("online_cpus").asInt(0);
		if (cpus == 0 && cpu.path("cpu_usage").path("percpu_usage").isArray()) {
			cpus = cpu.path("cpu_usage").path("percpu_usage").size();
		}
		JsonNode memory = stats.path("memory_stats");
		long cache = memory.path("stats").has("inactive_file") ? memory.path("stats").path("inactive_file").asLong(0)
				: memory.path("stats").path("cache").asLong(0);
		long used = Math.max(0, memory.path("usage").asLong(0) - cache);
		long rx = 0;
		long tx = 0;
		for (JsonNode network : stats.path("networks").values()) {
			rx += network.path("rx_bytes").asLong(0);
			tx += network.path("tx_bytes").asLong(0);
		}
		long read = 0;
		long write = 0;
		for (JsonNode io : stats.path("blkio_stats").path("io_service_bytes_recursive").values()) {
			String op = io.path("op").asString("");
			if (op.equalsIgnoreCase("read")) {
				read += io.path("value").asLong(0);
			}
			else if (op.equalsIgnoreCase("write")) {
				write += io.path("value").asLong(0);
			}
		}
		Instant time = instant(stats.path("read"));
		return new StatsReading(name, (time != null) ? time : Instant.now(),
				cpu.path("cpu_usage").path("total_usage").asLong(0), cpu.path("system_cpu_usage").asLong(0),
				Math.max(cpus, 1), pre.path("cpu_usage").path("total_usage").asLong(0),
				pre.path("system_cpu_usage").asLong(0), used, memory.path("limit").asLong(0), rx, tx, read, write);
	}

	/**
	 * {@code GET /version}: the product (the first component's name), its version and API
	 * versions.
	 */
	static DockerEngineVersion engineVersion(JsonNode version) {
		JsonNode component = version.path("Components").path(0);
		String engine = component.isMissingNode() ? "Docker Engine" : component.path("Name").asString("Docker Engine");
		return new DockerEngineVersion(engine, version.path("Version").asString(null),
				version.path("ApiVersion").asString(null), version.path("MinAPIVersion").asString(null));
	}

}
