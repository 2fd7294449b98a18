package cl.smartercl.mcp.server.audit;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.util.unit.DataSize;

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
 * @param spoolDir where this replica's local audit spool lives ({@link AuditSpool}: rows
 * of reads that the store cannot commit, until they are replayed into it); {@code null}
 * (the default) for {@code <smartermcp.data-dir>/audit-spool}
 * @param spoolMaxSize the most the spool files may hold together (default 256MB); a read
 * whose row finds the spool full while the store is down is withheld (503). {@code 0}
 * turns the spool off: reads are withheld whenever the store cannot commit their row
 * @param spoolReplayInterval how often spooled rows are offered to the store again
 * (default 5 s; also once right after a start)
 */
@ConfigurationProperties("smartermcp.audit")
public record AuditProperties(Integer batchSize, Duration batchDelay, Integer queueCapacity, Duration commitTimeout,
		Path spoolDir, DataSize spoolMaxSize, Duration spoolReplayInterval) {

	@ConstructorBinding
	public AuditProperties {
		batchSize = (batchSize == null) ? 256 : batchSize;
		batchDelay = (batchDelay == null) ? Duration.ZERO : batchDelay;
		queueCapacity = (queueCapacity == null) ? 10_000 : queueCapacity;
		commitTimeout = (commitTimeout == null) ? Duration.ofSeconds(30) : commitTimeout;
		spoolMaxSize = (spoolMaxSize == null) ? DataSize.ofMegabytes(256) : spoolMaxSize;
		spoolReplayInterval = (spoolReplayInterval == null) ? Duration.ofSeconds(5) : spoolReplayInterval;
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
		if (spoolMaxSize.isNegative()) {
			throw new IllegalArgumentException("smartermcp.audit.spool-max-size must not be negative");
		}
		if (spoolReplayInterval.isNegative() || spoolReplayInterval.isZero()) {
			throw new IllegalArgumentException("smartermcp.audit.spool-replay-interval must be positive");
		}
	}

	/** Without a spool (tests of the group commit alone). */
	public AuditProperties(Integer batchSize, Duration batchDelay, Integer queueCapacity, Duration commitTimeout) {
		this(batchSize, batchDelay, queueCapacity, commitTimeout, null, null, null);
	}

	/** Whether a spool is wanted ({@code spool-max-size} above 0). */
	public boolean spoolEnabled() {
		return this.spoolMaxSize.toBytes() > 0;
	}

}
