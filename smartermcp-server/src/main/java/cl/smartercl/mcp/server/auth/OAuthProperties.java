package cl.smartercl.mcp.server.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import cl.smartercl.mcp.core.auth.Scope;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * OAuth 2.1 resource server settings under {@code smartermcp.oauth} (docs/oauth.md). Off
 * unless an issuer is set; static {@code smcp_} tokens work either way.
 *
 * @param issuer the authorization server whose JWT access tokens are accepted
 * ({@code SMARTERMCP_OAUTH_ISSUER}), e.g.
 * {@code https://id.example.com/realms/smartermcp}; its keys come from its discovery
 * document's {@code jwks_uri}
 * @param resource this server's canonical resource URI
 * ({@code SMARTERMCP_OAUTH_RESOURCE}), e.g. {@code https://mcp.example.com/mcp}: the
 * audience every accepted token must carry (RFC 8707) and the {@code resource} of the
 * protected resource metadata; required with an issuer
 * @param tenantClaim the claim naming the caller's tenant
 * ({@code SMARTERMCP_OAUTH_TENANT_CLAIM}, default {@code tenant_id}); a token without it
 * is refused, never given a default tenant
 * @param authorizationServers the authorization servers the metadata names
 * ({@code SMARTERMCP_OAUTH_AUTHORIZATION_SERVERS}); default: the issuer
 * @param initialScopes the scopes a 401 names ({@code SMARTERMCP_OAUTH_INITIAL_SCOPES},
 * space or comma separated; default every {@code read:*} scope): what an MCP client asks
 * for on its first login; a call that needs more gets 403 {@code insufficient_scope} and
 * the client steps up
 * @param introspectionUri the authorization server's RFC 7662 token introspection
 * endpoint ({@code SMARTERMCP_OAUTH_INTROSPECTION_URI}); when set, every access token
 * that is not a static token is introspected there instead of validated locally (opaque
 * tokens, and revocation seen at once)
 * @param introspectionClientId the client this server introspects as
 * ({@code SMARTERMCP_OAUTH_INTROSPECTION_CLIENT_ID})
 * @param introspectionClientSecret its secret
 * ({@code SMARTERMCP_OAUTH_INTROSPECTION_CLIENT_SECRET}), or
 * @param introspectionClientSecretFile a file holding it
 * ({@code SMARTERMCP_OAUTH_INTROSPECTION_CLIENT_SECRET_FILE})
 */
@ConfigurationProperties("smartermcp.oauth")
public record OAuthProperties(URI issuer, URI resource, String tenantClaim, List<URI> authorizationServers,
		List<String> initialScopes, URI introspectionUri, String introspectionClientId,
		String introspectionClientSecret, Path introspectionClientSecretFile) {

	/** Only the settings every deployment needs (the others take their defaults). */
	public OAuthProperties(URI issuer, URI resource, String tenantClaim, List<URI> authorizationServers) {
		this(issuer, resource, tenantClaim, authorizationServers, null, null, null, null, null);
	}

	@ConstructorBinding
	public OAuthProperties {
		tenantClaim = (tenantClaim == null || tenantClaim.isBlank()) ? "tenant_id" : tenantClaim.strip();
		initialScopes = initialScopes(initialScopes);
		if (introspectionUri != null) {
			if (issuer == null) {
				throw new IllegalArgumentException(
						"smartermcp.oauth.introspection-uri (SMARTERMCP_OAUTH_INTROSPECTION_URI)"
								+ " needs smartermcp.oauth.issuer (SMARTERMCP_OAUTH_ISSUER): the issuer introspected tokens must name");
			}
			requireAbsolute("smartermcp.oauth.introspection-uri (SMARTERMCP_OAUTH_INTROSPECTION_URI)",
					introspectionUri);
			if (introspectionClientId == null || introspectionClientId.isBlank()) {
				throw new IllegalArgumentException("smartermcp.oauth.introspection-client-id"
						+ " (SMARTERMCP_OAUTH_INTROSPECTION_CLIENT_ID) is required with an introspection URI");
			}
			boolean inline = introspectionClientSecret != null && !introspectionClientSecret.isBlank();
			if (inline == (introspectionClientSecretFile != null)) {
				throw new IllegalArgumentException(
						"give exactly one of SMARTERMCP_OAUTH_INTROSPECTION_CLIENT_SECRET and"
								+ " SMARTERMCP_OAUTH_INTROSPECTION_CLIENT_SECRET_FILE with an introspection URI");
			}
		}
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

	/**
	 * Whether access tokens are introspected (RFC 7662) rather than validated locally as
	 * JWTs.
	 */
	public boolean introspection() {
		return this.introspectionUri != null;
	}

	/**
	 * The introspection client's secret, read from its file when one is named (never
	 * logged).
	 */
	String introspectionSecret() {
		if (this.introspectionClientSecretFile == null) {
			return this.introspectionClientSecret;
		}
		try {
			String secret = Files.readString(this.introspectionClientSecretFile, StandardCharsets.UTF_8).strip();
			if (secret.isEmpty()) {
				throw new IllegalArgumentException("SMARTERMCP_OAUTH_INTROSPECTION_CLIENT_SECRET_FILE "
						+ this.introspectionClientSecretFile + " is empty");
			}
			return secret;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read SMARTERMCP_OAUTH_INTROSPECTION_CLIENT_SECRET_FILE "
					+ this.introspectionClientSecretFile + ": " + ex.getMessage(), ex);
		}
	}

	/** The settings without the introspection secret (a record would print it). */
	@Override
	public String toString() {
		return "OAuthProperties[issuer=" + this.issuer + ", resource=" + this.resource + ", tenantClaim="
				+ this.tenantClaim + ", authorizationServers=" + this.authorizationServers + ", initialScopes="
				+ this.initialScopes + ", introspectionUri=" + this.introspectionUri + ", introspectionClientId="
				+ this.introspectionClientId + ", introspectionClientSecret="
				+ ((this.introspectionClientSecret != null) ? "(set)" : "null") + ", introspectionClientSecretFile="
				+ this.introspectionClientSecretFile + "]";
	}

	/** The {@code scope} value of a 401: the initial scopes, space separated. */
	public String initialScope() {
		return String.join(" ", this.initialScopes);
	}

	/** Whether JWT access tokens are accepted (an issuer is set). */
	public boolean enabled() {
		return this.issuer != null;
	}

	/**
	 * The issuer as tokens carry it in {@code iss}: the configured text, byte for byte.
	 */
	public String issuerText() {
		return this.issuer.toString();
	}

	/**
	 * The resource URI as the metadata states it and the audience is checked: byte for
	 * byte the same.
	 */
	public String resourceText() {
		return this.resource.toString();
	}

	/**
	 * Where the protected resource metadata of {@link #resource} is (RFC 9728 §3.1): the
	 * well-known segment between the authority and the resource's path.
	 */
	public String metadataUrl() {
		String path = this.resource.getRawPath();
		String suffix = (path == null || path.isEmpty() || path.equals("/")) ? "" : path;
		return this.resource.getScheme() + "://" + this.resource.getRawAuthority() + ProtectedResourceMetadata.PATH
				+ suffix;
	}

	private static List<String> initialScopes(List<String> given) {
		if (given == null || given.isEmpty()) {
			return Arrays.stream(Scope.values()).map(Scope::value).filter((name) -> name.startsWith("read:")).toList();
		}
		List<String> names = given.stream()
			.flatMap((item) -> Arrays.stream(item.split("[\\s,]+")))
			.filter((name) -> !name.isEmpty())
			.distinct()
			.toList();
		for (String name : names) {
			if (Scope.fromValue(name).isEmpty()) {
				throw new IllegalArgumentException(
						"smartermcp.oauth.initial-scopes (SMARTERMCP_OAUTH_INITIAL_SCOPES): '" + name
								+ "' is not a SmarterMCP scope");
			}
		}
		return names;
	}

	private static void requireAbsolute(String name, URI uri) {
		if (!uri.isAbsolute() || uri.getRawAuthority() == null
				|| !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
			throw new IllegalArgumentException(name + " must be an absolute http(s) URL, was '" + uri + "'");
		}
	}

}
