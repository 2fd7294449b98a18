package cl.smartercl.mcp.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MutableClockTests {

	private static final Instant START = Instant.parse("2026-11-25T10:00:00.123456789Z");

	@Test
	void standsStillUntilMovedAndKeepsNanoseconds() {
		MutableClock clock = new MutableClock(START);

		assertThat(clock.instant()).isEqualTo(START);
		clock.advance(Duration.ofMinutes(59));
		assertThat(clock.instant()).isEqualTo(START.plus(Duration.ofMinutes(59)));
		assertThat(clock.millis()).isEqualTo(START.plus(Duration.ofMinutes(59)).toEpochMilli());
	}

	@Test
	void advancesFromSeveralThreadsAllCount() throws InterruptedException {
		MutableClock clock = new MutableClock(Instant.ofEpochMilli(1_700_000_000_000L));
		List<Thread> threads = new ArrayList<>();
		for (int t = 0; t < 4; t++) {
			threads.add(new Thread(() -> {
				for (int i = 0; i < 10_000; i++) {
					clock.advance(Duration.ofMillis(1));
				}
			}));
		}
		threads.forEach(Thread::start);
		for (Thread thread : threads) {
			thread.join();
		}

		assertThat(clock.millis()).isEqualTo(1_700_000_040_000L);
	}

	@Test
	void anotherZoneStillMovesWithTheTest() {
		MutableClock clock = new MutableClock(START);
		Clock paris = clock.withZone(ZoneId.of("Europe/Paris"));

		clock.advance(Duration.ofSeconds(10));

		assertThat(paris.instant()).isEqualTo(START.plusSeconds(10));
		assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
	}

}
