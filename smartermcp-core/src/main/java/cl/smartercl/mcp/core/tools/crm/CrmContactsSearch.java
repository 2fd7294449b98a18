package cl.smartercl.mcp.core.tools.crm;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import cl.smartercl.mcp.core.error.InvalidArgumentsException;

/** Contract of {@code crm_contacts_search}. */
public final class CrmContactsSearch {

	/** Most hits returned, contacts and leads together. */
	public static final int MAX_HITS = 20;

	private CrmContactsSearch() {
	}

	public record Input(@JsonProperty(
			required = true) @JsonPropertyDescription("An email address (exact, any case), or text to find in a name, email or phone.") String query) {

		public Input {
			if (query != null && query.isBlank()) {
				throw new InvalidArgumentsException("query", "must not be blank");
			}
			query = (query == null) ? null : query.strip();
		}

	}

}
