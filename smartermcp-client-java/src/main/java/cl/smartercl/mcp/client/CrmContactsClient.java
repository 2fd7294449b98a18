package cl.smartercl.mcp.client;

import java.util.concurrent.CompletableFuture;

import cl.smartercl.mcp.client.generated.api.CrmApi;
import cl.smartercl.mcp.client.model.ContactFilter;
import cl.smartercl.mcp.client.model.ContactsPage;
import cl.smartercl.mcp.client.model.CrmContactsListInput;
import cl.smartercl.mcp.client.model.CrmContactsSearchInput;
import cl.smartercl.mcp.client.model.CrmContactsUpsertFields;
import cl.smartercl.mcp.client.model.CrmContactsUpsertInput;
import cl.smartercl.mcp.client.model.CrmContactsUpsertOutput;

/**
 * {@code crm_contacts_list}, {@code crm_contacts_search}, {@code crm_contacts_upsert}.
 */
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

	/**
	 * One page of the contacts matching {@code filter}, e.g.
	 * {@code new ContactFilter().country("CL")}.
	 */
	public ContactsPage list(ContactFilter filter, int limit) {
		return list(new CrmContactsListInput().filter(filter).limit(limit));
	}

	/**
	 * The page after {@code previous}, with the same filter and limit; call while
	 * {@code getNextCursor()} is set.
	 */
	public ContactsPage next(ContactFilter filter, int limit, ContactsPage previous) {
		return list(new CrmContactsListInput().filter(filter).limit(limit).cursor(previous.getNextCursor()));
	}

	public ContactsPage list(CrmContactsListInput input) {
		return Calls.await(listAsync(input));
	}

	public CompletableFuture<ContactsPage> listAsync(CrmContactsListInput input) {
		return this.calls.tool("crm_contacts_list", () -> this.api.crmContactsList(input, Calls.NO_LOG_LEVEL));
	}

	/**
	 * Contacts and leads with this email (any case), or whose name, email or phone
	 * contains {@code query}; each hit's {@code kind} says contact or lead.
	 */
	public ContactsPage search(String query) {
		return Calls.await(searchAsync(query));
	}

	public CompletableFuture<ContactsPage> searchAsync(String query) {
		CrmContactsSearchInput input = new CrmContactsSearchInput().query(query);
		return this.calls.tool("crm_contacts_search", () -> this.api.crmContactsSearch(input, Calls.NO_LOG_LEVEL));
	}

	/**
	 * Updates the one contact with the same email, or creates it; {@code getAction()}
	 * says which and {@code getId()} the contact. Several contacts with that email are
	 * refused, naming them.
	 */
	public CrmContactsUpsertOutput upsert(CrmContactsUpsertFields contact) {
		return upsert(new CrmContactsUpsertInput().contact(contact));
	}

	/** Updates contact {@code id}. */
	public CrmContactsUpsertOutput update(long id, CrmContactsUpsertFields contact) {
		return upsert(new CrmContactsUpsertInput().contact(contact).id(id));
	}

	public CrmContactsUpsertOutput upsert(CrmContactsUpsertInput input) {
		return Calls.await(upsertAsync(input));
	}

	public CompletableFuture<CrmContactsUpsertOutput> upsertAsync(CrmContactsUpsertInput input) {
		return this.calls.tool("crm_contacts_upsert", () -> this.api.crmContactsUpsert(input, Calls.NO_LOG_LEVEL));
	}

}
