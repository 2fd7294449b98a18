package cl.smartercl.mcp.server.support;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The real Docker-compatible Engine API of {@code ../shared/peers/docker/start.sh} (podman), on a
 * unix socket of its own; stopped by its PID. Containers are driven with curl over the socket.
 */
public final class DockerPeer implements AutoCloseable {

	private final Map<String, String> env;

	private DockerPeer(Map<String, String> env) {
		this.env = env;
	}

	public static DockerPeer start() {
		Path root = NodeClients.repositoryRoot();
		String socket = "/tmp/smartermcp-server-it-" + UUID.randomUUID().toString().substring(0, 8) + ".sock";
		String out = NodeClients.run(root,
				List.of("bash", root.resolve("../shared/peers/docker/start.sh").normalize().toString(), socket), Map.of(),
				600);
		Map<String, String> env = new HashMap<>();
		for (String line : out.split("\n")) {
			int eq = line.indexOf('=');
			if (eq > 0) {
				env.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
			}
		}
		if (!env.containsKey("DOCKER_HOST") || !env.containsKey("DOCKER_SVC_PID")) {
			throw new IllegalStateException("the docker peer did not start: " + out);
		}
		return new DockerPeer(env);
	}

	/** {@code unix:///...} */
	public String host() {
		return this.env.get("DOCKER_HOST");
	}

	public String image() {
		return this.env.get("DOCKER_TEST_IMAGE");
	}

	/** Calls the Engine API with curl over the socket; returns the body. */
	public String api(String method, String path, String jsonBody) {
		String socket = host().substring("unix://".length());
		List<String> command = new java.util.ArrayList<>(List.of("curl", "-sS", "--fail-with-body", "--unix-socket", socket,
				"-X", method, "-H", "Content-Type: application/json"));
		if (jsonBody != null) {
			command.addAll(List.of("-d", jsonBody));
		}
		command.add("http://d/v1.41" + path);
		return NodeClients.run(Path.of("/tmp"), command, Map.of(), 120);
	}

	/** Creates and starts a container running {@code sh -c script} with no network; returns its id. */
	public String runContainer(String name, String script) {
		String body = "{\"Image\":\"" + image() + "\",\"Cmd\":[\"sh\",\"-c\",\"" + script.replace("\"", "\\\"")
				+ "\"],\"HostConfig\":{\"NetworkMode\":\"none\"}}";
		String created = api("POST", "/containers/create?name=" + name, body);
		String id = created.replaceAll("(?s).*\"Id\"\\s*:\\s*\"([0-9a-f]+)\".*", "$1");
		api("POST", "/containers/" + id + "/start", null);
		return id;
	}

	public void removeContainer(String id) {
		try {
			api("DELETE", "/containers/" + id + "?force=true", null);
		}
		catch (IllegalStateException ex) {
			// already gone
		}
	}

	@Override
	public void close() {
		NodeClients.run(Path.of("/tmp"), List.of("kill", this.env.get("DOCKER_SVC_PID")), Map.of(), 30);
	}

}
