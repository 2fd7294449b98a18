package cl.smartercl.mcp.connectors.support;

import java.time.Duration;
import java.util.function.UnaryOperator;

import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import cl.smartercl.mcp.core.error.ToolException;

/**
 * The HTTP client of one backend of one tenant: its own connection pool, connect and
 * response time-outs, the most it buffers of an answer, and whatever the connector adds
 * (TLS, a unix socket, a base URL). Every HTTP connector builds its client here and words
 * its transport failures with {@link #failure}, so a refused connection, silence, a cut
 * answer or garbage reads the same for every backend (see {@link TransportFailures}).
 */
public final class BackendHttpClient implements AutoCloseable {

	private final BackendAddress address;

	private final ConnectionProvider pool;

	private final HttpClient http;

	private final WebClient web;

	private final int maxBodyBytes;

	private BackendHttpClient(BackendAddress address, ConnectionProvider pool, HttpClient http, int maxBodyBytes) {
		this.address = address;
		this.pool = pool;
		this.http = http;
		this.maxBodyBytes = maxBodyBytes;
		this.web = WebClient.builder()
			.clientConnector(new ReactorClientHttpConnector(http))
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(maxBodyBytes))
			.build();
	}

	/**
	 * @param address the backend, as errors name it
	 * @param poolName the connection pool's name (shown in Reactor Netty's metrics), e.g.
	 * {@code n8n-<tenant>}
	 */
	public static Builder builder(BackendAddress address, String poolName) {
		return new Builder(address, poolName);
	}

	public BackendAddress address() {
		return this.address;
	}

	/** Reactor Netty's client, for streams and unix sockets. */
	public HttpClient http() {
		return this.http;
	}

	/** A WebClient over the same pool, with the answer size limit. */
	public WebClient web() {
		return this.web;
	}

	/**
	 * A transport failure of a call in the error family, worded truly; a
	 * {@link ToolException} is returned as it is.
	 * @param timeout the time the call was given (for "no answer within N s")
	 */
	public ToolException failure(Throwable ex, Duration timeout) {
		return TransportFailures.classify(ex, this.address, timeout, this.maxBodyBytes);
	}

	@Override
	public void close() {
		this.pool.dispose();
	}

	public static final class Builder {

		private final BackendAddress address;

		private final String poolName;

		private int maxConnections = 20;

		private Duration maxIdleTime;

		private Duration pendingAcquireTimeout;

		private Duration connectTimeout = Duration.ofSeconds(5);

		private Duration responseTimeout;

		private int maxBodyBytes = 8 * 1024 * 1024;

		private UnaryOperator<HttpClient> customizer = UnaryOperator.identity();

		private Builder(BackendAddress address, String poolName) {
			this.address = address;
			this.poolName = poolName;
		}

		public Builder maxConnections(int maxConnections) {
			this.maxConnections = maxConnections;
			return this;
		}

		/**
		 * How long an idle pooled connection is kept (Reactor Netty's default: no limit).
		 */
		public Builder maxIdleTime(Duration maxIdleTime) {
			this.maxIdleTime = maxIdleTime;
			return this;
		}

		public Builder pendingAcquireTimeout(Duration pendingAcquireTimeout) {
			this.pendingAcquireTimeout = pendingAcquireTimeout;
			return this;
		}

		public Builder connectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
			return this;
		}

		/**
		 * The longest wait for an answer's head after the request is sent; none by
		 * default.
		 */
		public Builder responseTimeout(Duration responseTimeout) {
			this.responseTimeout = responseTimeout;
			return this;
		}

		/** The most of one answer held in memory by the WebClient. */
		public Builder maxBodyBytes(int maxBodyBytes) {
			this.maxBodyBytes = maxBodyBytes;
			return this;
		}

		/**
		 * What the connector adds to the client: TLS, a remote address, a base URL,
		 * headers.
		 */
		public Builder customize(UnaryOperator<HttpClient> customizer) {
			this.customizer = customizer;
			return this;
		}

		/**
		 * @throws IllegalArgumentException when the customizer refuses the settings (the
		 * pool is then released)
		 */
		public BackendHttpClient build() {
			ConnectionProvider.Builder pool = ConnectionProvider.builder(this.poolName)
				.maxConnections(this.maxConnections);
			if (this.maxIdleTime != null) {
				pool.maxIdleTime(this.maxIdleTime);
			}
			if (this.pendingAcquireTimeout != null) {
				pool.pendingAcquireTimeout(this.pendingAcquireTimeout);
			}
			ConnectionProvider connections = pool.build();
			try {
				HttpClient http = HttpClient.create(connections)
					.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) this.connectTimeout.toMillis());
				if (this.responseTimeout != null) {
					http = http.responseTimeout(this.responseTimeout);
				}
				http = this.customizer.apply(http);
				return new BackendHttpClient(this.address, connections, http, this.maxBodyBytes);
			}
			catch (RuntimeException ex) {
				connections.dispose();
				throw ex;
			}
		}

	}

}
