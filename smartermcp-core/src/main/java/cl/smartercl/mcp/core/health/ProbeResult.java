package cl.smartercl.mcp.core.health;

import cl.smartercl.mcp.core.tools.services.HealthStatus;

/**
 * @param status healthy or unhealthy
 * @param latencyMs how long the probe took
 * @param version the backend's version when it says, else {@code null}
 * @param detail what was probed and what it answered, safe to show (no secrets, no raw
 * bodies)
 */
public record ProbeResult(HealthStatus status, long latencyMs, String version, String detail) {
}
