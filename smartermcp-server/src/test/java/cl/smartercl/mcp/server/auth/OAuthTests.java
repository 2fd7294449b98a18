package cl.smartercl.mcp.server.auth;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

import cl.smartercl.mcp.core.auth.Principal;
import cl.smartercl.mcp.core.auth.Scope;
import cl.smartercl.mcp.core.auth.ScopeSet;
import cl.smartercl.mcp.core.error.ForbiddenException;
import cl.smartercl.mcp.core.error.UnauthorizedException;
import cl.smartercl.mcp.server.web.BearerChallenge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The OAuth pieces that need no authorization server: settings, challenges, token
 * routing, validators.
 */
class OAuthTests {

	private static final String ISSUER = "https://id.example.com/realms/smartermcp";

	private static final String RESOURCE = "https://mcp.example.com/mcp";

	private static final OAuthProperties ON = new OAuthProperties(URI.create(ISSUER), URI.create(RESOURCE), null, null);

	@Test
	void settingsNeedAResourceWithAnIssuerAndPlaceTheMetadataBeforeItsPath() {
		assertThatIllegalArgumentException().isThrownBy(() -> new OAuthProperties(URI.create(ISSUER), null, null, null))
			.withMessageContaining("SMARTERMCP_OAUTH_RESOURCE");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new OAuthProperties(URI.create("id.example.com"), URI.create(RESOURCE), null, null))
			.withMessageContaining("SMARTERMCP_OAUTH_ISSUER");
		assertThat(ON.metadataUrl()).isEqualTo("https://mcp.example.com/.well-known/oauth-protected-resource/mcp");
		assertThat(new OAuthProperties(URI.create(ISSUER), URI.create("https://mcp.example.com:8443"), null, null)
			.metadataUrl()).isEqualTo("https://mcp.example.com:8443/.well-known/oauth-protected-resource");
		assertThat(ON.tenantClaim()).isEqualTo("tenant_id");
		assertThat(ON.authorizationServers()).containsExactly(URI.create(ISSUER));
		assertThat(new OAuthProperties(null, null, null, null).enabled()).isFalse();
	}

	@Test
	void challengesFollowRfc6750() {
		assertThat(BearerChallenge.of(UnauthorizedException.missing("send a token")))
			.isEqualTo("Bearer realm=\"smartermcp\"");
		assertThat(BearerChallenge.of(new UnauthorizedException("a \"quoted\" \\ reason"))).isEqualTo(
				"Bearer realm=\"smartermcp\", error=\"invalid_token\", error_description=\"a 'quoted' ' reason\"");
		assertThat(BearerChallenge.of(new ForbiddenException(Scope.READ_CRM, "tool 'crm_contacts_list'")))
			.startsWith("Bearer realm=\"smartermcp\", error=\"insufficient_scope\", scope=\"read:crm\"");
	}

	@Test
	void oauthChallengesNameTheInitialScopesOrTheHeldAndLackingOnesAndTheMetadata() {
		String metadata = ON.metadataUrl();
		assertThat(ON.initialScope())
			.isEqualTo("read:services read:workflows read:analytics read:crm read:support read:bots");
		assertThat(BearerChallenge.withOAuthParameters(BearerChallenge.of(UnauthorizedException.missing("send one")),
				metadata, "read:services", null))
			.isEqualTo("Bearer realm=\"smartermcp\", scope=\"read:services\", resource_metadata=\"" + metadata + "\"");
		String forbidden = BearerChallenge.of(new ForbiddenException(Scope.READ_CRM, "tool 'crm_contacts_list'"));
		// an OAuth token: what it holds beside what it lacks, for a client that replaces
		// its token
		assertThat(BearerChallenge.withOAuthParameters(forbidden, metadata, "read:services",
				List.of("read:services", "read:bots")))
			.contains("error=\"insufficient_scope\", scope=\"read:services read:bots read:crm\"")
			.endsWith("resource_metadata=\"" + metadata + "\"");
		// a static token cannot step up: only the scope it lacks
		assertThat(BearerChallenge.withOAuthParameters(forbidden, metadata, "read:services", null))
			.contains("scope=\"read:crm\"")
			.doesNotContain("read:services");
	}

	@Test
	void initialScopesMustBeOursAndIntrospectionNeedsItsClient() {
		assertThat(new OAuthProperties(URI.create(ISSUER), URI.create(RESOURCE), null, null,
				List.of("read:services, read:crm"), null, null, null, null)
			.initialScope()).isEqualTo("read:services read:crm");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new OAuthProperties(URI.create(ISSUER), URI.create(RESOURCE), null, null,
					List.of("read:everything"), null, null, null, null))
			.withMessageContaining("'read:everything' is not a SmarterMCP scope");
		URI introspect = URI.create(ISSUER + "/protocol/openid-connect/token/introspect");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new OAuthProperties(URI.create(ISSUER), URI.create(RESOURCE), null, null, null,
					introspect, null, "s3cret", null))
			.withMessageContaining("SMARTERMCP_OAUTH_INTROSPECTION_CLIENT_ID");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new OAuthProperties(URI.create(ISSUER), URI.create(RESOURCE), null, null, null,
					introspect, "smartermcp-server", null, null))
			.withMessageContaining("exactly one of");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new OAuthProperties(null, null, null, null, null, introspect, "smartermcp-server",
					"s3cret", null))
			.withMessageContaining("SMARTERMCP_OAUTH_ISSUER");
		OAuthProperties on = new OAuthProperties(URI.create(ISSUER), URI.create(RESOURCE), null, null, null, introspect,
				"smartermcp-server", "s3cret", null);
		assertThat(on.introspection()).isTrue();
		assertThat(on.toString()).as("never the secret").doesNotContain("s3cret").contains("smartermcp-server");
	}

	@Test
	void withIntrospectionEveryOAuthTokenIsIntrospectedWhateverItsShape() {
		Principal introspected = new Principal("acme", "sub-1", "alice", ScopeSet.of(Scope.READ_CRM));
		Principal staticCaller = new Principal("default", "id-1", "script", ScopeSet.of(Scope.READ_SERVICES));
		BearerTokens on = new BearerTokens((token) -> Mono.just(staticCaller),
				(token) -> Mono.error(new AssertionError("JWTs go to introspection")),
				(token) -> Mono.just(introspected));
		assertThat(on.authenticate("smcp_any").block()).isSameAs(staticCaller);
		assertThat(on.authenticate("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln").block()).isSameAs(introspected);
		assertThat(on.authenticate("opaque-7f3c9a0e5b2d").block()).isSameAs(introspected);
	}

	@Test
	void withOAuthOffEveryRefusalSaysAStaticTokenWasExpected() {
		BearerTokens off = new BearerTokens((token) -> Mono.error(new UnauthorizedException()), null);
		assertThat(reason(off, "smcp_unknown_0123456789abcdefghijklmnopqrstuvwxyz"))
			.isEqualTo(BearerTokens.STATIC_REFUSED);
		assertThat(reason(off, "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln")).isEqualTo(BearerTokens.STATIC_ONLY);
		assertThat(off.missingTokenReason()).contains("static SmarterMCP API token").contains("does not offer OAuth");
	}

	@Test
	void withOAuthOnTokensGoWhereTheirShapeSays() {
		Principal jwtCaller = new Principal("acme", "sub-1", "alice", ScopeSet.of(Scope.READ_CRM));
		Principal staticCaller = new Principal("default", "id-1", "script", ScopeSet.of(Scope.READ_SERVICES));
		BearerTokens on = new BearerTokens((token) -> Mono.just(staticCaller), (token) -> Mono.just(jwtCaller));
		assertThat(on.authenticate("smcp_any").block()).isSameAs(staticCaller);
		assertThat(on.authenticate("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln").block()).isSameAs(jwtCaller);
		assertThat(reason(on, "not-a-token")).contains(BearerTokens.NEITHER);
	}

	@Test
	void validatorsCheckExpiryIssuerAndAudienceInTheirOwnWords() {
		Instant now = Instant.parse("2026-12-04T10:00:00Z");
		Clock clock = Clock.fixed(now, ZoneOffset.UTC);
		assertThat(errors(jwt(ISSUER, RESOURCE, now.plusSeconds(300)), clock)).isEmpty();
		assertThat(errors(jwt(ISSUER, RESOURCE, now.minusSeconds(60)), clock))
			.containsExactly("the access token has expired or is not yet valid");
		assertThat(errors(jwt("https://evil.example.com", RESOURCE, now.plusSeconds(300)), clock))
			.containsExactly("the access token was issued by an authorization server this server does not trust");
		assertThat(errors(jwt(ISSUER, "https://other.example.com/api", now.plusSeconds(300)), clock))
			.containsExactly("the access token was not issued for this server (its audience is not " + RESOURCE + ")");
	}

	@Test
	void theAgentNameSaysWhoActedThroughWhichClient() {
		Jwt user = Jwt.withTokenValue("t")
			.header("alg", "RS256")
			.subject("5d34de43")
			.claim("preferred_username", "alice")
			.claim("azp", "claude-ai")
			.build();
		assertThat(JwtAuthenticator.agentName(user)).isEqualTo("alice via claude-ai");
		Jwt machine = Jwt.withTokenValue("t").header("alg", "RS256").subject("5d34de43").build();
		assertThat(JwtAuthenticator.agentName(machine)).isEqualTo("5d34de43");
		Jwt longName = Jwt.withTokenValue("t")
			.header("alg", "RS256")
			.claim("preferred_username", "a".repeat(70))
			.build();
		assertThat(JwtAuthenticator.agentName(longName)).hasSize(64);
	}

	private static List<String> errors(Jwt jwt, Clock clock) {
		OAuth2TokenValidatorResult result = JwtAuthenticator.validator(ON, clock).validate(jwt);
		return result.getErrors().stream().map(OAuth2Error::getDescription).toList();
	}

	private static Jwt jwt(String issuer, String audience, Instant expires) {
		return Jwt.withTokenValue("t")
			.header("alg", "RS256")
			.issuer(issuer)
			.audience(List.of(audience, "account"))
			.issuedAt(expires.minusSeconds(300))
			.expiresAt(expires)
			.subject("s")
			.build();
	}

	private static String reason(BearerTokens tokens, String token) {
		try {
			tokens.authenticate(token).block();
		}
		catch (UnauthorizedException ex) {
			return ex.reason();
		}
		throw new AssertionError("accepted " + token);
	}

}
