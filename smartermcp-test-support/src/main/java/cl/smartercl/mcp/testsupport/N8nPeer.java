package cl.smartercl.mcp.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A real n8n from {@code ../shared/peers/n8n/start.sh}, on a free port with a data folder
 * of its own and a public-API key; stopped by its PID, its folder removed. With
 * {@code SMARTERMCP_TEST_N8N_URL} and {@code SMARTERMCP_TEST_N8N_API_KEY} set, that n8n
 * is used instead and never stopped. If n8n cannot be started, the test fails: nothing
 * skips.
 * <p>
 * A test class either starts its own ({@link #start()}) or, with
 * {@code @ExtendWith(N8nPeer.Extension.class)}, takes the one n8n the run shares as a
 * parameter.
 */
public final class N8nPeer implements AutoCloseable {

	/**
	 * The first run on a machine installs n8n (4–6 minutes); later ones start it in about
	 * 40 s.
	 */
	private static final Duration START_TIMEOUT = Duration.ofMinutes(12);

	private final URI url;

	private final String apiKey;

	private final String pid;

	private final Path data;

	private N8nPeer(URI url, String apiKey, String pid, Path data) {
		this.url = url;
		this.apiKey = apiKey;
		this.pid = pid;
		this.data = data;
	}

	public static N8nPeer start() {
		String external = System.getenv("SMARTERMCP_TEST_N8N_URL");
		if (external != null) {
			String key = System.getenv("SMARTERMCP_TEST_N8N_API_KEY");
			if (key == null) {
				throw new IllegalStateException(
						"SMARTERMCP_TEST_N8N_URL is set but SMARTERMCP_TEST_N8N_API_KEY is not");
			}
			return new N8nPeer(URI.create(external), key, null, null);
		}
		Path data;
		try {
			data = Files.createTempDirectory("smartermcp-n8n-it-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Map<String, String> vars;
		try {
			vars = SharedPeers.start(START_TIMEOUT, "n8n/start.sh", Integer.toString(freePort()), data.toString());
		}
		catch (IllegalStateException ex) {
			throw new IllegalStateException("n8n did not start; its log: " + data.resolve("n8n.log"), ex);
		}
		if (!vars.keySet().containsAll(List.of("N8N_URL", "N8N_API_KEY", "N8N_PID"))) {
			SharedPeers.stop(vars.get("N8N_PID"));
			throw new IllegalStateException(
					"n8n did not start: the script printed " + vars.keySet() + "; its log: " + data.resolve("n8n.log"));
		}
		return new N8nPeer(URI.create(vars.get("N8N_URL")), vars.get("N8N_API_KEY"), vars.get("N8N_PID"), data);
	}

	/** {@code http://127.0.0.1:PORT} */
	public URI url() {
		return this.url;
	}

	public String apiKey() {
		return this.apiKey;
	}

	/** Stops the n8n this peer started, by its PID only, and removes its data folder. */
	@Override
	public void close() {
		if (this.pid == null) {
			return;
		}
		SharedPeers.stop(this.pid);
		SharedPeers.delete(this.data);
	}

	/**
	 * A free port below Linux's ephemeral range (32768 and up): n8n takes about 40 s to
	 * bind it, and a port the kernel hands out for "any port" could go to another test's
	 * server meanwhile.
	 */
	private static int freePort() {
		for (int attempt = 0; attempt < 200; attempt++) {
			int port = 20_000 + ThreadLocalRandom.current().nextInt(12_000);
			try (ServerSocket socket = new ServerSocket(port)) {
				return socket.getLocalPort();
			}
			catch (IOException taken) {
				// try another
			}
		}
		throw new IllegalStateException("no free port between 20000 and 32000");
	}

	/**
	 * Gives test classes the one n8n of the run as a parameter: started on first use,
	 * kept in the root store, which closes it (stopping n8n) when the run ends.
	 */
	public static final class Extension implements ParameterResolver {

		@Override
		public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
			return parameter.getParameter().getType() == N8nPeer.class;
		}

		@Override
		public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
			return context.getRoot()
				.getStore(ExtensionContext.Namespace.create(N8nPeer.class))
				.computeIfAbsent("n8n", (key) -> start(), N8nPeer.class);
		}

	}

}
