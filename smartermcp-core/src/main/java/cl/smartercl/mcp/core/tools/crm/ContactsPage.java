package cl.smartercl.mcp.core.tools.crm;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Contacts returned by the list and search tools. */
public record ContactsPage(List<Contact> contacts, int count,
		@JsonPropertyDescription("How many contacts match in all, when the CRM says.") Long total) {
}
