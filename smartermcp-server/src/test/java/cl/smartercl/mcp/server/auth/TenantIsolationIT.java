package cl.smartercl.mcp.server.auth;

import java.util.List;

import org.junit.jupiter.api.Test;

import cl.smartercl.mcp.server.support.ServerTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** A token of one tenant can neither name nor reach another tenant. */
class TenantIsolationIT extends ServerTestSupport {

	@Test
	void aTenantCannotNameOrReachAnother() {
		createTenant("alpha");
		createTenant("beta");
		String alphaAdmin = issueToken(ADMIN_TOKEN, "alpha", "alpha-admin", List.of("admin:tenants", "write:services"));
		// a token grants only scopes it holds: beta's admin holds the read it hands to
		// its user
		String betaAdmin = issueToken(ADMIN_TOKEN, "beta", "beta-admin", List.of("admin:tenants", "read:services"));
		String betaUser = issueToken(betaAdmin, null, "beta-user", List.of("read:services"));

		// naming the other tenant in the header
		Response named = send(request("/tools", alphaAdmin).header("X-Tenant-ID", "beta").GET().build());
		assertThat(named.status()).isEqualTo(403);
		assertThat(named.json().path("detail").asString()).isEqualTo("Tenant 'beta' not found or access denied");
		// an unknown tenant reads the same
		Response unknown = send(request("/tools", alphaAdmin).header("X-Tenant-ID", "nobody").GET().build());
		assertThat(unknown.json().path("detail").asString()).isEqualTo("Tenant 'nobody' not found or access denied");

		// issuing, listing or revoking the other tenant's tokens
		Response issue = post("/auth/token", alphaAdmin,
				"{\"name\":\"x\",\"scopes\":[\"read:services\"],\"tenant_id\":\"beta\"}");
		assertThat(issue.status()).isEqualTo(403);
		assertThat(issue.json().path("detail").asString()).isEqualTo("Tenant 'beta' not found or access denied");
		assertThat(get("/auth/tokens?tenant_id=beta", alphaAdmin).status()).isEqualTo(403);
		String betaUserId = get("/auth/tokens", betaAdmin).json()
			.path("tokens")
			.valueStream()
			.filter((t) -> t.path("name").asString().equals("beta-user"))
			.findFirst()
			.orElseThrow()
			.path("id")
			.asString();
		assertThat(delete("/auth/tokens/" + betaUserId, alphaAdmin).status()).isIn(403, 404);
		assertThat(delete("/auth/tokens/" + betaUserId + "?tenant_id=beta", alphaAdmin).status()).isEqualTo(403);
		assertThat(get("/tools", betaUser).status()).isEqualTo(200);

		// its own listing shows only its own tokens; tenant listing only itself
		assertThat(get("/auth/tokens", alphaAdmin).json().path("tokens"))
			.allSatisfy((t) -> assertThat(t.path("tenant_id").asString()).isEqualTo("alpha"));
		assertThat(get("/tenants", alphaAdmin).json().path("tenants")).extracting((t) -> t.path("id").asString())
			.containsExactly("alpha");
		assertThat(post("/tenants", alphaAdmin, "{\"id\":\"gamma\"}").status()).isEqualTo(403);

		// tool calls run as the token's tenant, whatever the arguments say
		Response call = post("/tools/services_list", betaUser, "{\"tenant_id\":\"alpha\"}");
		assertThat(call.status()).isEqualTo(400);
		assertThat(call.json().path("detail").asString()).contains("unknown argument 'tenant_id'");
	}

}
