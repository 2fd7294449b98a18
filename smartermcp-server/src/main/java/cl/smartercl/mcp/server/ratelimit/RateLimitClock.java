package cl.smartercl.mcp.server.ratelimit;

/**
 * The time the limits go by, in epoch milliseconds. The system clock unless a bean of
 * this type is defined (tests move time forward instead of waiting a minute). Replicas
 * sharing Redis must keep their clocks in sync (NTP): the windows are kept in their time.
 */
@FunctionalInterface
public interface RateLimitClock {

	long millis();

}
