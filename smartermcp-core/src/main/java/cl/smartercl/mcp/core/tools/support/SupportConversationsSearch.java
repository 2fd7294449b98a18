package cl.smartercl.mcp.core.tools.support;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import cl.smartercl.mcp.core.error.InvalidArgumentsException;

/** Contract of {@code support_conversations_search}. */
public final class SupportConversationsSearch {

	private SupportConversationsSearch() {
	}

	public record Input(@JsonProperty(required = true) @JsonPropertyDescription("Text to find in messages, or a contact's name, email or phone.") String query) {

		public Input {
			if (query != null && query.isBlank()) {
				throw new InvalidArgumentsException("query", "must not be blank");
			}
		}

	}

}
