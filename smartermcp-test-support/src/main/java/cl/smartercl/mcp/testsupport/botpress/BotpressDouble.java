package cl.smartercl.mcp.testsupport.botpress;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPOutputStream;

import com.sun.net.httpserver.HttpServer;

/**
 * A Botpress test double serving both flavours from {@link BotpressSeed} on one port:
 * Botpress Cloud under {@code /v1/...} and self-hosted v12 under {@code /api/...}.
 * Written from the backend notes and the public route definitions, independent of the
 * connector, and proven against the official Cloud client {@code @botpress/client} (see
 * {@code BotpressCloudOracleIT}).
 * <p>
 * Hooks for failure tests: the next call (other than a v12 login) answers an error
 * status, never answers, or answers garbage; a v12 import fails; every issued JWT expires
 * now. Every request is recorded for tests that assert what was (or was not) asked.
 */
public final class BotpressDouble implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool((runnable) -> {
		Thread thread = new Thread(runnable, "botpress-double");
		thread.setDaemon(true);
		return thread;
	});

	private final CountDownLatch stopped = new CountDownLatch(1);

	private final Clock clock;

	private final CloudRoutes cloud;

	private final V12Routes v12;

	private final List<Recorded> requests = new CopyOnWriteArrayList<>();

	private final ConcurrentLinkedQueue<String> hooks = new ConcurrentLinkedQueue<>();

	private final AtomicReference<Duration> jwtLifetime = new AtomicReference<>(Duration.ofHours(1));

	private final AtomicInteger maxPageSize = new AtomicInteger(100);

	/** A double on a free port of 127.0.0.1, with the real clock. */
	public BotpressDouble() {
		this(0, Clock.systemUTC());
	}

	public BotpressDouble(int port, Clock clock) {
		this.clock = clock;
		BotpressSeed seed = new BotpressSeed(clock.instant());
		this.cloud = new CloudRoutes(seed, this);
		this.v12 = new V12Routes(seed, this);
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.setExecutor(this.executor);
		this.server.createContext("/", (http) -> {
			Exchange ex = new Exchange(http);
			this.requests.add(new Recorded(ex.method, ex.target(), headers(http.getRequestHeaders()), ex.body.length));
			String hook = ex.path.startsWith("/api/v1/auth/") ? null : this.hooks.poll();
			if (hook != null && hook.equals("hang")) {
				try {
					this.stopped.await();
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				}
				http.close();
				return;
			}
			if (hook != null && hook.equals("garbage")) {
				ex.text(200, "application/json", "<html><body>502 Bad Gateway (proxy)</body></html>");
			}
			else if (hook != null) {
				int status = Integer.parseInt(hook);
				if (status == 429) {
					ex.header("Retry-After", "1");
				}
				if (this.v12.handles(ex.path)) {
					V12Routes.error(ex, status, "BP_0000", (status == 429) ? "TooManyRequestsError" : "InternalError",
							(status == 429) ? "Too many requests, please slow down" : "Unexpected error");
				}
				else {
					CloudRoutes.error(ex, status, (status == 429) ? "RateLimited" : "Internal",
							(status == 429) ? "Rate limit exceeded" : "An internal error occurred");
				}
			}
			else if (this.cloud.handles(ex.path)) {
				this.cloud.handle(ex);
			}
			else if (this.v12.handles(ex.path)) {
				this.v12.handle(ex);
			}
			else {
				ex.text(404, "text/plain", "Not Found");
			}
			ex.send();
		});
		this.server.start();
	}

	/** {@code http://127.0.0.1:<port>}: Cloud's API root and v12's server URL at once. */
	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	// ---- hooks
	// -------------------------------------------------------------------------------------

	/**
	 * The next call (a v12 login excepted) answers this status with the flavour's error
	 * body.
	 */
	public void failNext(int status) {
		this.hooks.add(Integer.toString(status));
	}

	/** The next call (a v12 login excepted) gets no answer until the double stops. */
	public void hangNext() {
		this.hooks.add("hang");
	}

	/**
	 * The next call (a v12 login excepted) answers 200 with an HTML page labelled JSON.
	 */
	public void garbageNext() {
		this.hooks.add("garbage");
	}

	/**
	 * v12: imports of this bot fail as an invalid archive does; the bot keeps running as
	 * it was.
	 */
	public void failImportsOf(String botId) {
		this.v12.failingImports.add(botId);
	}

	/**
	 * v12: every JWT issued so far stops being valid, as if it had expired or been
	 * revoked.
	 */
	public void expireJwts() {
		this.v12.expireAll();
	}

	/** v12: how long a JWT issued from now on lasts; default 1 h. */
	public void jwtLifetime(Duration lifetime) {
		this.jwtLifetime.set(lifetime);
	}

	/**
	 * Cloud: the most items one page holds, whatever {@code pageSize} asks; default 100.
	 */
	public void maxPageSize(int size) {
		this.maxPageSize.set(size);
	}

	// ---- what happened
	// -----------------------------------------------------------------------------

	public List<Recorded> requests() {
		return Collections.unmodifiableList(new ArrayList<>(this.requests));
	}

	public void clearRequests() {
		this.requests.clear();
	}

	/** v12: the emails that logged in, in order. */
	public List<String> logins() {
		return List.copyOf(this.v12.logins);
	}

	/** v12: the archives imported over this bot, in order. */
	public List<byte[]> imported(String botId) {
		return List.copyOf(this.v12.imported.getOrDefault(botId, List.of()));
	}

	/** Cloud: the version deployed last through the API, or {@code null}. */
	public String deployedVersion(String botId) {
		return this.cloud.deployedVersions.get(botId);
	}

	@Override
	public void close() {
		this.stopped.countDown();
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	Instant now() {
		return this.clock.instant();
	}

	Duration jwtLifetime() {
		return this.jwtLifetime.get();
	}

	int maxPageSize() {
		return this.maxPageSize.get();
	}

	private static Map<String, String> headers(com.sun.net.httpserver.Headers headers) {
		Map<String, String> flat = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		headers.forEach((name, values) -> flat.put(name, String.join(",", values)));
		return flat;
	}

	/**
	 * One request as the double received it.
	 *
	 * @param method the HTTP method
	 * @param target path and raw query
	 * @param headers its headers, by case-insensitive name
	 * @param bodyLength the size of its body
	 */
	public record Recorded(String method, String target, Map<String, String> headers, int bodyLength) {

		public String header(String name) {
			return this.headers.get(name);
		}

	}

	// ---- archives and main
	// -------------------------------------------------------------------------

	/**
	 * Writes {@code
	 *
	<dir>
	 * /<bot id>/<version>.tgz}: a gzip'd tar holding {@code bot.config.json}, as a v12
	 * export would.
	 */
	public static Path writeArchive(Path dir, String botId, String version) {
		try {
			ByteArrayOutputStream tar = new ByteArrayOutputStream();
			byte[] config = ("{\"id\":\"" + botId + "\",\"name\":\"" + botId + "\",\"description\":\"version " + version
					+ "\",\"version\":\"12.31.10\"}\n")
				.getBytes(StandardCharsets.UTF_8);
			tarEntry(tar, "bot.config.json", config);
			tar.write(new byte[1024]);
			Path file = dir.resolve(botId).resolve(version + ".tgz");
			Files.createDirectories(file.getParent());
			try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
				out.write(tar.toByteArray());
			}
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void tarEntry(ByteArrayOutputStream tar, String name, byte[] content) throws IOException {
		byte[] header = new byte[512];
		put(header, 0, name);
		put(header, 100, "0000644");
		put(header, 108, "0000000");
		put(header, 116, "0000000");
		put(header, 124, String.format("%011o", content.length));
		put(header, 136, String.format("%011o", 0));
		header[156] = '0';
		put(header, 257, "ustar");
		put(header, 263, "00");
		for (int i = 148; i < 156; i++) {
			header[i] = ' ';
		}
		int sum = 0;
		for (byte b : header) {
			sum += b & 0xff;
		}
		put(header, 148, String.format("%06o", sum));
		header[154] = 0;
		header[155] = ' ';
		tar.write(header);
		tar.write(content);
		tar.write(new byte[(512 - content.length % 512) % 512]);
	}

	private static void put(byte[] header, int offset, String text) {
		byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
		System.arraycopy(bytes, 0, header, offset, bytes.length);
	}

	/**
	 * For the local stack: {@code --port N [--archives DIR]}. Prints the double's URL,
	 * both flavours' workspaces and credentials and, with {@code --archives}, the folder
	 * where it wrote sample v12 archives; then {@code READY}, and serves until killed.
	 */
	public static void main(String[] args) throws Exception {
		int port = 3100;
		Path archives = null;
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--port" -> port = Integer.parseInt(args[++i]);
				case "--archives" -> archives = Path.of(args[++i]).toAbsolutePath();
				default -> throw new IllegalArgumentException(
						"unknown argument " + args[i] + " (expected --port N [--archives DIR])");
			}
		}
		BotpressDouble double_ = new BotpressDouble(port, Clock.systemUTC());
		System.out.println("BOTPRESS_URL=" + double_.url());
		System.out.println("BOTPRESS_CLOUD_WORKSPACE=" + BotpressSeed.CLOUD_WORKSPACE);
		System.out.println("BOTPRESS_CLOUD_TOKEN=" + BotpressSeed.CLOUD_TOKEN);
		System.out.println("BOTPRESS_V12_WORKSPACE=" + BotpressSeed.V12_WORKSPACE);
		System.out.println("BOTPRESS_V12_EMAIL=" + BotpressSeed.V12_EMAIL);
		System.out.println("BOTPRESS_V12_PASSWORD=" + BotpressSeed.V12_PASSWORD);
		if (archives != null) {
			for (String version : List.of("1.0.0", "1.1.0")) {
				writeArchive(archives, BotpressSeed.V12_WELCOME_BOT, version);
				writeArchive(archives, BotpressSeed.V12_FAQ_BOT, version);
			}
			System.out.println("BOTPRESS_ARCHIVES=" + archives);
		}
		System.out.println("READY");
		System.out.flush();
		Thread.currentThread().join();
	}

}
