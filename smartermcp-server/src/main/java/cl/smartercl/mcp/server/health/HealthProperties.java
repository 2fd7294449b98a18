package cl.smartercl.mcp.server.health;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code /health} settings under {@code smartermcp.health}.
 *
 * @param probeTimeout the longest one backend probe (or the database check) may take;
 * past it the backend counts as unhealthy
 * @param cacheTtl how long a probe's answer is reused, so a busy load balancer does not
 * probe the backends on each of its checks
 */
@ConfigurationProperties("smartermcp.health")
public record HealthProperties(Duration probeTimeout, Duration cacheTtl) {

	public HealthProperties {
		probeTimeout = (probeTimeout == null) ? Duration.ofSeconds(5) : probeTimeout;
		cacheTtl = (cacheTtl == null) ? Duration.ofSeconds(5) : cacheTtl;
	}

}
