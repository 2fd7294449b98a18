package cl.smartercl.mcp.server.auth;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import cl.smartercl.mcp.core.auth.Scope;
import cl.smartercl.mcp.core.auth.ScopeSet;
import cl.smartercl.mcp.core.tool.Catalog;
import cl.smartercl.mcp.core.tool.ToolDefinition;
import cl.smartercl.mcp.server.support.ServerTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every tool against a token of every single scope, over REST and over MCP: a call passes
 * the scope check exactly when the token holds the tool's scope or its write. (Past the
 * check, a call fails for other reasons — no backend configured, missing arguments —
 * which is not a 403.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScopeMatrixIT extends ServerTestSupport {

	private final Map<Scope, String> tokens = new EnumMap<>(Scope.class);

	@BeforeAll
	void issueOneTokenPerScope() {
		for (Scope scope : Scope.values()) {
			this.tokens.put(scope, issueToken("matrix-" + scope.value().replace(':', '-'), scope.value()));
		}
	}

	@Test
	void restAllowsExactlyTheRightScopes() {
		List<String> mismatches = new ArrayList<>();
		for (ToolDefinition<?, ?> tool : Catalog.standard().tools()) {
			for (Scope scope : Scope.values()) {
				boolean expected = ScopeSet.of(scope).allows(tool.scope());
				Response response = post("/tools/" + tool.name(), this.tokens.get(scope), "{}");
				// past the scope check: a result, bad arguments (400) or no backend
				// configured (503); never 5xx else
				assertThat(response.status()).as("%s with %s", tool.name(), scope).isIn(200, 400, 403, 503);
				boolean allowed = response.status() != 403;
				if (allowed != expected) {
					mismatches.add(tool.name() + " with " + scope + ": " + response.status());
				}
				if (!allowed) {
					assertThat(response.json().path("required_scope").asString()).isEqualTo(tool.scope().value());
				}
			}
		}
		assertThat(mismatches).isEmpty();
	}

	@Test
	void mcpAllowsExactlyTheRightScopes() {
		List<String> mismatches = new ArrayList<>();
		for (Scope scope : Scope.values()) {
			try (McpSyncClient client = mcpClient(this.tokens.get(scope))) {
				List<String> listed = client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
				for (ToolDefinition<?, ?> tool : Catalog.standard().tools()) {
					boolean expected = ScopeSet.of(scope).allows(tool.scope());
					// listed when the scope allows it and this tenant (no backends) can
					// serve it; called either way
					assertThat(listed.contains(tool.name())).as("%s listed for %s", tool.name(), scope)
						.isEqualTo(expected && tool.requiredBackend().isEmpty());
					McpSchema.CallToolResult result = client
						.callTool(new McpSchema.CallToolRequest(tool.name(), Map.of()));
					@SuppressWarnings("unchecked")
					Map<String, Object> error = (result.structuredContent() instanceof Map<?, ?> content)
							? (Map<String, Object>) content.get("error") : null;
					boolean allowed = error == null || !"forbidden".equals(error.get("code"));
					if (allowed != expected) {
						mismatches.add(tool.name() + " with " + scope);
					}
				}
			}
		}
		assertThat(mismatches).isEmpty();
	}

}
