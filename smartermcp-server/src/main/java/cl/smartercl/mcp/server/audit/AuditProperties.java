package cl.smartercl.mcp.server.audit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the audit trail is written, under {@code smartermcp.audit} (docs/operations.md,
 * "Audit trail"). Rows are committed in groups by {@link AuditWriter}: one transaction
 * per batch.
 *
 * @param batchSize the most rows one transaction commits (N)
 * @param batchDelay how long the first row of a batch waits for companions before the
 * batch is committed (M); {@code 0} (the default) waits for none: rows that arrive while
 * a batch commits form the next one, so a lone call is never delayed and batches grow
 * with the load by themselves
 * @param queueCapacity the most rows waiting for a batch; a call whose row finds the
 * queue full is refused (503, retryable) instead of waiting without bound
 * @param commitTimeout the longest one batch may take to commit; past it, the batch's
 * calls fail
 */
@ConfigurationProperties("smartermcp.audit")
public record AuditProperties(Integer batchSize, Duration batchDelay, Integer queueCapacity, Duration commitTimeout) {

	public AuditProperties {
		batchSize = (batchSize == null) ? 256 : batchSize;
		batchDelay = (batchDelay == null) ? Duration.ZERO : batchDelay;
		queueCapacity = (queueCapacity == null) ? 10_000 : queueCapacity;
		commitTimeout = (commitTimeout == null) ? Duration.ofSeconds(30) : commitTimeout;
		if (batchSize < 1) {
			throw new IllegalArgumentException("smartermcp.audit.batch-size must be at least 1, not " + batchSize);
		}
		if (batchDelay.isNegative()) {
			throw new IllegalArgumentException("smartermcp.audit.batch-delay must not be negative");
		}
		if (queueCapacity < batchSize) {
			throw new IllegalArgumentException("smartermcp.audit.queue-capacity (" + queueCapacity
					+ ") must be at least smartermcp.audit.batch-size (" + batchSize + ")");
		}
		if (commitTimeout.isNegative() || commitTimeout.isZero()) {
			throw new IllegalArgumentException("smartermcp.audit.commit-timeout must be positive");
		}
	}

}
