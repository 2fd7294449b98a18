package cl.smartercl.mcp.server.ratelimit;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cl.smartercl.mcp.core.auth.Principal;
import cl.smartercl.mcp.core.auth.ScopeSet;
import cl.smartercl.mcp.core.tool.Catalog;
import cl.smartercl.mcp.server.ratelimit.RateLimitProperties.CategoryLimit;
import cl.smartercl.mcp.server.ratelimit.RateLimitProperties.General;
import cl.smartercl.mcp.server.ratelimit.RateLimitProperties.LimitSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Which limits a call gets: the documented defaults, the levels of overrides, and the
 * start-up checks.
 */
class RateLimitPolicyTests {

	private final Catalog catalog = Catalog.standard();

	private List<String> labels(RateLimitProperties properties, String tenant, String token, String tool) {
		return new RateLimitPolicy(properties, this.catalog)
			.rulesFor(new Principal(tenant, token, "agent", ScopeSet.all()), this.catalog.find(tool).orElseThrow())
			.stream()
			.map((rule) -> rule.category() + " " + rule.label())
			.toList();
	}

	private static RateLimitProperties properties(LimitSet defaults, Map<String, LimitSet> tenants,
			Map<String, LimitSet> tokens) {
		return new RateLimitProperties(null, null, null, defaults, tenants, tokens);
	}

	@Test
	void theDocumentedDefaults() {
		RateLimitProperties none = properties(null, null, null);
		List<String> general = List.of("general 100/min", "general 5000/hour", "general burst 20");
		assertThat(labels(none, "t", "k", "services_list"))
			.containsExactlyElementsOf(concat(general, "services 50/min"));
		assertThat(labels(none, "t", "k", "workflows_trigger"))
			.containsExactlyElementsOf(concat(general, "workflows 30/min"));
		assertThat(labels(none, "t", "k", "workflows_create"))
			.containsExactlyElementsOf(concat(general, "workflows 30/min"));
		// the workflows limit covers trigger and create only
		assertThat(labels(none, "t", "k", "workflows_list")).containsExactlyElementsOf(general);
		assertThat(labels(none, "t", "k", "workflows_status")).containsExactlyElementsOf(general);
		assertThat(labels(none, "t", "k", "analytics_kpis"))
			.containsExactlyElementsOf(concat(general, "analytics 20/min"));
		assertThat(labels(none, "t", "k", "crm_contacts_list"))
			.containsExactlyElementsOf(concat(general, "crm 100/min"));
		assertThat(labels(none, "t", "k", "support_metrics"))
			.containsExactlyElementsOf(concat(general, "support 100/min"));
		assertThat(labels(none, "t", "k", "bots_list")).containsExactlyElementsOf(concat(general, "bots 50/min"));
		assertThat(labels(none, "t", "k", "containers_list"))
			.containsExactlyElementsOf(concat(general, "infrastructure 20/min"));
		assertThat(labels(none, "t", "k", "docs_apis"))
			.containsExactlyElementsOf(concat(general, "documentation 50/min"));
		assertThat(labels(none, "t", "k", "generate_api_client"))
			.containsExactlyElementsOf(concat(concat(general, "codegen 10/min"), "codegen 100/hour"));
	}

	@Test
	void tokenOverTenantOverDefaultsEachReplacingOnlyWhatItNames() {
		RateLimitProperties properties = properties(new LimitSet(new General(200, null, null), null),
				Map.of("acme",
						new LimitSet(new General(null, null, 50),
								Map.of("workflows", new CategoryLimit(5, null, null)))),
				Map.of("tok-1", new LimitSet(new General(null, 0, null),
						Map.of("workflows", new CategoryLimit(null, 40, List.of("workflows_list"))))));
		assertThat(labels(properties, "other", "k", "workflows_trigger")).containsExactly("general 200/min",
				"general 5000/hour", "general burst 20", "workflows 30/min");
		assertThat(labels(properties, "acme", "k", "workflows_trigger")).containsExactly("general 200/min",
				"general 5000/hour", "general burst 50", "workflows 5/min");
		// the token switches the hourly limit off (0), and moves the workflows limit to
		// listing
		assertThat(labels(properties, "acme", "tok-1", "workflows_trigger")).containsExactly("general 200/min",
				"general burst 50");
		assertThat(labels(properties, "acme", "tok-1", "workflows_list")).containsExactly("general 200/min",
				"general burst 50", "workflows 5/min", "workflows 40/hour");
	}

	@Test
	void misconfigurationFailsTheStartNamingTheKey() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new RateLimitPolicy(properties(null,
					Map.of("acme", new LimitSet(null, Map.of("workflow", new CategoryLimit(1, null, null)))), null),
					this.catalog))
			.withMessageContaining("smartermcp.rate-limits.tenants.acme.categories.workflow")
			.withMessageContaining("no such category");
		assertThatIllegalStateException()
			.isThrownBy(
					() -> new RateLimitPolicy(
							properties(
									new LimitSet(null,
											Map.of("workflows",
													new CategoryLimit(1, null, List.of("crm_contacts_list")))),
									null, null),
							this.catalog))
			.withMessageContaining("'crm_contacts_list' is not a tool of category 'workflows'");
		assertThatIllegalStateException()
			.isThrownBy(() -> new RateLimitPolicy(
					properties(new LimitSet(new General(-1, null, null), null), null, null), this.catalog))
			.withMessageContaining("smartermcp.rate-limits.defaults.general.per-minute");
	}

	private static List<String> concat(List<String> list, String more) {
		return java.util.stream.Stream.concat(list.stream(), java.util.stream.Stream.of(more)).toList();
	}

}
