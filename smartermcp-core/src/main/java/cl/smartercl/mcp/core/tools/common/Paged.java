package cl.smartercl.mcp.core.tools.common;

/**
 * The paging arguments of every paged tool, the same everywhere: {@code limit} (how many
 * on this page, from 1 to the tool's maximum, with the tool's default) and {@code cursor}
 * (the {@code next_cursor} of the previous answer, opaque: see {@link Cursor}). A paged
 * tool's input record implements this and declares the two components with these
 * descriptions and its own bounds:
 *
 * <pre>{@code
 * &#64;Min(1) @Max(MAX_LIMIT) @JsonProperty(defaultValue = "" + DEFAULT_LIMIT)
 * &#64;JsonPropertyDescription("Contacts per page, 1 to 500; default 50.") Integer limit,
 *

&#64;JsonPropertyDescription(Paged.CURSOR) String cursor
 * }</pre> and checks the limit in its constructor with {@link #limit(Integer, int, int)}.
 */
public interface Paged {

	/** The description of every paged tool's {@code cursor} argument. */
	String CURSOR = "The next_cursor of the previous answer, for the next page; none for the first page.";

	/** How many on this page (never {@code null} once the record is built). */
	Integer limit();

	/** Where the page starts: {@code null} for the first page. */
	String cursor();

	/**
	 * The {@code limit} argument, or {@code defaultLimit} when absent; refused outside
	 * {@code 1..max}.
	 */
	static int limit(Integer limit, int defaultLimit, int max) {
		return Bounds.within("limit", limit, defaultLimit, 1, max);
	}

}
