package cl.smartercl.mcp.server.support;

import java.time.Instant;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import cl.smartercl.mcp.testsupport.MutableClock;

/**
 * {@code @Import(SettableClock.class)} on a server test: the server measures token expiry
 * and session idle time with a {@link MutableClock} the test autowires and moves, instead
 * of sleeping.
 */
@TestConfiguration(proxyBeanMethods = false)
public class SettableClock {

	@Bean
	MutableClock settableClock() {
		return new MutableClock(Instant.now());
	}

}
