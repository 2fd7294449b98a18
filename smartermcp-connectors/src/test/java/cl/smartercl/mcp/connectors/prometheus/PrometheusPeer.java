package cl.smartercl.mcp.connectors.prometheus;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Prometheus (Debian package {@code prometheus}) scraping a real node exporter
 * (Debian package {@code prometheus-node-exporter}) every second, both on 127.0.0.1 ports
 * of their own, with a temporary storage directory; stopped by their PIDs. A missing
 * binary fails the test.
 */
final class PrometheusPeer implements AutoCloseable {

	static final String PROMETHEUS = "/usr/bin/prometheus";

	static final String NODE_EXPORTER = "/usr/bin/prometheus-node-exporter";

	final URI url;

	final String nodeTarget;

	private final Process prometheus;

	private final Process exporter;

	private final Path dir;

	private PrometheusPeer(URI url, String nodeTarget, Process prometheus, Process exporter, Path dir) {
		this.url = url;
		this.nodeTarget = nodeTarget;
		this.prometheus = prometheus;
		this.exporter = exporter;
		this.dir = dir;
	}

	static PrometheusPeer start() throws IOException, InterruptedException {
		for (String binary : new String[] { PROMETHEUS, NODE_EXPORTER }) {
			if (!Files.isExecutable(Path.of(binary))) {
				throw new IllegalStateException(
						binary + " is missing: apt-get install -y prometheus prometheus-node-exporter");
			}
		}
		Path dir = Files.createTempDirectory("smartermcp-prometheus-it");
		int exporterPort = freePort();
		int prometheusPort = freePort();
		String nodeTarget = "127.0.0.1:" + exporterPort;
		Process exporter = new ProcessBuilder(NODE_EXPORTER, "--web.listen-address=" + nodeTarget)
			.redirectErrorStream(true)
			.redirectOutput(dir.resolve("node-exporter.log").toFile())
			.start();
		Path config = dir.resolve("prometheus.yml");
		Files.writeString(config, """
				global:
				  scrape_interval: 1s
				  evaluation_interval: 1s
				scrape_configs:
				  - job_name: node
				    static_configs:
				      - targets: ['%s']
				""".formatted(nodeTarget));
		Process prometheus = new ProcessBuilder(PROMETHEUS, "--config.file=" + config,
				"--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + prometheusPort)
			.redirectErrorStream(true)
			.redirectOutput(dir.resolve("prometheus.log").toFile())
			.start();
		PrometheusPeer peer = new PrometheusPeer(URI.create("http://127.0.0.1:" + prometheusPort), nodeTarget,
				prometheus, exporter, dir);
		peer.awaitSamples();
		return peer;
	}

	/**
	 * Until Prometheus has scraped the exporter a few times, so that a rate has two
	 * samples.
	 */
	private void awaitSamples() throws IOException, InterruptedException {
		HttpClient client = HttpClient.newHttpClient();
		Instant deadline = Instant.now().plusSeconds(60);
		String query = this.url + "/api/v1/query?query=count_over_time(up%7Bjob%3D%22node%22%7D%5B1m%5D)";
		while (Instant.now().isBefore(deadline)) {
			if (!this.prometheus.isAlive() || !this.exporter.isAlive()) {
				throw new IllegalStateException(
						"prometheus or its exporter died: " + Files.readString(this.dir.resolve("prometheus.log")));
			}
			try {
				HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(query)).build(),
						HttpResponse.BodyHandlers.ofString());
				// at least 4 scrapes in the last minute
				if (response.statusCode() == 200
						&& response.body().matches(".*\"value\":\\[[0-9.]+,\"([4-9]|\\d\\d+)\"\\].*")) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(500);
		}
		throw new IllegalStateException(
				"prometheus never scraped the node exporter: " + Files.readString(this.dir.resolve("prometheus.log")));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	@Override
	public void close() {
		for (Process p : new Process[] { this.prometheus, this.exporter }) {
			p.destroy();
			try {
				if (!p.waitFor(10, TimeUnit.SECONDS)) {
					p.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		try (Stream<Path> files = Files.walk(this.dir)) {
			files.sorted(Comparator.reverseOrder()).forEach((f) -> f.toFile().delete());
		}
		catch (IOException ex) {
			// a leftover temp directory is harmless
		}
	}

}
