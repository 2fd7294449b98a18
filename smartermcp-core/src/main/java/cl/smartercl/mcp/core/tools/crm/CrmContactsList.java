package cl.smartercl.mcp.core.tools.crm;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import cl.smartercl.mcp.core.error.InvalidArgumentsException;

/** Contract of {@code crm_contacts_list}. */
public final class CrmContactsList {

	public static final int MAX_LIMIT = 500;

	private CrmContactsList() {
	}

	public record Input(@JsonPropertyDescription("Contacts per page, 1 to 500; default 50.") Integer limit,
			@JsonPropertyDescription("Only contacts matching every given key, e.g. {\"country\": \"CL\", \"type\": \"lead\"}.") ContactFilter filter,
			@JsonPropertyDescription("The next_cursor of the previous page; none for the first page.") String cursor) {

		public Input {
			limit = (limit == null) ? 50 : limit;
			if (limit < 1 || limit > MAX_LIMIT) {
				throw new InvalidArgumentsException("limit", "must be between 1 and " + MAX_LIMIT + ", got " + limit);
			}
			filter = (filter == null) ? ContactFilter.NONE : filter;
		}

	}

}
