package cl.smartercl.mcp.core.tools.crm;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import cl.smartercl.mcp.core.error.InvalidArgumentsException;

/** Contract of {@code crm_contacts_upsert}. */
public final class CrmContactsUpsert {

	private CrmContactsUpsert() {
	}

	public record Input(@JsonProperty(required = true) Fields contact,
			@JsonPropertyDescription("Update this contact id; without it, the one contact with the same email is updated, or a new one created.") Long id) {

		public Input {
			if (id != null && id < 1) {
				throw new InvalidArgumentsException("id", "must be a contact id (1 or more), got " + id);
			}
		}

	}

	public record Fields(@JsonProperty(required = true) String name, String email, String phone,
			@JsonPropertyDescription("The company the person works for.") String company,
			@JsonPropertyDescription("The contact is itself a company; default false.") Boolean isCompany,
			String street, String city, @JsonPropertyDescription("ISO 3166 country code, e.g. CL.") String country) {

		public Fields {
			if (name != null && name.isBlank()) {
				throw new InvalidArgumentsException("contact.name", "must not be blank");
			}
			if (email != null && (email.isBlank() || !email.contains("@"))) {
				throw new InvalidArgumentsException("contact.email", "must be an email address, got '" + email + "'");
			}
			if (country != null && !country.strip().matches("[A-Za-z]{2}")) {
				throw new InvalidArgumentsException("contact.country",
						"must be a two-letter ISO 3166 code such as CL, got '" + country + "'");
			}
			email = (email == null) ? null : email.strip();
		}

	}

	public record Output(
			@JsonProperty(required = true) @JsonPropertyDescription("'created' or 'updated'.") Action action, long id,
			Contact contact) {
	}

	/** What an upsert did. */
	public enum Action {

		@JsonProperty("created")
		CREATED,

		@JsonProperty("updated")
		UPDATED

	}

}
