package cl.smartercl.mcp.server.auth;

import java.io.PrintStream;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import cl.smartercl.mcp.core.auth.ScopeSet;
import cl.smartercl.mcp.core.error.ConflictException;
import cl.smartercl.mcp.server.store.TokenRecord;
import cl.smartercl.mcp.server.tenant.TenantDirectory;
import cl.smartercl.mcp.server.store.TokenStore;

/**
 * Makes sure an operator can get in, once the store is up and before the server takes
 * requests ({@link SmartInitializingSingleton} runs before the web server starts;
 * blocking is fine there).
 * <ul>
 * <li>On an empty store (no token at all; tenants alone do not count, the tenants file
 * may have created some) it creates tenant {@value #DEFAULT_TENANT} and an admin token
 * named {@value #ADMIN_NAME} holding every scope. Its value is
 * {@code SMARTERMCP_ADMIN_TOKEN} when set; otherwise one is generated and printed once on
 * standard output, never in the log.</li>
 * <li>On a store with tokens, a {@code SMARTERMCP_ADMIN_TOKEN} whose hash is unknown is
 * registered as a further admin token of {@value #DEFAULT_TENANT}: this is how operators
 * rotate the admin token through the environment. Earlier admin tokens stay valid until
 * revoked through the API. A value that matches a revoked token is NOT revived: revoking
 * wins, and a new value is needed.</li>
 * <li>A {@code SMARTERMCP_ADMIN_TOKEN} that does not look like a token ({@code smcp_}
 * prefix, at least 40 characters) stops the start with a message that says what is wrong
 * without quoting it.</li>
 * </ul>
 */
@Component
@EnableConfigurationProperties(BootstrapProperties.class)
public class Bootstrap implements SmartInitializingSingleton {

	static final String DEFAULT_TENANT = "default";

	static final String ADMIN_NAME = "admin";

	private static final Logger logger = LoggerFactory.getLogger(Bootstrap.class);

	private static final Duration TIMEOUT = Duration.ofMinutes(1);

	private final TenantService tenants;

	private final TokenService tokens;

	private final TokenStore tokenStore;

	private final BootstrapProperties properties;

	// Standard output, not the log: the generated token must not end up in log files or
	// collectors.
	private final PrintStream console = System.out;

	private final TenantDirectory directory;

	public Bootstrap(TenantService tenants, TokenService tokens, TokenStore tokenStore, BootstrapProperties properties,
			ObjectProvider<TenantDirectory> directory) {
		this.tenants = tenants;
		// absent only in store-level contexts (no tenants file, no connectors): no
		// backends to report
		this.directory = directory.getIfAvailable();
		this.tokens = tokens;
		this.tokenStore = tokenStore;
		this.properties = properties;
	}

	@Override
	public void afterSingletonsInstantiated() {
		String adminToken = configuredAdminToken();
		run(adminToken).block(TIMEOUT);
		if (this.directory != null && this.directory.config(DEFAULT_TENANT).isEmpty()) {
			// the tenants file's tenants are logged as their connectors are built
			logger.info("tenant '{}': live backends: {}", DEFAULT_TENANT, liveBackends());
		}
	}

	private String configuredAdminToken() {
		if (!this.properties.hasAdminToken()) {
			return null;
		}
		String token = this.properties.adminToken().strip();
		String problem = ApiTokens.problem(token);
		if (problem != null) {
			throw new IllegalStateException("SMARTERMCP_ADMIN_TOKEN (smartermcp.admin-token) is not a valid API token: "
					+ problem + ". Its value is not shown.");
		}
		return token;
	}

	private Mono<Void> run(String adminToken) {
		return this.tokenStore.count().flatMap((count) -> {
			if (count == 0) {
				return (adminToken != null) ? registerAdmin(adminToken, "First start") : generateAdmin();
			}
			return (adminToken != null) ? rotateTo(adminToken) : Mono.empty();
		});
	}

	private Mono<Void> generateAdmin() {
		return this.tenants.ensure(DEFAULT_TENANT)
			.then(this.tokens.issue(DEFAULT_TENANT, ADMIN_NAME, ScopeSet.all(), null))
			.doOnNext((issued) -> {
				printOnce(issued.apiToken());
				logger.info("First start: admin token {} of tenant '{}' generated and printed on the console",
						issued.tokenId(), DEFAULT_TENANT);
			})
			.then();
	}

	private Mono<Void> rotateTo(String adminToken) {
		return this.tokenStore.findByHash(ApiTokens.hash(adminToken)).doOnNext((existing) -> {
			if (existing.revoked()) {
				logger.warn("SMARTERMCP_ADMIN_TOKEN is token {}, which was revoked; it stays revoked."
						+ " Set a new value to rotate the admin token", existing.id());
			}
		})
			.hasElement()
			.flatMap((known) -> known ? Mono.empty() : registerAdmin(adminToken, "New SMARTERMCP_ADMIN_TOKEN"));
	}

	private Mono<Void> registerAdmin(String adminToken, String reason) {
		return this.tenants.ensure(DEFAULT_TENANT)
			.then(this.tokens.register(DEFAULT_TENANT, ADMIN_NAME, ScopeSet.all(), adminToken))
			.doOnNext((token) -> logger.info("{}: admin token {} of tenant '{}' registered from SMARTERMCP_ADMIN_TOKEN",
					reason, token.id(), DEFAULT_TENANT))
			// Another replica registered the same value a moment ago.
			.onErrorResume(ConflictException.class, (ex) -> Mono.<TokenRecord>empty())
			.then();
	}

	private String liveBackends() {
		return (this.directory != null) ? TenantDirectory.names(this.directory.liveBackends(DEFAULT_TENANT)) : "none";
	}

	private void printOnce(String token) {
		String rule = "=".repeat(78);
		this.console.println();
		this.console.println(rule);
		this.console.println(" SmarterMCP first start: admin token of tenant '" + DEFAULT_TENANT + "' (every scope)");
		this.console.println();
		// printed once, as the shell line that sets it (the README and the examples read
		// this variable)
		this.console.println("   export SMARTERMCP_API_TOKEN=" + token);
		this.console.println();
		this.console.println(" It is shown only this once and stored only as a hash: keep it now.");
		this.console.println(" Use it as 'Authorization: Bearer <token>' to issue narrower tokens.");
		this.console.println(" To choose the admin token yourself, set SMARTERMCP_ADMIN_TOKEN instead.");
		this.console.println();
		this.console.println(" Live backends of tenant '" + DEFAULT_TENANT + "': " + liveBackends()
				+ "; GET /tools?all=true names what the other tools need (docs/configuration.md).");
		this.console.println(rule);
		this.console.println();
		this.console.flush();
	}

}
