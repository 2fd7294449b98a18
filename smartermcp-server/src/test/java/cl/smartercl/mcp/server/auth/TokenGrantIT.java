package cl.smartercl.mcp.server.auth;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import cl.smartercl.mcp.core.auth.AgentProfile;
import cl.smartercl.mcp.core.auth.Scope;
import cl.smartercl.mcp.core.auth.ScopeSet;
import cl.smartercl.mcp.core.schema.ToolJson;
import cl.smartercl.mcp.server.support.ServerTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15 #2: a token may grant only scopes it holds itself. Every issuer
 * ({@code admin:tenants} alone, and {@code admin:tenants} with each other scope) against
 * every request (each single scope, each profile, every scope at once): 201 exactly when
 * the issuer holds all of them, else 403 naming one it lacks.
 */
class TokenGrantIT extends ServerTestSupport {

	@Test
	void aTokenGrantsOnlyScopesItHolds() {
		List<Set<Scope>> issuers = new ArrayList<>();
		issuers.add(EnumSet.of(Scope.ADMIN_TENANTS));
		for (Scope scope : Scope.values()) {
			if (scope != Scope.ADMIN_TENANTS) {
				issuers.add(EnumSet.of(Scope.ADMIN_TENANTS, scope));
			}
		}
		Map<String, ScopeSet> requests = new LinkedHashMap<>();
		for (Scope scope : Scope.values()) {
			requests.put("{\"scopes\":[\"" + scope.value() + "\"]", ScopeSet.of(scope));
		}
		for (AgentProfile profile : AgentProfile.values()) {
			requests.put("{\"profile\":\"" + profile.value() + "\"", profile.scopes());
		}
		requests.put("{\"scopes\":" + ToolJson.mapper().writeValueAsString(ScopeSet.all().grantedValues()),
				ScopeSet.all());

		List<String> mismatches = new ArrayList<>();
		int n = 0;
		for (Set<Scope> held : issuers) {
			List<String> names = held.stream().map(Scope::value).toList();
			String issuer = issueToken("issuer-" + String.join("-", names).replace(':', '_'),
					names.toArray(String[]::new));
			ScopeSet heldSet = ScopeSet.of(held);
			for (Map.Entry<String, ScopeSet> request : requests.entrySet()) {
				boolean expected = request.getValue().granted().stream().allMatch(heldSet::allows);
				Response response = post("/auth/token", issuer,
						request.getKey() + ",\"name\":\"minted-" + (n++) + "\"}");
				int want = expected ? 201 : 403;
				if (response.status() != want) {
					mismatches.add(
							names + " granting " + request.getKey() + ": " + response.status() + " " + response.body());
				}
				else if (!expected) {
					String missing = response.json().path("required_scope").asString();
					assertThat(heldSet.allows(Scope.fromValue(missing).orElseThrow())).as(response.body()).isFalse();
					assertThat(response.json().path("detail").asString()).contains("grant only scopes it holds");
				}
			}
		}
		assertThat(mismatches).isEmpty();
	}

	@Test
	void adminTenantsAloneGrantsNothingElse() {
		String admin = issueToken("tenant-admin-only", "admin:tenants");
		Response escalation = post("/auth/token", admin,
				"{\"name\":\"escalated\",\"scopes\":[\"write:services\",\"write:workflows\"]}");
		assertThat(escalation.status()).isEqualTo(403);
		assertThat(post("/auth/token", admin, "{\"name\":\"peer\",\"scopes\":[\"admin:tenants\"]}").status())
			.isEqualTo(201);
	}

}
