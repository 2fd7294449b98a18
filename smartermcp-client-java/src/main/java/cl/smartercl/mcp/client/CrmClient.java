package cl.smartercl.mcp.client;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import cl.smartercl.mcp.client.generated.ApiClient;
import cl.smartercl.mcp.client.generated.api.CrmApi;
import cl.smartercl.mcp.client.model.CrmOpportunitiesListInput;
import cl.smartercl.mcp.client.model.CrmOpportunitiesListOutput;
import cl.smartercl.mcp.client.model.CrmPipelineStatusOutput;

/**
 * The Odoo tools: {@link #contacts()} for {@code crm_contacts_*}, and
 * {@code crm_opportunities_list}, {@code crm_pipeline_status}.
 */
public final class CrmClient {

	private final CrmApi api;

	private final Calls calls;

	private final CrmContactsClient contacts;

	CrmClient(ApiClient client, Calls calls) {
		this.api = new CrmApi(client);
		this.calls = calls;
		this.contacts = new CrmContactsClient(this.api, calls);
	}

	/**
	 * {@code crm_contacts_list}, {@code crm_contacts_search},
	 * {@code crm_contacts_upsert}.
	 */
	public CrmContactsClient contacts() {
		return this.contacts;
	}

	/** The first page (50) of the open opportunities of every stage. */
	public CrmOpportunitiesListOutput opportunities() {
		return opportunities(new CrmOpportunitiesListInput());
	}

	/** The first page (50) of the open opportunities in one stage, by its name. */
	public CrmOpportunitiesListOutput opportunities(String stage) {
		return opportunities(new CrmOpportunitiesListInput().stage(stage));
	}

	/** The page after {@code previous}; call while {@code getNextCursor()} is set. */
	public CrmOpportunitiesListOutput opportunities(String stage, int limit, CrmOpportunitiesListOutput previous) {
		return opportunities(
				new CrmOpportunitiesListInput().stage(stage).limit(limit).cursor(previous.getNextCursor()));
	}

	public CrmOpportunitiesListOutput opportunities(CrmOpportunitiesListInput input) {
		return Calls.await(opportunitiesAsync(input));
	}

	public CompletableFuture<CrmOpportunitiesListOutput> opportunitiesAsync(CrmOpportunitiesListInput input) {
		return this.calls.tool("crm_opportunities_list",
				() -> this.api.crmOpportunitiesList(input, Calls.NO_LOG_LEVEL));
	}

	/**
	 * Count and expected revenue per pipeline stage, won and lost totals, and the
	 * currency.
	 */
	public CrmPipelineStatusOutput pipeline() {
		return Calls.await(pipelineAsync());
	}

	public CompletableFuture<CrmPipelineStatusOutput> pipelineAsync() {
		return this.calls.tool("crm_pipeline_status", () -> this.api.crmPipelineStatus(Map.of(), Calls.NO_LOG_LEVEL));
	}

}
