package cl.smartercl.mcp.connectors.docker;

import java.io.File;
import java.net.URI;
import java.time.Duration;

import io.netty.channel.unix.DomainSocketAddress;
import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.client.HttpClient;

import cl.smartercl.mcp.connectors.config.BackendsConfig;
import cl.smartercl.mcp.connectors.support.BackendAddress;
import cl.smartercl.mcp.connectors.support.BackendHttpClient;
import cl.smartercl.mcp.core.error.ToolException;

/**
 * The HTTP client of one Engine API endpoint: a unix socket, or TCP with optional mutual
 * TLS. The Engine API has no token auth of its own; a unix socket is guarded by file
 * permissions, a TCP endpoint by the client certificate (backend-notes/docker.md §1).
 */
final class DockerTransport implements AutoCloseable {

	/**
	 * Over a unix socket the URL's host means nothing, but Go's HTTP server rejects
	 * HTTP/1.1 without a Host header; the official client sends this dummy name (moby
	 * client/client.go DummyHost).
	 */
	private static final String UNIX_HOST = "api.moby.localhost";

	private final BackendHttpClient http;

	private final boolean local;

	private DockerTransport(BackendHttpClient http, boolean local) {
		this.http = http;
		this.local = local;
	}

	/**
	 * @param config {@code unix:///path}, {@code tcp://host:port} (TLS when any
	 * {@code tls*} file is set), or an explicit {@code http://} / {@code https://} URL
	 * @throws IllegalArgumentException for a host that is none of these, or TLS files
	 * that cannot be read
	 */
	static DockerTransport create(BackendsConfig.Docker config, String name) {
		String host = (config.host() == null || config.host().isBlank()) ? "unix:///var/run/docker.sock"
				: config.host().trim();
		if (host.startsWith("unix://")) {
			String path = host.substring("unix://".length());
			if (path.isEmpty()) {
				throw new IllegalArgumentException("docker host '" + host + "' names no socket path");
			}
			BackendHttpClient http = client(name, path)
				.customize((client) -> client.remoteAddress(() -> new DomainSocketAddress(path))
					.headers((h) -> h.set(HttpHeaderNames.HOST, UNIX_HOST)))
				.build();
			return new DockerTransport(http, true);
		}
		URI uri = URI.create(host);
		boolean tls = config.tlsCaCert() != null || config.tlsCert() != null || config.tlsKey() != null
				|| "https".equals(uri.getScheme());
		if (!("tcp".equals(uri.getScheme()) || "http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
				|| uri.getHost() == null) {
			throw new IllegalArgumentException(
					"docker host must be unix:///path/to/docker.sock or tcp://host:port, got '" + host + "'");
		}
		int port = (uri.getPort() > 0) ? uri.getPort() : (tls ? 2376 : 2375);
		BackendHttpClient http = client(name, uri.getHost() + ":" + port).customize((client) -> {
			HttpClient based = client.baseUrl((tls ? "https://" : "http://") + uri.getHost() + ":" + port);
			return tls ? secure(based, config) : based;
		}).build();
		return new DockerTransport(http, false);
	}

	private static BackendHttpClient.Builder client(String name, String location) {
		return BackendHttpClient
			.builder(new BackendAddress(DockerApi.SERVICE, "the Docker engine", location), "docker-" + name)
			.maxConnections(32)
			.maxIdleTime(Duration.ofSeconds(30))
			.pendingAcquireTimeout(Duration.ofSeconds(10))
			.connectTimeout(Duration.ofSeconds(5));
	}

	private static HttpClient secure(HttpClient client, BackendsConfig.Docker config) {
		try {
			Http11SslContextSpec spec = Http11SslContextSpec.forClient().configure((builder) -> {
				if (config.tlsCaCert() != null) {
					builder.trustManager(new File(config.tlsCaCert()));
				}
				if (config.tlsCert() != null && config.tlsKey() != null) {
					// a PKCS#1 key (as `docker` TLS guides produce) is read through
					// BouncyCastle
					builder.keyManager(new File(config.tlsCert()), new File(config.tlsKey()));
				}
			});
			return client.secure((ssl) -> ssl.sslContext(spec));
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("docker TLS files cannot be used: " + ex.getMessage(), ex);
		}
	}

	BackendAddress address() {
		return this.http.address();
	}

	HttpClient client() {
		return this.http.http();
	}

	/**
	 * Transport failures in the shared words ("cannot connect to the Docker engine at
	 * …").
	 */
	ToolException failure(Throwable ex, Duration timeout) {
		return this.http.failure(ex, timeout);
	}

	/**
	 * Whether the engine is on this machine (a unix socket), so this machine's load is
	 * the host's.
	 */
	boolean local() {
		return this.local;
	}

	@Override
	public void close() {
		this.http.close();
	}

}
