package cl.smartercl.mcp.connectors.docker;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The create body of a container that replaces another with a new image. An inspected
 * {@code Config} mixes what the operator set with what the old image set; copying it
 * whole would pin the old image's environment, command and labels onto the new image. So
 * whatever equals the old image's own value is left out, and the new image supplies its
 * own (the approach of watchtower's GetCreateConfig, written anew here).
 * {@code HostConfig} is all operator settings and is kept whole; networks keep only what
 * can be set at create (backend-notes/docker.md §2, standalone deploy).
 */
final class RecreateSpec {

	private static final Set<String> DEFAULT_STOP_SIGNALS = Set.of("15", "SIGTERM");

	private RecreateSpec() {
	}

	static ObjectNode of(JsonMapper json, JsonNode container, JsonNode oldImage, String image) {
		ObjectNode body = (container.path("Config").isObject()) ? (ObjectNode) container.path("Config").deepCopy()
				: json.createObjectNode();
		JsonNode imageConfig = (oldImage == null) ? json.createObjectNode() : oldImage.path("Config");
		body.put("Image", image);
		String shortId = DockerMapper.shortId(container.path("Id").asString(""));
		String hostname = body.path("Hostname").asString("");
		boolean defaultHostname = hostname.isEmpty() || hostname.equals(shortId);
		if (defaultHostname) {
			// the engine names a container's host after its id; the new one gets its own
			body.remove("Hostname");
		}
		if (body.path("Domainname").asString("").isEmpty()) {
			body.remove("Domainname");
		}
		// deprecated in 1.44 (set per network instead); the new container gets its own
		// address
		body.remove("MacAddress");
		dropImageEnv(body, imageConfig, defaultHostname ? hostname : null);
		for (String field : new String[] { "Cmd", "Entrypoint", "WorkingDir", "User", "Healthcheck", "StopSignal",
				"OnBuild", "Shell" }) {
			if (sameAsImage(body.path(field), imageConfig.path(field))) {
				body.remove(field);
			}
		}
		if (DEFAULT_STOP_SIGNALS.contains(body.path("StopSignal").asString(""))) {
			body.remove("StopSignal");
		}
		if (body.path("StopTimeout").asInt(0) <= 0) {
			body.remove("StopTimeout");
		}
		dropImageEntries(body, "Labels", imageConfig.path("Labels"), true);
		dropImageEntries(body, "ExposedPorts", imageConfig.path("ExposedPorts"), false);
		dropImageEntries(body, "Volumes", imageConfig.path("Volumes"), false);
		if (container.path("HostConfig").isObject()) {
			body.set("HostConfig", container.path("HostConfig").deepCopy());
		}
		body.set("NetworkingConfig", networks(json, container, shortId));
		return body;
	}

	private static void dropImageEnv(ObjectNode body, JsonNode imageConfig, String defaultHostname) {
		if (!body.path("Env").isArray()) {
			return;
		}
		Set<String> imageEnv = new java.util.HashSet<>();
		imageConfig.path("Env").values().forEach((e) -> imageEnv.add(e.asString("")));
		ArrayNode kept = body.arrayNode();
		for (JsonNode entry : body.path("Env").values()) {
			String e = entry.asString("");
			boolean engineHostname = defaultHostname != null && e.equals("HOSTNAME=" + defaultHostname);
			if (!imageEnv.contains(e) && !engineHostname) {
				kept.add(e);
			}
		}
		body.set("Env", kept);
	}

	/**
	 * Equal to the image's value, counting an empty string, list or object the same as
	 * none.
	 */
	private static boolean sameAsImage(JsonNode value, JsonNode imageValue) {
		if (empty(value)) {
			return true;
		}
		return value.equals(imageValue);
	}

	private static boolean empty(JsonNode node) {
		return node.isMissingNode() || node.isNull() || (node.isString() && node.asString().isEmpty())
				|| (node.isContainer() && node.isEmpty());
	}

	private static void dropImageEntries(ObjectNode body, String field, JsonNode image, boolean compareValues) {
		if (!body.path(field).isObject()) {
			body.remove(field);
			return;
		}
		ObjectNode own = (ObjectNode) body.path(field);
		Iterator<Map.Entry<String, JsonNode>> entries = own.properties().iterator();
		while (entries.hasNext()) {
			Map.Entry<String, JsonNode> entry = entries.next();
			JsonNode imageValue = image.path(entry.getKey());
			if (!imageValue.isMissingNode() && (!compareValues || imageValue.equals(entry.getValue()))) {
				entries.remove();
			}
		}
		if (own.isEmpty()) {
			body.remove(field);
		}
	}

	/**
	 * Per network only what create accepts; addresses and endpoint ids belong to the old
	 * container.
	 */
	private static ObjectNode networks(JsonMapper json, JsonNode container, String shortId) {
		ObjectNode endpoints = json.createObjectNode();
		for (Map.Entry<String, JsonNode> network : container.path("NetworkSettings").path("Networks").properties()) {
			ObjectNode endpoint = json.createObjectNode();
			JsonNode settings = network.getValue();
			if (settings.path("IPAMConfig").isObject()) {
				endpoint.set("IPAMConfig", settings.path("IPAMConfig").deepCopy());
			}
			if (settings.path("Links").isArray()) {
				endpoint.set("Links", settings.path("Links").deepCopy());
			}
			if (settings.path("Aliases").isArray()) {
				ArrayNode aliases = endpoint.putArray("Aliases");
				settings.path("Aliases")
					.values()
					.stream()
					.filter((a) -> !a.asString("").equals(shortId))
					.forEach(aliases::add);
			}
			endpoints.set(network.getKey(), endpoint);
		}
		ObjectNode networking = json.createObjectNode();
		networking.set("EndpointsConfig", endpoints);
		return networking;
	}

}
