package cl.smartercl.mcp.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A real Keycloak (the server distribution {@code org.keycloak:keycloak-quarkus-dist}
 * from Maven Central, fetched by Maven into the local repository, unpacked once into
 * {@code ~/.cache/smartermcp-peers}), run in development mode with an in-memory database
 * on 127.0.0.1 and a free port, and set up by the repository's own
 * {@code bin/keycloak-realm.sh} (the script docs/oauth.md gives operators) with its test
 * fixtures. Stopped by its PID (the launcher script's and its Java processes'). Keycloak
 * that cannot start fails the test: nothing skips.
 */
public final class KeycloakPeer implements AutoCloseable {

	public static final String VERSION = "26.7.3";

	/**
	 * A first start builds Keycloak's optimized image (about 1.5 minutes on two busy
	 * cores); later ones less.
	 */
	private static final Duration START_TIMEOUT = Duration.ofMinutes(8);

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final URI url;

	private final String realm;

	private final Map<String, String> realmValues;

	private final String adminPassword;

	private final Process process;

	private final Path work;

	private KeycloakPeer(URI url, String realm, Map<String, String> realmValues, String adminPassword, Process process,
			Path work) {
		this.url = url;
		this.realm = realm;
		this.realmValues = realmValues;
		this.adminPassword = adminPassword;
		this.process = process;
		this.work = work;
	}

	/**
	 * Starts Keycloak and creates the realm {@code smartermcp} with the tenant groups of
	 * {@code tenants} and tokens whose audience is {@code resource}.
	 */
	public static KeycloakPeer start(String resource, List<String> tenants) {
		Path home = install();
		Path work;
		try {
			work = Files.createTempDirectory("smartermcp-keycloak-it-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		int port = freePort();
		String adminPassword = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
		Path log = work.resolve("keycloak.log");
		Process process;
		try {
			ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev",
					"--http-host=127.0.0.1", "--http-port=" + port, "--db=dev-mem", "--health-enabled=false",
					"--metrics-enabled=false")
				.redirectErrorStream(true)
				.redirectOutput(log.toFile());
			builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
			builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
			process = builder.start();
			process.getOutputStream().close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		URI url = URI.create("http://127.0.0.1:" + port);
		try {
			awaitReady(url, process, log);
			Map<String, String> values = runScript(Duration.ofMinutes(3),
					SharedPeers.repositoryRoot().resolve("bin/keycloak-realm.sh"),
					Map.of("KEYCLOAK_URL", url.toString(), "KEYCLOAK_ADMIN", "admin", "KEYCLOAK_ADMIN_PASSWORD",
							adminPassword, "SMARTERMCP_OAUTH_RESOURCE", resource, "TENANTS", String.join(" ", tenants),
							"TEST_FIXTURES", "1", "DCR_TRUSTED_HOSTS", "127.0.0.1 localhost", "INTROSPECTION_CLIENT",
							"smartermcp-server"));
			if (!values.keySet().containsAll(List.of("OAUTH_ISSUER", "TESTS_CLIENT_SECRET", "USER_PASSWORD"))) {
				throw new IllegalStateException("bin/keycloak-realm.sh printed only " + values.keySet());
			}
			return new KeycloakPeer(url, "smartermcp", values, adminPassword, process, work);
		}
		catch (RuntimeException ex) {
			stop(process);
			throw new IllegalStateException("Keycloak did not start or could not be set up; its log: " + log, ex);
		}
	}

	/** {@code http://127.0.0.1:PORT} */
	public URI url() {
		return this.url;
	}

	/** The realm's issuer, as its tokens carry it when fetched through {@link #url()}. */
	public String issuer() {
		return this.realmValues.get("OAUTH_ISSUER");
	}

	public String realm() {
		return this.realm;
	}

	/**
	 * The token endpoint of the realm, reached through {@code host} (Keycloak puts it
	 * into {@code iss}).
	 */
	public URI tokenEndpoint(String host) {
		return URI.create("http://" + host + ":" + this.url.getPort() + "/realms/" + this.realm
				+ "/protocol/openid-connect/token");
	}

	/**
	 * The secret of the fixture client {@code smartermcp-tests} (client credentials and
	 * password grants).
	 */
	public String testsClientSecret() {
		return this.realmValues.get("TESTS_CLIENT_SECRET");
	}

	/**
	 * The secret of the fixture client {@code other-service}, whose tokens are not for
	 * SmarterMCP.
	 */
	public String otherClientSecret() {
		return this.realmValues.get("OTHER_CLIENT_SECRET");
	}

	/**
	 * The password of the fixture users ({@code user-<tenant>}, {@code no-tenant},
	 * {@code ghost-tenant}).
	 */
	public String userPassword() {
		return this.realmValues.get("USER_PASSWORD");
	}

	public String adminPassword() {
		return this.adminPassword;
	}

	/** The realm's token introspection endpoint (RFC 7662), reached through 127.0.0.1. */
	public String introspectionUri() {
		return this.realmValues.get("SMARTERMCP_OAUTH_INTROSPECTION_URI");
	}

	/** The client SmarterMCP introspects as: {@code smartermcp-server}. */
	public String introspectionClientId() {
		return this.realmValues.get("SMARTERMCP_OAUTH_INTROSPECTION_CLIENT_ID");
	}

	public String introspectionClientSecret() {
		return this.realmValues.get("SMARTERMCP_OAUTH_INTROSPECTION_CLIENT_SECRET");
	}

	/**
	 * Ends every session of {@code username} through the admin REST API ({@code POST
	 * /users/{id}/logout}), as an administrator revoking a user's access does: its
	 * refresh tokens stop working at once, its access tokens stay valid as JWTs until
	 * they expire but are no longer active for introspection.
	 */
	public void logout(String username) {
		String admin = adminToken();
		String users = adminApi("GET", "/users?exact=true&username=" + username, admin);
		java.util.regex.Matcher id = java.util.regex.Pattern.compile("\"id\":\"([^\"]+)\"").matcher(users);
		if (!id.find()) {
			throw new IllegalStateException("no user " + username + " in realm " + this.realm + ": " + users);
		}
		adminApi("POST", "/users/" + id.group(1) + "/logout", admin);
	}

	private String adminToken() {
		String form = "grant_type=password&client_id=admin-cli&username=admin&password="
				+ java.net.URLEncoder.encode(this.adminPassword, java.nio.charset.StandardCharsets.UTF_8);
		HttpResponse<String> response = send(
				HttpRequest.newBuilder(this.url.resolve("/realms/master/protocol/openid-connect/token"))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString(form))
					.build());
		java.util.regex.Matcher token = java.util.regex.Pattern.compile("\"access_token\":\"([^\"]+)\"")
			.matcher(response.body());
		if (response.statusCode() != 200 || !token.find()) {
			throw new IllegalStateException("Keycloak's admin login answered " + response.statusCode());
		}
		return token.group(1);
	}

	private String adminApi(String method, String path, String adminToken) {
		HttpResponse<String> response = send(
				HttpRequest.newBuilder(this.url.resolve("/admin/realms/" + this.realm + path))
					.header("Authorization", "Bearer " + adminToken)
					.method(method, HttpRequest.BodyPublishers.noBody())
					.build());
		if (response.statusCode() / 100 != 2) {
			throw new IllegalStateException(
					method + " " + path + " answered " + response.statusCode() + ": " + response.body());
		}
		return response.body();
	}

	private static HttpResponse<String> send(HttpRequest request) {
		try {
			return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Stops the Keycloak this peer started, by PID, and removes its folder. */
	@Override
	public void close() {
		stop(this.process);
		SharedPeers.delete(this.work);
	}

	/**
	 * The unpacked distribution in the peers cache: fetched by Maven into the local
	 * repository when missing there, unpacked into a temporary sibling and renamed into
	 * place, so a half-unpacked copy is never used.
	 */
	static Path install() {
		Path cache = Path.of(System.getenv()
			.getOrDefault("SMARTERMCP_PEERS_CACHE", System.getProperty("user.home") + "/.cache/smartermcp-peers"));
		Path home = cache.resolve("keycloak-" + VERSION);
		if (Files.isExecutable(home.resolve("bin/kc.sh"))) {
			return home;
		}
		Path archive = Path.of(
				System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository"),
				"org/keycloak/keycloak-quarkus-dist", VERSION, "keycloak-quarkus-dist-" + VERSION + ".tar.gz");
		if (!Files.isRegularFile(archive)) {
			SharedPeers.run(Duration.ofMinutes(20), "mvn", "-B", "-q", "dependency:get", "-Dtransitive=false",
					"-Dartifact=org.keycloak:keycloak-quarkus-dist:" + VERSION + ":tar.gz");
		}
		try {
			Files.createDirectories(cache);
			Path unpacking = Files.createTempDirectory(cache, "keycloak-unpacking-");
			SharedPeers.run(Duration.ofMinutes(5), "tar", "xzf", archive.toString(), "-C", unpacking.toString());
			try {
				Files.move(unpacking.resolve("keycloak-" + VERSION), home, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (IOException raced) {
				if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
					throw raced;
				}
			}
			SharedPeers.delete(unpacking);
			return home;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void awaitReady(URI url, Process process, Path log) {
		Instant deadline = Instant.now().plus(START_TIMEOUT);
		HttpRequest probe = HttpRequest.newBuilder(url.resolve("/realms/master/.well-known/openid-configuration"))
			.timeout(Duration.ofSeconds(5))
			.build();
		while (Instant.now().isBefore(deadline)) {
			if (!process.isAlive()) {
				throw new IllegalStateException("Keycloak exited (" + process.exitValue() + ") before it was ready");
			}
			try {
				if (HTTP.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException notYet) {
				// not listening yet
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			try {
				Thread.sleep(1000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		throw new IllegalStateException("Keycloak was not ready within " + START_TIMEOUT);
	}

	/**
	 * kc.sh runs Keycloak's Java process as its child: both are stopped, by their PIDs.
	 */
	private static void stop(Process process) {
		List<ProcessHandle> all = new java.util.ArrayList<>(process.descendants().toList());
		java.util.Collections.reverse(all);
		all.add(process.toHandle());
		for (ProcessHandle handle : all) {
			SharedPeers.stop(Long.toString(handle.pid()));
		}
	}

	/**
	 * Runs a script with extra environment and returns the {@code NAME=value} lines it
	 * prints.
	 */
	private static Map<String, String> runScript(Duration timeout, Path script, Map<String, String> env) {
		try {
			Path errors = Files.createTempFile("keycloak-realm-", ".err");
			ProcessBuilder builder = new ProcessBuilder("bash", script.toString()).redirectError(errors.toFile());
			builder.environment().putAll(env);
			Process process = builder.start();
			process.getOutputStream().close();
			String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
			if (!process.waitFor(timeout.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(script + " did not finish within " + timeout);
			}
			String err = Files.readString(errors);
			Files.deleteIfExists(errors);
			if (process.exitValue() != 0) {
				throw new IllegalStateException(script + " failed (" + process.exitValue() + "): " + err);
			}
			Map<String, String> values = new java.util.LinkedHashMap<>();
			out.lines().filter((line) -> line.matches("[A-Z0-9_]+=.*")).forEach((line) -> {
				int eq = line.indexOf('=');
				values.put(line.substring(0, eq), line.substring(eq + 1).strip());
			});
			return values;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A free port below Linux's ephemeral range: Keycloak binds it only after about a
	 * minute.
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

}
