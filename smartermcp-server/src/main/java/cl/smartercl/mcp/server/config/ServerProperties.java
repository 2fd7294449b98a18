package cl.smartercl.mcp.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The server's own settings under {@code smartermcp.*}; every one has a working default,
 * and each maps to an environment variable by Spring's relaxed binding (e.g.
 * {@code SMARTERMCP_TENANTS_FILE}).
 *
 * @param tenantsFile the tenants file (YAML) with each tenant's backends; none means no
 * backends
 * @param maxBodyBytes the largest request body accepted on MCP and REST, else 413
 * @param toolTimeout the longest a tool call may run before it fails as unavailable
 * @param publicMetrics whether {@code /metrics} is served without a token
 * @param mcp MCP transport settings
 * @param localDocker whether tenant {@code default}, when the tenants file does not name
 * it, gets this machine's Docker host ({@code DOCKER_HOST} or
 * {@code /var/run/docker.sock}); {@code SMARTERMCP_LOCAL_DOCKER}
 */
@ConfigurationProperties("smartermcp")
public record ServerProperties(Path tenantsFile, Long maxBodyBytes, Duration toolTimeout, Boolean publicMetrics,
		Mcp mcp, Boolean localDocker) {

	public ServerProperties {
		maxBodyBytes = (maxBodyBytes == null) ? 1024 * 1024 : maxBodyBytes;
		toolTimeout = (toolTimeout == null) ? Duration.ofSeconds(60) : toolTimeout;
		publicMetrics = (publicMetrics == null) ? Boolean.FALSE : publicMetrics;
		mcp = (mcp == null) ? new Mcp(null, null, null, null, null, null, null) : mcp;
		localDocker = (localDocker == null) ? Boolean.TRUE : localDocker;
	}

	/**
	 * @param allowedOrigins browser origins allowed to call the MCP endpoints (patterns
	 * with {@code *} for a port); a request without Origin (any non-browser client)
	 * always passes
	 * @param allowedHosts Host header values accepted on the MCP endpoints; empty accepts
	 * any (set it when the server is reachable by browsers under a fixed name, against
	 * DNS rebinding)
	 * @param sessionIdleTimeout a Streamable HTTP session unused this long is closed
	 * (then 404)
	 * @param maxSessions the most open Streamable HTTP sessions
	 * @param maxSessionsPerToken the most open sessions one token may hold
	 * @param keepAlive interval of SSE keep-alive comments on open streams
	 * @param legacyRequestTimeout the longest a legacy {@code /mcp/message} POST is held
	 * open
	 */
	public record Mcp(List<String> allowedOrigins, List<String> allowedHosts, Duration sessionIdleTimeout,
			Integer maxSessions, Integer maxSessionsPerToken, Duration keepAlive, Duration legacyRequestTimeout) {

		public Mcp {
			allowedOrigins = (allowedOrigins == null)
					? List.of("http://localhost:*", "http://127.0.0.1:*", "http://[::1]:*")
					: List.copyOf(allowedOrigins);
			allowedHosts = (allowedHosts == null) ? List.of() : List.copyOf(allowedHosts);
			sessionIdleTimeout = (sessionIdleTimeout == null) ? Duration.ofMinutes(30) : sessionIdleTimeout;
			maxSessions = (maxSessions == null) ? 20_000 : maxSessions;
			maxSessionsPerToken = (maxSessionsPerToken == null) ? 10_000 : maxSessionsPerToken;
			keepAlive = (keepAlive == null) ? Duration.ofSeconds(20) : keepAlive;
			legacyRequestTimeout = (legacyRequestTimeout == null) ? Duration.ofMinutes(5) : legacyRequestTimeout;
		}

	}

}
