package cl.smartercl.mcp.connectors.docker;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

import cl.smartercl.mcp.connectors.config.ServiceConfig;
import cl.smartercl.mcp.connectors.support.BackendMessages;
import cl.smartercl.mcp.core.tools.infrastructure.Container;
import cl.smartercl.mcp.core.tools.infrastructure.ContainersRestart;
import cl.smartercl.mcp.core.tools.services.ServicesList;
import cl.smartercl.mcp.core.tools.services.ServicesLogs;

/** Engine API JSON to the tools' records, and the few judgements the engine leaves to its client. */
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

	/** The first name of a container summary, without the engine's leading slash. */
	static String name(JsonNode summary) {
		JsonNode names = summary.path("Names");
		String name = (names.isArray() && !names.isEmpty()) ? names.get(0).asString("") : summary.path("Name").asString("");
		return name.startsWith("/") ? name.substring(1) : name;
	}

	static Container container(JsonNode summary) {
		String state = summary.path("State").asString("");
		String status = summary.path("Status").asString("");
		JsonNode healthNode = summary.path("Health").path("Status");
		String health = healthNode.isString() && !healthNode.asString().isEmpty() ? healthNode.asString()
				: healthFromStatus(status);
		long created = summary.path("Created").asLong(0);
		return new Container(shortId(summary.path("Id").asString("")), name(summary),
				summary.path("Image").asString(null), state, status, exitCode(state, status), health,
				(created > 0) ? Instant.ofEpochSecond(created) : null);
	}

	/**
	 * API 1.44 has no health field in a container summary (it came with 1.52); both Docker and
	 * podman put it in the status text: "Up 2 hours (healthy)", "(unhealthy)", "(health: starting)".
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
	 * The engine has no "error" filter (backend-notes/docker.md §5.2): exited non-zero, dead,
	 * restarting, or unhealthy.
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

	static ContainersRestart.Output restarted(JsonNode inspect) {
		return new ContainersRestart.Output(shortId(inspect.path("Id").asString("")), name(inspect),
				inspect.path("State").path("Status").asString(null), instant(inspect.path("State").path("StartedAt")));
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

	/** A log line as {@code timestamps=true} sends it: an RFC 3339 time, a space, the text. */
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

	/** {@code repo:tag} split at the tag's colon (not a registry port's); no tag means latest. */
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

	static ServicesList.Service service(ServiceConfig config, JsonNode summary) {
		if (summary == null) {
			return new ServicesList.Service(config.id(), config.name(), config.type(), null, null,
					config.container(), null, null);
		}
		Container c = container(summary);
		// a summary names the image by id when its tag has moved on: then no version can be told
		String version = (c.image() == null || c.image().startsWith("sha256:")) ? null : ImageRef.parse(c.image()).tag();
		return new ServicesList.Service(config.id(), config.name(), config.type(), c.state(), c.health(), c.name(),
				c.image(), version);
	}

	/** {@code GET /version}: the product (the first component's name), its version and API versions. */
	static DockerEngineVersion engineVersion(JsonNode version) {
		JsonNode component = version.path("Components").path(0);
		String engine = component.isMissingNode() ? "Docker Engine" : component.path("Name").asString("Docker Engine");
		return new DockerEngineVersion(engine, version.path("Version").asString(null), version.path("ApiVersion").asString(null),
				version.path("MinAPIVersion").asString(null));
	}

}
