package cl.smartercl.mcp.server.store;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import io.r2dbc.spi.Readable;

/**
 * Timestamps as both databases keep them: {@code TIMESTAMP WITH TIME ZONE}, bound and
 * read as {@link OffsetDateTime} (the one type r2dbc-h2 and r2dbc-postgresql both map),
 * to the microsecond (PostgreSQL's precision, so a value read back equals the value
 * written).
 */
final class StoreTimes {

	private StoreTimes() {
	}

	static Instant now(Clock clock) {
		return clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	static OffsetDateTime toColumn(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

	/** {@code null} for a NULL column. */
	static Instant read(Readable row, String column) {
		OffsetDateTime value = row.get(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}

}
