package cl.smartercl.mcp.core.tools.common;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import cl.smartercl.mcp.core.error.InvalidArgumentsException;

/**
 * The opaque {@code cursor} / {@code next_cursor} of every paged tool. A connector puts
 * whatever it needs to resume (an offset, a page and an index, a backend's own token)
 * into a short text with a prefix of its own; callers only hand the value back. A cursor
 * that was not given out by the same tool is refused as an invalid {@code cursor}
 * argument, never passed on to a backend.
 */
public final class Cursor {

	private static final int MAX_LENGTH = 2048;

	private Cursor() {
	}

	/**
	 * The cursor that resumes at {@code state}, which starts with {@code kind} and a
	 * colon.
	 */
	public static String encode(String kind, String state) {
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString((kind + ":" + state).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The state of a cursor given out with this {@code kind}, or {@code null} for no
	 * cursor (the first page).
	 */
	public static String decode(String kind, String cursor) {
		if (cursor == null || cursor.isEmpty()) {
			return null;
		}
		if (cursor.length() > MAX_LENGTH) {
			throw invalid();
		}
		String text;
		try {
			text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw invalid();
		}
		if (!text.startsWith(kind + ":")) {
			throw invalid();
		}
		return text.substring(kind.length() + 1);
	}

	/** The state of a cursor that holds a non-negative offset. */
	public static int decodeOffset(String kind, String cursor) {
		String state = decode(kind, cursor);
		if (state == null) {
			return 0;
		}
		try {
			int offset = Integer.parseInt(state);
			if (offset >= 0) {
				return offset;
			}
		}
		catch (NumberFormatException ex) {
			// refused below
		}
		throw invalid();
	}

	private static InvalidArgumentsException invalid() {
		return new InvalidArgumentsException("cursor",
				"is not a cursor this tool gave out; pass the next_cursor of the previous answer, or none for the first page");
	}

}
