package cl.smartercl.mcp.core.tools.crm;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import cl.smartercl.mcp.core.tools.common.Paged;

/** Contract of {@code crm_contacts_list}. */
public final class CrmContactsList {

	public static final int MAX_LIMIT = 500;

	public static final int DEFAULT_LIMIT = 50;

	private CrmContactsList() {
	}

	public record Input(
			@Min(1) @Max(MAX_LIMIT) @JsonProperty(defaultValue = ""
					+ DEFAULT_LIMIT) @JsonPropertyDescription("Contacts per page, 1 to 500; default 50.") Integer limit,
			@JsonPropertyDescription("Only contacts matching every given key, e.g. {\"country\": \"CL\", \"type\": \"lead\"}.") ContactFilter filter,
			@JsonPropertyDescription(Paged.CURSOR) String cursor) implements Paged {

		public Input {
			limit = Paged.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
			filter = (filter == null) ? ContactFilter.NONE : filter;
		}

	}

}
