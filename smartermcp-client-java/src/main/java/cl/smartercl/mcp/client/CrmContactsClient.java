package cl.smartercl.mcp.client;

import java.util.concurrent.CompletableFuture;

import cl.smartercl.mcp.client.generated.api.CrmApi;
import cl.smartercl.mcp.client.model.ContactsPage;
import cl.smartercl.mcp.client.model.CrmContactsListInput;
import cl.smartercl.mcp.client.model.CrmContactsSearchInput;
import cl.smartercl.mcp.client.model.CrmContactsUpsertFields;
import cl.smartercl.mcp.client.model.CrmContactsUpsertInput;
import cl.smartercl.mcp.client.model.CrmContactsUpsertOutput;

/** {@code crm_contacts_list}, {@code crm_contacts_search}, {@code crm_contacts_upsert}. */
public final class CrmContactsClient {

	private final CrmApi api;

	private final Calls calls;

	CrmContactsClient(CrmApi api, Calls calls) {
		this.api = api;
		this.calls = calls;
	}

	public ContactsPage list() {
		return list(new CrmContactsListInput());
	}

	public ContactsPage list(int limit) {
		return list(new CrmContactsListInput().limit(limit));
	}

	public ContactsPage list(CrmContactsListInput input) {
		return Calls.await(listAsync(input));
	}

	public CompletableFuture<ContactsPage> listAsync(CrmContactsListInput input) {
		return this.calls.tool("crm_contacts_list", () -> this.api.crmContactsList(input));
	}

	/** Contacts whose name, email or phone contains {@code query}. */
	public ContactsPage search(String query) {
		return Calls.await(searchAsync(query));
	}

	public CompletableFuture<ContactsPage> searchAsync(String query) {
		CrmContactsSearchInput input = new CrmContactsSearchInput().query(query);
		return this.calls.tool("crm_contacts_search", () -> this.api.crmContactsSearch(input));
	}

	/** Updates the contact with the same email, or creates it. */
	public CrmContactsUpsertOutput upsert(CrmContactsUpsertFields contact) {
		return upsert(new CrmContactsUpsertInput().contact(contact));
	}

	public CrmContactsUpsertOutput upsert(CrmContactsUpsertInput input) {
		return Calls.await(upsertAsync(input));
	}

	public CompletableFuture<CrmContactsUpsertOutput> upsertAsync(CrmContactsUpsertInput input) {
		return this.calls.tool("crm_contacts_upsert", () -> this.api.crmContactsUpsert(input));
	}

}
