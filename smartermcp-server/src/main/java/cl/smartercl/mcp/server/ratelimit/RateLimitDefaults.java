package cl.smartercl.mcp.server.ratelimit;

import java.util.List;
import java.util.Map;

import cl.smartercl.mcp.server.ratelimit.RateLimitProperties.CategoryLimit;
import cl.smartercl.mcp.server.ratelimit.RateLimitProperties.General;
import cl.smartercl.mcp.server.ratelimit.RateLimitProperties.LimitSet;

/**
 * The documented limits (DESIGN.md, "Limits"), the base every configured level overrides.
 */
final class RateLimitDefaults {

	static final LimitSet DOCUMENTED = new LimitSet(new General(100, 5_000, 20),
			Map.of("services", new CategoryLimit(50, null, null),
					// the workflows limit protects n8n from runs, not reads: it counts
					// trigger and create only
					"workflows", new CategoryLimit(30, null, List.of("workflows_trigger", "workflows_create")),
					"analytics", new CategoryLimit(20, null, null), "crm", new CategoryLimit(100, null, null),
					"support", new CategoryLimit(100, null, null), "bots", new CategoryLimit(50, null, null),
					"infrastructure", new CategoryLimit(20, null, null), "documentation",
					new CategoryLimit(50, null, null), "codegen", new CategoryLimit(10, 100, null)));

	private RateLimitDefaults() {
	}

}
