package cl.smartercl.mcp.server.ops;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import cl.smartercl.mcp.server.ratelimit.RateLimitClock;

/** A rate-limit clock the test moves by hand. */
final class TestClock implements RateLimitClock {

	private final AtomicLong now;

	TestClock(long startMillis) {
		this.now = new AtomicLong(startMillis);
	}

	@Override
	public long millis() {
		return this.now.get();
	}

	void advance(Duration duration) {
		this.now.addAndGet(duration.toMillis());
	}

}
