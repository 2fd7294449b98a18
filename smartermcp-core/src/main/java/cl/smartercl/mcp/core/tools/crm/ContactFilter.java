package cl.smartercl.mcp.core.tools.crm;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import cl.smartercl.mcp.core.error.InvalidArgumentsException;

/**
 * The {@code filter} of {@code crm_contacts_list}: every given key must hold (AND).
 * Unknown keys are refused by the schema ({@code additionalProperties: false}), naming
 * the valid ones.
 */
public record ContactFilter(
		@JsonPropertyDescription("Country name or ISO 3166 code, e.g. 'Chile' or 'CL'.") String country,
		@JsonPropertyDescription("'contact' (people), 'company' (companies) or 'lead' (prospects not yet in the address book).") Type type,
		@JsonPropertyDescription("A tag name, e.g. 'Prospects'.") String tag,
		@JsonPropertyDescription("City name (case-insensitive).") String city,
		@JsonPropertyDescription("Text contained in the name, email or company.") String text,
		@JsonPropertyDescription("Name (or part of it) of the salesperson in charge.") String salesperson) {

	public ContactFilter {
		country = trimmed("filter.country", country);
		tag = trimmed("filter.tag", tag);
		city = trimmed("filter.city", city);
		text = trimmed("filter.text", text);
		salesperson = trimmed("filter.salesperson", salesperson);
	}

	/** No filter at all. */
	public static final ContactFilter NONE = new ContactFilter(null, null, null, null, null, null);

	private static String trimmed(String argument, String value) {
		if (value == null) {
			return null;
		}
		if (value.isBlank()) {
			throw new InvalidArgumentsException(argument, "must not be blank; leave it out to not filter by it");
		}
		return value.strip();
	}

	/** What kind of contact to list. */
	public enum Type {

		@JsonProperty("contact")
		CONTACT,

		@JsonProperty("company")
		COMPANY,

		@JsonProperty("lead")
		LEAD

	}

}
