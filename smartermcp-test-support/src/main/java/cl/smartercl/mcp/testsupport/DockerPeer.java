package cl.smartercl.mcp.testsupport;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real Docker-compatible Engine API of {@code ../shared/peers/docker/start.sh}
 * (podman's service) on a unix socket of its own, with a local busybox image to run test
 * containers from; stopped by its PID. Containers can be driven with curl over the socket
 * ({@link #runContainer}), independently of the connector under test.
 */
public final class DockerPeer implements AutoCloseable {

	/**
	 * The first run on a machine installs podman with apt; later ones start in about 2 s.
	 */
	private static final Duration START_TIMEOUT = Duration.ofMinutes(10);

	private static final AtomicInteger COUNTER = new AtomicInteger();

	private final String host;

	private final String image;

	private final String pid;

	private DockerPeer(String host, String image, String pid) {
		this.host = host;
		this.image = image;
		this.pid = pid;
	}

	/** Starts the peer; a peer that does not come up fails the test. */
	public static DockerPeer start() {
		String socket = "/tmp/smartermcp-docker-it-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet()
				+ ".sock";
		Map<String, String> vars = SharedPeers.start(START_TIMEOUT, "docker/start.sh", socket);
		if (!vars.keySet().containsAll(List.of("DOCKER_HOST", "DOCKER_TEST_IMAGE", "DOCKER_SVC_PID"))) {
			SharedPeers.stop(vars.get("DOCKER_SVC_PID"));
			throw new IllegalStateException("the docker peer did not start: it printed " + vars);
		}
		return new DockerPeer(vars.get("DOCKER_HOST"), vars.get("DOCKER_TEST_IMAGE"), vars.get("DOCKER_SVC_PID"));
	}

	/**
	 * The engine of {@code SMARTERMCP_TEST_DOCKER_HOST} when that is set, used as it is
	 * and never stopped; otherwise {@link #start()}. Only for tests that read from the
	 * engine: your engine has no test image, so a test that runs containers needs
	 * {@link #start()}.
	 */
	public static DockerPeer startOrExternal() {
		String host = System.getenv("SMARTERMCP_TEST_DOCKER_HOST");
		return (host != null) ? new DockerPeer(host, null, null) : start();
	}

	/** {@code unix:///...} */
	public String host() {
		return this.host;
	}

	/**
	 * The socket's path, for clients that take a path rather than a {@code unix://} URL.
	 */
	public String socket() {
		if (!this.host.startsWith("unix://")) {
			throw new IllegalStateException(this.host + " is not a unix socket");
		}
		return URI.create(this.host).getPath();
	}

	/**
	 * The local image test containers run from ({@code sh}, {@code sleep}, {@code httpd},
	 * ...).
	 */
	public String image() {
		if (this.image == null) {
			throw new IllegalStateException("SMARTERMCP_TEST_DOCKER_HOST names an engine without the test image; "
					+ "a test that runs containers must use DockerPeer.start()");
		}
		return this.image;
	}

	/**
	 * Calls the Engine API with curl over the socket; returns the body, fails on an error
	 * status.
	 */
	public String api(String method, String path, String jsonBody) {
		List<String> command = new ArrayList<>(List.of("curl", "-sS", "--fail-with-body", "--unix-socket", socket(),
				"-X", method, "-H", "Content-Type: application/json"));
		if (jsonBody != null) {
			command.addAll(List.of("-d", jsonBody));
		}
		command.add("http://d/v1.41" + path);
		return SharedPeers.run(Duration.ofMinutes(2), command.toArray(String[]::new));
	}

	/**
	 * Creates and starts a container running {@code sh -c script} with no network;
	 * returns its id.
	 */
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

	/**
	 * Stops the service this peer started by its PID (never by name) and removes its
	 * socket and log.
	 */
	@Override
	public void close() {
		if (this.pid == null) {
			return;
		}
		SharedPeers.stop(this.pid);
		SharedPeers.delete(Path.of(socket()));
		SharedPeers.delete(Path.of(socket() + ".log"));
	}

}
