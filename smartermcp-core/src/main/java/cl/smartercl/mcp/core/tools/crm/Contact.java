package cl.smartercl.mcp.core.tools.crm;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * A CRM contact as the CRM tools return it: a person or a company of the address book, or
 * a lead (a prospect the CRM has not turned into a contact yet; its id is the lead's id,
 * not a contact id).
 */
public record Contact(long id, @JsonProperty(
		required = true) @JsonPropertyDescription("'contact' (a person or a company of the address book) or 'lead' (a prospect; the id is a lead id).") Kind kind,
		String name, String email, String phone,
		@JsonPropertyDescription("The company the person works for (for a lead: the company it names).") String company,
		boolean isCompany, String city, String country,
		@JsonPropertyDescription("The salesperson in charge of a lead (not given for address-book contacts).") String salesperson) {

	/** Where a contact lives in the CRM. */
	public enum Kind {

		@JsonProperty("contact")
		CONTACT,

		@JsonProperty("lead")
		LEAD

	}

}
