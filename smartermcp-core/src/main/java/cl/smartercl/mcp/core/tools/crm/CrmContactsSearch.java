package cl.smartercl.mcp.core.tools.crm;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import cl.smartercl.mcp.core.error.InvalidArgumentsException;

/** Contract of {@code crm_contacts_search}. */
public final class CrmContactsSearch {

	private CrmContactsSearch() {
	}

	public record Input(@JsonProperty(required = true) @JsonPropertyDescription("Text to find in a contact's name, email or phone.") String query) {

		public Input {
			if (query != null && query.isBlank()) {
				throw new InvalidArgumentsException("query", "must not be blank");
			}
		}

	}

}
