package cl.smartercl.mcp.client;

import java.util.concurrent.CompletableFuture;

import cl.smartercl.mcp.client.generated.ApiClient;
import cl.smartercl.mcp.client.generated.api.AuthApi;
import cl.smartercl.mcp.client.generated.api.TenantsApi;
import cl.smartercl.mcp.client.model.CreateTenantRequest;
import cl.smartercl.mcp.client.model.IssueTokenRequest;
import cl.smartercl.mcp.client.model.IssuedToken;
import cl.smartercl.mcp.client.model.Tenant;
import cl.smartercl.mcp.client.model.TenantList;
import cl.smartercl.mcp.client.model.TokenList;

/**
 * Token and tenant administration; every call needs a token with {@code admin:tenants}.
 */
public final class AdminClient {

	private final AuthApi auth;

	private final TenantsApi tenants;

	private final Calls calls;

	AdminClient(ApiClient client, Calls calls) {
		this.auth = new AuthApi(client);
		this.tenants = new TenantsApi(client);
		this.calls = calls;
	}

	/** Issues a token; its {@code api_token} is shown only in this answer. */
	public IssuedToken issueToken(IssueTokenRequest request) {
		return Calls.await(issueTokenAsync(request));
	}

	public CompletableFuture<IssuedToken> issueTokenAsync(IssueTokenRequest request) {
		return this.calls.endpoint("issueToken", false, () -> this.auth.issueToken(request));
	}

	public TokenList tokens() {
		return Calls.await(tokensAsync());
	}

	public CompletableFuture<TokenList> tokensAsync() {
		return this.calls.endpoint("listTokens", true, this.auth::listTokens);
	}

	public void revokeToken(String id) {
		Calls.await(revokeTokenAsync(id));
	}

	public CompletableFuture<Void> revokeTokenAsync(String id) {
		return this.calls.endpoint("revokeToken", false, () -> this.auth.revokeToken(id));
	}

	public Tenant createTenant(String id, String name) {
		return Calls.await(createTenantAsync(id, name));
	}

	public CompletableFuture<Tenant> createTenantAsync(String id, String name) {
		CreateTenantRequest request = new CreateTenantRequest().id(id).name(name);
		return this.calls.endpoint("createTenant", false, () -> this.tenants.createTenant(request));
	}

	public TenantList tenants() {
		return Calls.await(tenantsAsync());
	}

	public CompletableFuture<TenantList> tenantsAsync() {
		return this.calls.endpoint("listTenants", true, this.tenants::listTenants);
	}

}
