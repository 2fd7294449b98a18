package cl.smartercl.mcp.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock a test moves by hand, so token expiry, rate-limit windows and sampling
 * intervals are tested without waiting. Always UTC.
 * <p>
 * The time is held atomically because a running server reads it on its request threads
 * while the test advances it. Where code wants epoch milliseconds rather than a
 * {@link Clock} (the server's {@code RateLimitClock}), pass {@code clock::millis}.
 */
public final class MutableClock extends Clock {

	private final AtomicReference<Instant> now;

	public MutableClock(Instant start) {
		this.now = new AtomicReference<>(start);
	}

	public void advance(Duration duration) {
		this.now.updateAndGet((instant) -> instant.plus(duration));
	}

	@Override
	public Instant instant() {
		return this.now.get();
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	/**
	 * This same clock: a copy in another zone would stop moving when the test moves this
	 * one.
	 */
	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

}
