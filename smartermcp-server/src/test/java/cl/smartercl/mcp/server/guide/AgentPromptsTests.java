package cl.smartercl.mcp.server.guide;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cl.smartercl.mcp.core.auth.Principal;
import cl.smartercl.mcp.core.auth.Scope;
import cl.smartercl.mcp.core.auth.ScopeSet;
import cl.smartercl.mcp.core.error.InvalidArgumentsException;
import cl.smartercl.mcp.core.tool.Catalog;
import cl.smartercl.mcp.core.tool.ToolDefinition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgentPromptsTests {

	private static final Catalog CATALOG = Catalog.standard();

	/**
	 * Visibility by scope only, as the dispatcher decides it for a tenant that configures
	 * every backend.
	 */
	private final AgentPrompts prompts = new AgentPrompts(CATALOG,
			(principal, tool) -> principal.scopes().allows(CATALOG.find(tool).orElseThrow().scope()));

	@Test
	void everyPromptNamesOnlyCatalogToolsAndItsTextListsEachWithItsScope() {
		assertThat(AgentPrompts.PROMPTS).extracting(AgentPrompts.Prompt::name)
			.containsExactly("check_and_restart_service", "analyse_business_performance", "create_backup_workflow");
		Principal all = new Principal("acme", "t", "agent", ScopeSet.all());
		for (AgentPrompts.Prompt prompt : AgentPrompts.PROMPTS) {
			Map<String, String> arguments = Map.of();
			if (prompt.name().equals("check_and_restart_service")) {
				arguments = Map.of("service_id", "n8n");
			}
			if (prompt.name().equals("create_backup_workflow")) {
				arguments = Map.of("database", "smarteros");
			}
			String text = this.prompts.render(prompt, arguments, all).text();
			for (String name : prompt.tools()) {
				ToolDefinition<?, ?> tool = CATALOG.find(name).orElseThrow();
				assertThat(text).contains("- " + name + " (" + tool.scope().value() + ")");
			}
			assertThat(text).doesNotContain("cannot use");
		}
	}

	@Test
	void argumentsFillTheTextAndDefaultsApply() {
		String text = this.prompts
			.render(AgentPrompts.find("check_and_restart_service").orElseThrow(), Map.of("service_id", "chatwoot"),
					null)
			.text();
		assertThat(text).contains("call services_restart with service_id \"chatwoot\"")
			.contains("Wait about 30 seconds");
		String backup = this.prompts
			.render(AgentPrompts.find("create_backup_workflow").orElseThrow(), Map.of("database", "smarteros"), null)
			.text();
		assertThat(backup).contains("\"Backup smarteros database daily at 2am\"")
			.contains("[\"postgresql\", \"aws-s3\"]");
	}

	@Test
	void aMissingRequiredOrAnUnknownArgumentIsNamed() {
		AgentPrompts.Prompt prompt = AgentPrompts.find("create_backup_workflow").orElseThrow();
		assertThatThrownBy(() -> this.prompts.render(prompt, Map.of(), null)).isInstanceOfSatisfying(
				InvalidArgumentsException.class, (ex) -> assertThat(ex.getMessage()).contains("database"));
		assertThatThrownBy(() -> this.prompts.render(prompt, Map.of("database", "x", "colour", "red"), null))
			.isInstanceOf(InvalidArgumentsException.class)
			.hasMessageContaining("colour")
			.hasMessageContaining("expected database, schedule, destination");
	}

	@Test
	void aCallerThatCannotUseSomeToolsIsToldWhich() {
		Principal reader = new Principal("acme", "t", "reader", ScopeSet.of(Scope.READ_SERVICES));
		String text = this.prompts
			.render(AgentPrompts.find("check_and_restart_service").orElseThrow(), Map.of("service_id", "n8n"), reader)
			.text();
		assertThat(text).contains("This token or its tenant cannot use services_restart ");
		String analysis = this.prompts
			.render(AgentPrompts.find("analyse_business_performance").orElseThrow(), null, reader)
			.text();
		assertThat(analysis).contains("cannot use " + String.join(", ",
				List.of("analytics_kpis", "crm_pipeline_status", "support_metrics", "bots_list", "bots_analytics")));
	}

}
