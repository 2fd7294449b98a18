package cl.smartercl.mcp.core.tools.crm;

import java.util.List;

import cl.smartercl.mcp.core.auth.Scope;
import cl.smartercl.mcp.core.tool.Backend;
import cl.smartercl.mcp.core.tool.Category;
import cl.smartercl.mcp.core.tool.ToolDefinition;
import cl.smartercl.mcp.core.tool.ToolHints;

/** The five Odoo CRM tools. */
public final class CrmTools {

	private static final Backend BACKEND = Backend.ODOO;

	public static final ToolDefinition<CrmContactsList.Input, ContactsPage> CRM_CONTACTS_LIST = new ToolDefinition<>(
			"crm_contacts_list", Category.CRM,
			"List CRM contacts page by page, optionally filtered by country, type (contact, company or lead), tag, city, salesperson or a text in name, email or company.",
			Scope.READ_CRM, ToolHints.readsBackend(), BACKEND, CrmContactsList.Input.class, ContactsPage.class,
			(ctx, in) -> ctx.port(CrmPort.class).listContacts(in));

	public static final ToolDefinition<CrmContactsSearch.Input, ContactsPage> CRM_CONTACTS_SEARCH = new ToolDefinition<>(
			"crm_contacts_search", Category.CRM,
			"Find CRM contacts and leads by email (exact), or by a text in name, email or phone; each hit says whether it is a contact or a lead.",
			Scope.READ_CRM, ToolHints.readsBackend(), BACKEND, CrmContactsSearch.Input.class, ContactsPage.class,
			(ctx, in) -> ctx.port(CrmPort.class).searchContacts(in));

	public static final ToolDefinition<CrmOpportunitiesList.Input, CrmOpportunitiesList.Output> CRM_OPPORTUNITIES_LIST = new ToolDefinition<>(
			"crm_opportunities_list", Category.CRM,
			"List open sales opportunities page by page with stage, expected revenue, probability, salesperson and deadline, optionally of one stage.",
			Scope.READ_CRM, ToolHints.readsBackend(), BACKEND, CrmOpportunitiesList.Input.class,
			CrmOpportunitiesList.Output.class, (ctx, in) -> ctx.port(CrmPort.class).listOpportunities(in));

	public static final ToolDefinition<CrmPipelineStatus.Input, CrmPipelineStatus.Output> CRM_PIPELINE_STATUS = new ToolDefinition<>(
			"crm_pipeline_status", Category.CRM,
			"Summarise the sales pipeline: count and expected revenue per stage in pipeline order, won and lost totals, currency.",
			Scope.READ_CRM, ToolHints.readsBackend(), BACKEND, CrmPipelineStatus.Input.class,
			CrmPipelineStatus.Output.class, (ctx, in) -> ctx.port(CrmPort.class).pipelineStatus(in));

	public static final ToolDefinition<CrmContactsUpsert.Input, CrmContactsUpsert.Output> CRM_CONTACTS_UPSERT = new ToolDefinition<>(
			"crm_contacts_upsert", Category.CRM,
			"Create a CRM contact, or update it when an id is given or exactly one contact has the same email; says what it did and the id.",
			Scope.WRITE_CRM, new ToolHints(false, false, true, true), BACKEND, CrmContactsUpsert.Input.class,
			CrmContactsUpsert.Output.class, (ctx, in) -> ctx.port(CrmPort.class).upsertContact(in));

	private CrmTools() {
	}

	public static List<ToolDefinition<?, ?>> all() {
		return List.of(CRM_CONTACTS_LIST, CRM_CONTACTS_SEARCH, CRM_OPPORTUNITIES_LIST, CRM_PIPELINE_STATUS,
				CRM_CONTACTS_UPSERT);
	}

}
