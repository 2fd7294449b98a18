package cl.smartercl.mcp.core.tools.crm;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Contacts returned by the list and search tools, one page at a time. */
public record ContactsPage(List<Contact> contacts, int count,
		@JsonPropertyDescription("How many contacts match in all, when the CRM says.") Long total,
		@JsonPropertyDescription("True when more contacts match than this page holds.") boolean truncated,
		@JsonPropertyDescription("Pass as cursor to get the next page; null on the last page.") String nextCursor) {
}
