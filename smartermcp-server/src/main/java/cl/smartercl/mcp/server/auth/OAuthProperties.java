package cl.smartercl.mcp.server.auth;

import java.net.URI;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * OAuth 2.1 resource server settings under {@code smartermcp.oauth} (docs/oauth.md). Off unless an
 * issuer is set; static {@code smcp_} tokens work either way.
 *
 * @param issuer the authorization server whose JWT access tokens are accepted
 * ({@code SMARTERMCP_OAUTH_ISSUER}), e.g. {@code https://id.example.com/realms/smartermcp}; its keys come
 * from its discovery document's {@code jwks_uri}
 * @param resource this server's canonical resource URI ({@code SMARTERMCP_OAUTH_RESOURCE}), e.g.
 * {@code https://mcp.example.com/mcp}: the audience every accepted token must carry (RFC 8707) and the
 * {@code resource} of the protected resource metadata; required with an issuer
 * @param tenantClaim the claim naming the caller's tenant ({@code SMARTERMCP_OAUTH_TENANT_CLAIM},
 * default {@code tenant_id}); a token without it is refused, never given a default tenant
 * @param authorizationServers the authorization servers the metadata names
 * ({@code SMARTERMCP_OAUTH_AUTHORIZATION_SERVERS}); default: the issuer
 */
@ConfigurationProperties("smartermcp.oauth")
public record OAuthProperties(URI issuer, URI resource, String tenantClaim, List<URI> authorizationServers) {

	public OAuthProperties {
		tenantClaim = (tenantClaim == null || tenantClaim.isBlank()) ? "tenant_id" : tenantClaim.strip();
		if (issuer != null) {
			requireAbsolute("smartermcp.oauth.issuer (SMARTERMCP_OAUTH_ISSUER)", issuer);
			if (resource == null) {
				throw new IllegalArgumentException("smartermcp.oauth.resource (SMARTERMCP_OAUTH_RESOURCE) is required"
						+ " when an OAuth issuer is set: it is the audience tokens must carry, e.g. https://mcp.example.com/mcp");
			}
			requireAbsolute("smartermcp.oauth.resource (SMARTERMCP_OAUTH_RESOURCE)", resource);
			if (resource.getFragment() != null) {
				throw new IllegalArgumentException(
						"smartermcp.oauth.resource must not have a fragment (RFC 8707 §2), was " + resource);
			}
		}
		authorizationServers = (authorizationServers == null || authorizationServers.isEmpty())
				? ((issuer != null) ? List.of(issuer) : List.of()) : List.copyOf(authorizationServers);
	}

	/** Whether JWT access tokens are accepted (an issuer is set). */
	public boolean enabled() {
		return this.issuer != null;
	}

	/** The issuer as tokens carry it in {@code iss}: the configured text, byte for byte. */
	public String issuerText() {
		return this.issuer.toString();
	}

	/** The resource URI as the metadata states it and the audience is checked: byte for byte the same. */
	public String resourceText() {
		return this.resource.toString();
	}

	/**
	 * Where the protected resource metadata of {@link #resource} is (RFC 9728 §3.1): the well-known
	 * segment between the authority and the resource's path.
	 */
	public String metadataUrl() {
		String path = this.resource.getRawPath();
		String suffix = (path == null || path.isEmpty() || path.equals("/")) ? "" : path;
		return this.resource.getScheme() + "://" + this.resource.getRawAuthority() + ProtectedResourceMetadata.PATH
				+ suffix;
	}

	private static void requireAbsolute(String name, URI uri) {
		if (!uri.isAbsolute() || uri.getRawAuthority() == null
				|| !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
			throw new IllegalArgumentException(name + " must be an absolute http(s) URL, was '" + uri + "'");
		}
	}

}
