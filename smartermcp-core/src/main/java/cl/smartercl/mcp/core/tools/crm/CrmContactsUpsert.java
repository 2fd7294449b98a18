package cl.smartercl.mcp.core.tools.crm;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Contract of {@code crm_contacts_upsert}. */
public final class CrmContactsUpsert {

	private CrmContactsUpsert() {
	}

	public record Input(@JsonProperty(required = true) Fields contact,
			@JsonPropertyDescription("Update this contact id; without it, the contact with the same email is updated, or a new one created.") Long id) {
	}

	public record Fields(@JsonProperty(required = true) String name, String email, String phone,
			@JsonPropertyDescription("The company the person works for.") String company,
			@JsonPropertyDescription("The contact is itself a company; default false.") Boolean isCompany, String street,
			String city, @JsonPropertyDescription("ISO 3166 country code, e.g. CL.") String country) {
	}

	public record Output(Contact contact, @JsonPropertyDescription("True when a new contact was created.") boolean created) {
	}

}
