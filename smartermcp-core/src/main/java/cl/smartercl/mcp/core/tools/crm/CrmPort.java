package cl.smartercl.mcp.core.tools.crm;

import reactor.core.publisher.Mono;

/** What the CRM tools need from a tenant's CRM (Odoo). */
public interface CrmPort {

	Mono<ContactsPage> listContacts(CrmContactsList.Input input);

	Mono<ContactsPage> searchContacts(CrmContactsSearch.Input input);

	Mono<CrmOpportunitiesList.Output> listOpportunities(CrmOpportunitiesList.Input input);

	Mono<CrmPipelineStatus.Output> pipelineStatus(CrmPipelineStatus.Input input);

	Mono<CrmContactsUpsert.Output> upsertContact(CrmContactsUpsert.Input input);

}
