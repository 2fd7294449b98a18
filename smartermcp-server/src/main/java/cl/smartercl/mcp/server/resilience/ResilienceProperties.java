package cl.smartercl.mcp.server.resilience;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How each (tenant, backend) pair is protected, under {@code smartermcp.resilience}.
 * Every pair gets its own circuit breaker, bulkhead and retry built from these settings,
 * so one tenant's sick backend never opens another tenant's circuit.
 *
 * @param timeout the longest one attempt at a backend may take (below
 * {@code smartermcp.tool-timeout})
 * @param failureRateThreshold percentage of failed calls that opens the circuit
 * @param slidingWindowSize how many recent calls the failure rate is computed over
 * @param minimumCalls calls needed in the window before the rate counts
 * @param openDuration how long an open circuit refuses calls before letting a few through
 * @param halfOpenCalls calls let through to test a backend after {@code openDuration}
 * @param maxConcurrentCalls the most calls in progress to one backend of one tenant; more
 * are refused
 * @param retryAttempts attempts of a read tool (1 = no retry); write tools are never
 * retried
 * @param retryBackoff wait before the first retry, doubled before each next one
 */
@ConfigurationProperties("smartermcp.resilience")
public record ResilienceProperties(Duration timeout, Integer failureRateThreshold, Integer slidingWindowSize,
		Integer minimumCalls, Duration openDuration, Integer halfOpenCalls, Integer maxConcurrentCalls,
		Integer retryAttempts, Duration retryBackoff) {

	public ResilienceProperties {
		timeout = (timeout == null) ? Duration.ofSeconds(30) : timeout;
		failureRateThreshold = (failureRateThreshold == null) ? 50 : failureRateThreshold;
		slidingWindowSize = (slidingWindowSize == null) ? 20 : slidingWindowSize;
		minimumCalls = (minimumCalls == null) ? 5 : minimumCalls;
		openDuration = (openDuration == null) ? Duration.ofSeconds(30) : openDuration;
		halfOpenCalls = (halfOpenCalls == null) ? 2 : halfOpenCalls;
		maxConcurrentCalls = (maxConcurrentCalls == null) ? 25 : maxConcurrentCalls;
		retryAttempts = (retryAttempts == null) ? 3 : retryAttempts;
		retryBackoff = (retryBackoff == null) ? Duration.ofMillis(200) : retryBackoff;
	}

}
