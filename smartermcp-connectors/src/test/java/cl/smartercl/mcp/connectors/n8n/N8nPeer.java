package cl.smartercl.mcp.connectors.n8n;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import cl.smartercl.mcp.connectors.config.BackendsConfig;
import cl.smartercl.mcp.connectors.config.Secret;
import cl.smartercl.mcp.connectors.config.TenantConfig;

/**
 * A real n8n for integration tests: started once per test run by {@code ../shared/peers/n8n/start.sh}
 * (found from the repository root) and stopped by its PID when the run ends. With
 * {@code SMARTERMCP_IT_N8N_URL} and {@code SMARTERMCP_IT_N8N_API_KEY} set, the tests use that n8n
 * instead. There is no skipping: if n8n cannot be started, the tests fail.
 * <p>
 * Use it as a JUnit extension and take it as a parameter: {@code @ExtendWith(N8nPeer.Extension.class)}.
 */
public final class N8nPeer implements AutoCloseable {

	/** The first run installs n8n (4–6 minutes); later ones start it in about 40 s. */
	private static final Duration START_TIMEOUT = Duration.ofMinutes(12);

	private final URI url;

	private final String apiKey;

	private final Long pid;

	private final Path dataDir;

	private N8nPeer(URI url, String apiKey, Long pid, Path dataDir) {
		this.url = url;
		this.apiKey = apiKey;
		this.pid = pid;
		this.dataDir = dataDir;
	}

	public URI url() {
		return this.url;
	}

	public String apiKey() {
		return this.apiKey;
	}

	/** A tenant whose only backend is this n8n. */
	public TenantConfig tenant(String id) {
		return new TenantConfig(id, new BackendsConfig(new BackendsConfig.N8n(this.url, Secret.of(this.apiKey)), null, null,
				null, null, null, null, null), null, null);
	}

	static N8nPeer start() {
		String url = System.getenv("SMARTERMCP_IT_N8N_URL");
		String key = System.getenv("SMARTERMCP_IT_N8N_API_KEY");
		if (url != null && !url.isBlank() && key != null && !key.isBlank()) {
			return new N8nPeer(URI.create(url), key, null, null);
		}
		Path script = sharedDir().resolve("peers/n8n/start.sh");
		if (!Files.isExecutable(script)) {
			throw new IllegalStateException("cannot start n8n: " + script + " is missing; set SMARTERMCP_IT_N8N_URL and "
					+ "SMARTERMCP_IT_N8N_API_KEY to use another n8n");
		}
		try {
			Path data = Files.createTempDirectory("smartermcp-n8n-it-");
			Path log = startLog(data);
			Process process = new ProcessBuilder(script.toString(), Integer.toString(freePort()), data.toString())
				.redirectError(log.toFile())
				.start();
			String out;
			try (InputStream stdout = process.getInputStream()) {
				out = new String(stdout.readAllBytes(), StandardCharsets.UTF_8);
			}
			if (!process.waitFor(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
				process.destroyForcibly();
				throw new IllegalStateException("n8n did not start (" + script + "); see " + log + " and " + data + "/n8n.log");
			}
			Map<String, String> vars = new HashMap<>();
			out.lines().filter((line) -> line.matches("N8N_[A-Z_]+=.*")).forEach((line) -> {
				int eq = line.indexOf('=');
				vars.put(line.substring(0, eq), line.substring(eq + 1));
			});
			return new N8nPeer(URI.create(vars.get("N8N_URL")), vars.get("N8N_API_KEY"), Long.valueOf(vars.get("N8N_PID")), data);
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot start n8n with " + script, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while starting n8n", ex);
		}
	}

	/** Stops the n8n this run started, by its PID only. */
	@Override
	public void close() throws Exception {
		if (this.pid == null) {
			return;
		}
		Optional<ProcessHandle> n8n = ProcessHandle.of(this.pid);
		if (n8n.isPresent()) {
			n8n.get().destroy();
			try {
				n8n.get().onExit().get(30, TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				n8n.get().destroyForcibly();
			}
		}
		try (Stream<Path> files = Files.walk(this.dataDir)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
		Files.deleteIfExists(startLog(this.dataDir));
	}

	/** {@code ../shared} beside the repository root: the directory whose pom.xml lists modules. */
	static Path sharedDir() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null) {
			Path pom = dir.resolve("pom.xml");
			try {
				if (Files.isRegularFile(pom) && Files.readString(pom).contains("<modules>")) {
					return dir.resolve("../shared").normalize();
				}
			}
			catch (IOException ex) {
				throw new IllegalStateException("cannot read " + pom, ex);
			}
			dir = dir.getParent();
		}
		throw new IllegalStateException("no repository root (pom.xml with <modules>) above " + Path.of("").toAbsolutePath());
	}

	private static Path startLog(Path data) {
		return data.resolveSibling(data.getFileName() + ".start.log");
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/** Gives tests the one n8n of the run; the root store closes it when the run ends. */
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
