package cl.smartercl.mcp.server.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real n8n from {@code ../shared/peers/n8n/start.sh} on a free port with a data folder of its own;
 * stopped by its PID. The first run on a machine installs n8n (several minutes), later ones start it
 * in about 40 s. If it cannot start, the test fails.
 */
public final class N8nPeer implements AutoCloseable {

	private final Map<String, String> env;

	private final Path data;

	private N8nPeer(Map<String, String> env, Path data) {
		this.env = env;
		this.data = data;
	}

	public static N8nPeer start() {
		Path root = NodeClients.repositoryRoot();
		try {
			Path data = Files.createTempDirectory("smartermcp-server-n8n-");
			String out = NodeClients.run(root, List.of("bash",
					root.resolve("../shared/peers/n8n/start.sh").normalize().toString(), Integer.toString(freePort()),
					data.toString()), Map.of(), 720);
			Map<String, String> env = new HashMap<>();
			out.lines().filter((line) -> line.matches("N8N_[A-Z_]+=.*")).forEach((line) -> {
				int eq = line.indexOf('=');
				env.put(line.substring(0, eq), line.substring(eq + 1).strip());
			});
			if (!env.containsKey("N8N_URL") || !env.containsKey("N8N_API_KEY") || !env.containsKey("N8N_PID")) {
				throw new IllegalStateException("the n8n peer did not start; see " + data.resolve("n8n.log"));
			}
			return new N8nPeer(env, data);
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot start the n8n peer", ex);
		}
	}

	/** {@code http://127.0.0.1:PORT} */
	public String url() {
		return this.env.get("N8N_URL");
	}

	public String apiKey() {
		return this.env.get("N8N_API_KEY");
	}

	@Override
	public void close() {
		ProcessHandle.of(Long.parseLong(this.env.get("N8N_PID"))).ifPresent((n8n) -> {
			n8n.destroy();
			try {
				n8n.onExit().get(30, TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				n8n.destroyForcibly();
			}
		});
		try (Stream<Path> files = Files.walk(this.data)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
		catch (IOException ex) {
			// a temporary folder left behind is not worth failing the run for
		}
	}

	/**
	 * A free port below Linux's ephemeral range (32768 and up): n8n takes about 40 s to bind it, and a
	 * port the kernel hands out for "any port" could go to another test's server meanwhile.
	 */
	private static int freePort() throws IOException {
		for (int attempt = 0; attempt < 200; attempt++) {
			int port = 20_000 + ThreadLocalRandom.current().nextInt(12_000);
			try (ServerSocket socket = new ServerSocket(port)) {
				return socket.getLocalPort();
			}
			catch (IOException taken) {
				// try another
			}
		}
		throw new IOException("no free port between 20000 and 32000");
	}

}
