package cl.smartercl.mcp.server.auth;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.test.StepVerifier;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;

import cl.smartercl.mcp.core.auth.Principal;
import cl.smartercl.mcp.core.auth.Scope;
import cl.smartercl.mcp.core.auth.ScopeSet;
import cl.smartercl.mcp.core.error.ConflictException;
import cl.smartercl.mcp.core.error.InvalidArgumentsException;
import cl.smartercl.mcp.core.error.NotFoundException;
import cl.smartercl.mcp.core.error.TenantAccessException;
import cl.smartercl.mcp.core.error.UnauthorizedException;
import cl.smartercl.mcp.server.store.TenantRecord;
import cl.smartercl.mcp.server.store.TenantStore;
import cl.smartercl.mcp.server.store.TokenRecord;
import cl.smartercl.mcp.server.store.TokenStore;
import cl.smartercl.mcp.testsupport.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The behaviour of the token and tenant store, written once and run against each database
 * ({@code H2StoreIT}, {@code PostgresStoreIT}). Each test class gets one shared store;
 * the bootstrap tests start the application on stores of their own, since they need an
 * empty one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
abstract class StoreSuite {

	private static final Pattern GENERATED_TOKEN = Pattern.compile("smcp_[A-Za-z0-9_-]{43}");

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	protected TenantService tenants;

	protected TokenService tokens;

	protected TenantStore tenantStore;

	protected TokenStore tokenStore;

	protected DatabaseClient sql;

	protected ConfigurableApplicationContext shared;

	/** The properties that point the application at a new, empty store. */
	protected abstract Map<String, Object> newStore() throws Exception;

	/**
	 * Removes every store {@link #newStore()} made; the application contexts are closed
	 * already.
	 */
	protected abstract void dropStores() throws Exception;

	@BeforeAll
	void startSharedStore() throws Exception {
		ConfigurableApplicationContext context = start(newStore());
		this.shared = context;
		this.tenants = context.getBean(TenantService.class);
		this.tokens = context.getBean(TokenService.class);
		this.tenantStore = context.getBean(TenantStore.class);
		this.tokenStore = context.getBean(TokenStore.class);
		this.sql = context.getBean(DatabaseClient.class);
	}

	@AfterAll
	void stopAndDrop() throws Exception {
		List<ConfigurableApplicationContext> open = new ArrayList<>(this.contexts);
		Collections.reverse(open);
		open.forEach(ConfigurableApplicationContext::close);
		dropStores();
	}

	protected ConfigurableApplicationContext start(Map<String, Object> store, String... properties) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(StoreTestApplication.class)
			.web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.properties(store)
			.properties(properties)
			.run();
		this.contexts.add(context);
		return context;
	}

	private static String uniqueTenant(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	private static Consumer<Throwable> unauthorized() {
		return (error) -> assertThat(error).isInstanceOf(UnauthorizedException.class)
			.hasMessage("Unauthorized - Invalid or expired API token");
	}

	private static Consumer<Throwable> invalidArgument(String argument) {
		return (error) -> assertThat(error).isInstanceOfSatisfying(InvalidArgumentsException.class,
				(invalid) -> assertThat(invalid.argument()).isEqualTo(argument));
	}

	@Test
	void storeIsOnePoolThatSpringBootsOwnR2dbcConfigurationLeavesAlone() {
		assertThat(this.shared.getBeansOfType(ConnectionFactory.class).values()).singleElement()
			.isInstanceOf(ConnectionPool.class);
	}

	// ---- tenants

	@Test
	void createdTenantCanBeFoundAndListed() {
		String id = uniqueTenant("acme");
		Instant before = Instant.now().minusSeconds(1);
		TenantRecord created = this.tenants.create(id, "ACME Corp").block();
		assertThat(created.id()).isEqualTo(id);
		assertThat(created.name()).isEqualTo("ACME Corp");
		assertThat(created.createdAt()).isBetween(before, Instant.now().plusSeconds(1));
		StepVerifier.create(this.tenants.find(id)).expectNext(created).verifyComplete();
		assertThat(this.tenants.list().collectList().block()).contains(created)
			.extracting(TenantRecord::id)
			.contains("default");
	}

	@Test
	void duplicateTenantIsAConflict() {
		String id = uniqueTenant("dup");
		this.tenants.create(id, "first").block();
		StepVerifier.create(this.tenants.create(id, "second"))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(ConflictException.class)
				.hasMessage("Tenant '" + id + "' already exists"))
			.verify();
		assertThat(this.tenants.find(id).block().name()).isEqualTo("first");
	}

	@Test
	void malformedTenantIdsAreRejectedByName() {
		for (String id : new String[] { "Acme", "-acme", "_acme", "acme corp", "acme/1", "a".repeat(64), "" }) {
			StepVerifier.create(this.tenants.create(id, "x"))
				.expectErrorSatisfies(invalidArgument("tenant_id"))
				.verify();
		}
		StepVerifier.create(this.tenants.create(null, "x")).expectErrorSatisfies(invalidArgument("tenant_id")).verify();
		StepVerifier.create(this.tenantStore.create("Not Valid", "x"))
			.expectErrorSatisfies(invalidArgument("tenant_id"))
			.verify();
		assertThat(this.tenants.create("a".repeat(63), "longest").block().id()).hasSize(63);
	}

	@Test
	void tenantNameDefaultsToTheIdAndIsBounded() {
		String id = uniqueTenant("noname");
		assertThat(this.tenants.create(id, "  ").block().name()).isEqualTo(id);
		StepVerifier.create(this.tenants.create(uniqueTenant("long"), "n".repeat(129)))
			.expectErrorSatisfies(invalidArgument("name"))
			.verify();
	}

	@Test
	void findOfAnAbsentOrMalformedTenantIsEmpty() {
		StepVerifier.create(this.tenants.find("no-such-tenant")).verifyComplete();
		StepVerifier.create(this.tenants.find("Not Valid'; DROP TABLE tenants; --")).verifyComplete();
		StepVerifier.create(this.tenants.find(null)).verifyComplete();
	}

	@Test
	void ensureTenantsCreatesOnlyTheMissingOnes() {
		String existing = uniqueTenant("kept");
		String missing = uniqueTenant("new");
		this.tenants.create(existing, "Kept name").block();
		StepVerifier.create(this.tenants.ensureTenants(List.of(existing, missing, missing))).verifyComplete();
		assertThat(this.tenants.find(existing).block().name()).isEqualTo("Kept name");
		assertThat(this.tenants.find(missing).block().name()).isEqualTo(missing);
		StepVerifier.create(this.tenants.ensureTenants(List.of(existing, missing))).verifyComplete();
	}

	@Test
	void ensureTenantsChecksEveryIdBeforeCreatingAny() {
		String good = uniqueTenant("good");
		StepVerifier.create(this.tenants.ensureTenants(List.of(good, "Bad Id")))
			.expectErrorSatisfies(invalidArgument("tenant_id"))
			.verify();
		StepVerifier.create(this.tenants.find(good)).verifyComplete();
	}

	// ---- tokens

	@Test
	void issuedTokenAuthenticatesUntilRevoked() {
		String tenant = this.tenants.create(uniqueTenant("life"), "Lifecycle").block().id();
		ScopeSet scopes = ScopeSet.of(Scope.READ_CRM, Scope.WRITE_WORKFLOWS);
		IssuedToken issued = this.tokens.issue(tenant, "crm-agent", scopes, null).block();
		assertThat(issued.apiToken()).matches(GENERATED_TOKEN);
		assertThat(issued.tenantId()).isEqualTo(tenant);
		assertThat(issued.scopes()).containsExactly("write:workflows", "read:crm");
		assertThat(issued.expiresAt()).isNull();
		assertThat(issued.toString()).doesNotContain(issued.apiToken());

		StepVerifier.create(this.tokens.authenticate(issued.apiToken()))
			.expectNext(new Principal(tenant, issued.tokenId(), "crm-agent", scopes))
			.verifyComplete();
		Principal principal = this.tokens.authenticate(issued.apiToken()).block();
		assertThat(principal.scopes().allows(Scope.READ_WORKFLOWS)).isTrue();
		assertThat(principal.scopes().allows(Scope.WRITE_CRM)).isFalse();

		List<TokenRecord> listed = this.tokens.list(tenant).collectList().block();
		assertThat(listed).singleElement().satisfies((token) -> {
			assertThat(token.id()).isEqualTo(issued.tokenId());
			assertThat(token.name()).isEqualTo("crm-agent");
			assertThat(token.scopes()).containsExactly("write:workflows", "read:crm");
			assertThat(token.revoked()).isFalse();
			assertThat(token.toString()).doesNotContain(issued.apiToken());
		});

		TokenRecord revoked = this.tokens.revoke(tenant, issued.tokenId()).block();
		assertThat(revoked.revoked()).isTrue();
		assertThat(revoked.id()).isEqualTo(issued.tokenId());
		StepVerifier.create(this.tokens.authenticate(issued.apiToken())).expectErrorSatisfies(unauthorized()).verify();
		assertThat(this.tokens.revoke(tenant, issued.tokenId()).block().revoked()).isTrue();
		assertThat(this.tokens.list(tenant).collectList().block()).singleElement()
			.extracting(TokenRecord::revoked)
			.isEqualTo(true);
	}

	@Test
	void expiredTokenIsUnauthorized() {
		String tenant = this.tenants.create(uniqueTenant("exp"), "Expiry").block().id();
		MutableClock clock = new MutableClock(Instant.now());
		TokenService timed = new TokenService(this.tenantStore, this.tokenStore, clock);
		Instant expiry = clock.instant().plus(Duration.ofHours(1));
		IssuedToken issued = timed.issue(tenant, "short-lived", ScopeSet.of(Scope.READ_BOTS), expiry).block();
		assertThat(issued.expiresAt()).isEqualTo(expiry.truncatedTo(ChronoUnit.MICROS));
		assertThat(this.tokenStore.findByHash(ApiTokens.hash(issued.apiToken())).block().expiresAt())
			.isEqualTo(issued.expiresAt());

		clock.advance(Duration.ofMinutes(59));
		StepVerifier.create(timed.authenticate(issued.apiToken())).expectNextCount(1).verifyComplete();
		clock.advance(Duration.ofMinutes(1));
		StepVerifier.create(timed.authenticate(issued.apiToken())).expectErrorSatisfies(unauthorized()).verify();
	}

	@Test
	void malformedOrUnknownTokensAreUnauthorized() {
		IssuedToken issued = this.tokens.issue("default", "probe", ScopeSet.of(Scope.READ_SERVICES), null).block();
		String valid = issued.apiToken();
		List<String> rejected = new ArrayList<>(List.of("", "   ", "smcp_", "smcp_" + "a".repeat(34), "Bearer " + valid,
				valid + " ", valid.substring(5), "SMCP_" + valid.substring(5), "smcp_" + "a".repeat(300),
				valid.substring(0, 20) + "\u00e9" + valid.substring(21), ApiTokens.generate(new SecureRandom()),
				ApiTokens.hash(valid)));
		rejected.add(null);
		for (String token : rejected) {
			StepVerifier.create(this.tokens.authenticate(token)).expectErrorSatisfies(unauthorized()).verify();
		}
		StepVerifier.create(this.tokens.authenticate(valid)).expectNextCount(1).verifyComplete();
	}

	@Test
	void tenantsCannotSeeOrRevokeEachOthersTokens() {
		String tenantA = this.tenants.create(uniqueTenant("a"), "A").block().id();
		String tenantB = this.tenants.create(uniqueTenant("b"), "B").block().id();
		IssuedToken tokenA = this.tokens.issue(tenantA, "agent-a", ScopeSet.of(Scope.READ_CRM), null).block();
		IssuedToken tokenB = this.tokens.issue(tenantB, "agent-b", ScopeSet.of(Scope.READ_CRM), null).block();

		assertThat(this.tokens.list(tenantA).collectList().block()).extracting(TokenRecord::id)
			.containsExactly(tokenA.tokenId());
		assertThat(this.tokens.list(tenantB).collectList().block()).extracting(TokenRecord::id)
			.containsExactly(tokenB.tokenId());

		StepVerifier.create(this.tokens.revoke(tenantB, tokenA.tokenId()))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(NotFoundException.class)
				.hasMessage("Token '" + tokenA.tokenId() + "' not found"))
			.verify();
		StepVerifier.create(this.tokenStore.revoke(tenantB, tokenA.tokenId())).verifyComplete();
		StepVerifier.create(this.tokens.revoke("Not A Tenant", tokenA.tokenId()))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(NotFoundException.class))
			.verify();
		assertThat(this.tokens.authenticate(tokenA.apiToken()).block().tenantId()).isEqualTo(tenantA);

		StepVerifier.create(this.tokens.revoke(tenantA, "no-such-token"))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(NotFoundException.class))
			.verify();
		StepVerifier.create(this.tokens.list("no-such-tenant"))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(TenantAccessException.class)
				.hasMessage("Tenant 'no-such-tenant' not found or access denied"))
			.verify();
	}

	@Test
	void issueValidatesItsArgumentsBeforeStoringAnything() {
		long before = this.tokenStore.count().block();
		ScopeSet crm = ScopeSet.of(Scope.READ_CRM);
		StepVerifier.create(this.tokens.issue("ghost-tenant", "agent", crm, null))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(TenantAccessException.class)
				.hasMessage("Tenant 'ghost-tenant' not found or access denied"))
			.verify();
		StepVerifier.create(this.tokens.issue("Bad Tenant", "agent", crm, null))
			.expectErrorSatisfies(invalidArgument("tenant_id"))
			.verify();
		for (String name : new String[] { "", "has space", "n".repeat(65), "agent\u00f1", "a/b", "a:b" }) {
			StepVerifier.create(this.tokens.issue("default", name, crm, null))
				.expectErrorSatisfies(invalidArgument("name"))
				.verify();
		}
		StepVerifier.create(this.tokens.issue("default", null, crm, null))
			.expectErrorSatisfies(invalidArgument("name"))
			.verify();
		StepVerifier.create(this.tokens.issue("default", "agent", crm, Instant.now().minusSeconds(1)))
			.expectErrorSatisfies(invalidArgument("expires_at"))
			.verify();
		StepVerifier.create(this.tokens.issue("default", "agent", ScopeSet.of(), null))
			.expectErrorSatisfies(invalidArgument("scopes"))
			.verify();
		StepVerifier.create(this.tokens.issue("default", "agent", null, null))
			.expectErrorSatisfies(invalidArgument("scopes"))
			.verify();
		assertThat(this.tokenStore.count().block()).isEqualTo(before);
		assertThat(this.tokens.issue("default", "n".repeat(64), crm, null).block().tokenId()).isNotBlank();
	}

	@Test
	void storeKeepsOnlyTheHashOfATokenNeverItsSecret() {
		IssuedToken issued = this.tokens.issue("default", "hash-check", ScopeSet.all(), null).block();
		String secret = issued.apiToken().substring(ApiTokens.PREFIX.length());
		List<Map<String, Object>> rows = this.sql.sql("SELECT * FROM tokens").fetch().all().collectList().block();
		assertThat(rows).isNotEmpty();
		String everything = rows.toString();
		assertThat(everything).doesNotContain(secret)
			.doesNotContain(secret.substring(0, 16))
			.contains(ApiTokens.hash(issued.apiToken()));
		List<Map<String, Object>> mine = this.sql.sql("SELECT secret_hash FROM tokens WHERE id = :id")
			.bind("id", issued.tokenId())
			.fetch()
			.all()
			.collectList()
			.block();
		assertThat(mine).singleElement()
			.satisfies((row) -> assertThat(row.values()).containsExactly(ApiTokens.hash(issued.apiToken())));
	}

	@Test
	void secondTokenWithTheSameHashIsAConflict() {
		String token = ApiTokens.generate(new SecureRandom());
		TokenRecord first = new TokenRecord(UUID.randomUUID().toString(), "default", "first", List.of("read:crm"),
				Instant.now().truncatedTo(ChronoUnit.MICROS), null, false);
		TokenRecord second = new TokenRecord(UUID.randomUUID().toString(), "default", "second", List.of("read:crm"),
				Instant.now().truncatedTo(ChronoUnit.MICROS), null, false);
		StepVerifier.create(this.tokenStore.insert(first, ApiTokens.hash(token))).expectNext(first).verifyComplete();
		StepVerifier.create(this.tokenStore.insert(second, ApiTokens.hash(token)))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(ConflictException.class)
				.hasMessageNotContaining(token)
				.hasMessageNotContaining(ApiTokens.hash(token)))
			.verify();
		StepVerifier.create(this.tokenStore.findByHash(ApiTokens.hash(token))).expectNext(first).verifyComplete();
	}

	@Test
	void countCountsEveryToken() {
		long before = this.tokenStore.count().block();
		IssuedToken issued = this.tokens.issue("default", "counted", ScopeSet.of(Scope.READ_BOTS), null).block();
		this.tokens.revoke("default", issued.tokenId()).block();
		assertThat(this.tokenStore.count().block()).isEqualTo(before + 1);
	}

	// ---- bootstrap

	@Test
	void firstStartCreatesOneAdminTokenAndPrintsItOnce(CapturedOutput output) throws Exception {
		Map<String, Object> store = newStore();
		int mark = output.length();
		ConfigurableApplicationContext first = start(store);
		String printed = output.toString().substring(mark);
		Matcher matcher = GENERATED_TOKEN.matcher(printed);
		assertThat(matcher.find()).as("a generated token on the console").isTrue();
		String adminToken = matcher.group();
		assertThat(matcher.find()).as("the token printed once").isFalse();

		TokenService tokenService = first.getBean(TokenService.class);
		assertThat(first.getBean(TokenStore.class).count().block()).isEqualTo(1);
		assertThat(first.getBean(TenantService.class).find("default").block()).isNotNull();
		TokenRecord admin = tokenService.list("default").blockFirst();
		assertThat(admin.name()).isEqualTo("admin");
		assertThat(admin.scopes()).containsExactlyElementsOf(ScopeSet.all().grantedValues());
		assertThat(admin.expiresAt()).isNull();
		StepVerifier.create(tokenService.authenticate(adminToken))
			.expectNext(new Principal("default", admin.id(), "admin", ScopeSet.all()))
			.verifyComplete();
		first.close();

		mark = output.length();
		ConfigurableApplicationContext second = start(store);
		assertThat(output.toString().substring(mark)).doesNotContainPattern(GENERATED_TOKEN);
		assertThat(second.getBean(TokenStore.class).count().block()).isEqualTo(1);
		assertThat(second.getBean(TokenService.class).authenticate(adminToken).block().tokenId()).isEqualTo(admin.id());
	}

	@Test
	void adminTokenFromTheEnvironmentSeedsAnEmptyStore(CapturedOutput output) throws Exception {
		String adminToken = "smcp_operator-chosen-" + UUID.randomUUID();
		int mark = output.length();
		ConfigurableApplicationContext context = start(newStore(), "smartermcp.admin-token=" + adminToken);
		assertThat(output.toString().substring(mark)).doesNotContain(adminToken).doesNotContainPattern(GENERATED_TOKEN);
		assertThat(context.getBean(TokenStore.class).count().block()).isEqualTo(1);
		Principal principal = context.getBean(TokenService.class).authenticate(adminToken).block();
		assertThat(principal.tenantId()).isEqualTo("default");
		assertThat(principal.tokenName()).isEqualTo("admin");
		assertThat(principal.scopes()).isEqualTo(ScopeSet.all());
	}

	@Test
	void newAdminTokenFromTheEnvironmentIsRegisteredOnceAndARevokedOneStaysRevoked() throws Exception {
		Map<String, Object> store = newStore();
		start(store).close();
		String rotated = "smcp_rotated-" + UUID.randomUUID() + UUID.randomUUID();

		ConfigurableApplicationContext second = start(store, "smartermcp.admin-token=" + rotated);
		assertThat(second.getBean(TokenStore.class).count().block()).isEqualTo(2);
		Principal principal = second.getBean(TokenService.class).authenticate(rotated).block();
		assertThat(principal.scopes()).isEqualTo(ScopeSet.all());
		assertThat(principal.tenantId()).isEqualTo("default");
		second.close();

		ConfigurableApplicationContext third = start(store, "smartermcp.admin-token=" + rotated);
		assertThat(third.getBean(TokenStore.class).count().block()).isEqualTo(2);
		third.getBean(TokenService.class).revoke("default", principal.tokenId()).block();
		third.close();

		ConfigurableApplicationContext fourth = start(store, "smartermcp.admin-token=" + rotated);
		assertThat(fourth.getBean(TokenStore.class).count().block()).isEqualTo(2);
		StepVerifier.create(fourth.getBean(TokenService.class).authenticate(rotated))
			.expectErrorSatisfies(unauthorized())
			.verify();
	}

	@Test
	void malformedAdminTokenStopsTheStartWithoutShowingIt(CapturedOutput output) throws Exception {
		Map<String, Object> store = newStore();
		for (String bad : new String[] { "smcp_too-short-secret-value", "not-smcp-" + "x".repeat(40),
				"smcp_" + "x".repeat(30) + " with spaces" }) {
			int mark = output.length();
			assertThatThrownBy(() -> start(store, "smartermcp.admin-token=" + bad))
				.hasStackTraceContaining("SMARTERMCP_ADMIN_TOKEN")
				.satisfies((error) -> assertThat(stackTrace(error)).doesNotContain(bad));
			assertThat(output.toString().substring(mark)).doesNotContain(bad);
		}
	}

	private static String stackTrace(Throwable error) {
		StringWriter text = new StringWriter();
		error.printStackTrace(new PrintWriter(text));
		return text.toString();
	}

}
