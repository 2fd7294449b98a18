package cl.smartercl.mcp.core.tools.crm;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import cl.smartercl.mcp.core.error.InvalidArgumentsException;

/** Contract of {@code crm_contacts_list}. */
public final class CrmContactsList {

	public static final int MAX_LIMIT = 500;

	private CrmContactsList() {
	}

	public record Input(@JsonPropertyDescription("How many contacts, 1 to 500; default 50.") Integer limit,
			@JsonPropertyDescription("Only contacts whose name, email or company contains this text.") String filter) {

		public Input {
			limit = (limit == null) ? 50 : limit;
			if (limit < 1 || limit > MAX_LIMIT) {
				throw new InvalidArgumentsException("limit", "must be between 1 and " + MAX_LIMIT + ", got " + limit);
			}
		}

	}

}
