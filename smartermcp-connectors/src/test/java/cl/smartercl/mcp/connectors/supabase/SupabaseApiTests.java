package cl.smartercl.mcp.connectors.supabase;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cl.smartercl.mcp.connectors.config.BackendsConfig;
import cl.smartercl.mcp.connectors.config.Secret;
import cl.smartercl.mcp.core.error.BackendException;
import cl.smartercl.mcp.core.error.NotFoundException;
import cl.smartercl.mcp.core.error.ServiceUnavailableException;
import cl.smartercl.mcp.core.health.ProbeResult;
import cl.smartercl.mcp.core.tools.documentation.DocsSchemas;
import cl.smartercl.mcp.core.tools.services.HealthStatus;
import cl.smartercl.mcp.testsupport.TestFixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * {@code docs_schemas} through PostgREST's OpenAPI root, for tenants with only a REST URL
 * and key.
 */
class SupabaseApiTests {

	private static final String JWT_KEY = "eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoic2VydmljZV9yb2xlIn0.c2lnbmF0dXJl";

	private static final Duration WAIT = Duration.ofSeconds(10);

	private MockWebServer server;

	@BeforeEach
	void start() throws IOException {
		this.server = new MockWebServer();
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	private SupabaseConnector connector(String key) {
		URI gateway = URI.create("http://" + this.server.getHostName() + ":" + this.server.getPort());
		return new SupabaseConnector(new BackendsConfig.Supabase(null, null, null, gateway, Secret.of(key)));
	}

	@Test
	void readsTheOpenApiRootOfTheSchemaWithTheKeyInBothHeaders() throws Exception {
		this.server.enqueue(json(200, fixture("openapi-root-ok.json")));

		DocsSchemas.Output out = connector(JWT_KEY).describe(new DocsSchemas.Input("shop", 1, 50)).block(WAIT);

		RecordedRequest request = this.server.takeRequest(5, TimeUnit.SECONDS);
		assertThat(request.getMethod()).isEqualTo("GET");
		assertThat(request.getTarget()).isEqualTo("/rest/v1/");
		assertThat(request.getHeaders().get("apikey")).isEqualTo(JWT_KEY);
		assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + JWT_KEY);
		assertThat(request.getHeaders().get("Accept-Profile")).isEqualTo("shop");
		assertThat(request.getHeaders().get("Accept")).startsWith("application/openapi+json");

		assertThat(out.source()).isEqualTo("postgrest");
		assertThat(out.totalTables()).isEqualTo(2);
		assertThat(out.tables()).extracting(DocsSchemas.Table::name).containsExactly("customers", "orders");
		DocsSchemas.Table orders = out.tables().get(1);
		assertThat(orders.kind()).isNull();
		assertThat(orders.rlsEnabled()).isNull();
		assertThat(orders.rowEstimate()).isNull();
		assertThat(orders.primaryKey()).containsExactly("id");
		assertThat(orders.columns())
			.extracting(DocsSchemas.Column::name, DocsSchemas.Column::type, DocsSchemas.Column::nullable,
					DocsSchemas.Column::defaultValue, DocsSchemas.Column::comment)
			.containsExactly(tuple("id", "integer", false, null, null),
					tuple("customer_id", "bigint", false, null, "Who ordered"),
					tuple("total", "numeric", false, "0", null),
					tuple("status", "character varying", true, "new", null));
		assertThat(orders.foreignKeys())
			.extracting(DocsSchemas.ForeignKey::columns, DocsSchemas.ForeignKey::referencedTable,
					DocsSchemas.ForeignKey::referencedColumns)
			.containsExactly(tuple(java.util.List.of("customer_id"), "customers", java.util.List.of("id")));
		assertThat(out.tables().get(0).comment()).isEqualTo("People who buy");
		assertThat(out.markdown()).contains("## relation `orders`", "no indexes, row-level security or row estimates");
	}

	@Test
	void anOpaqueKeyTravelsOnlyInTheApikeyHeader() throws Exception {
		this.server.enqueue(json(200, fixture("openapi-root-ok.json")));

		connector("sb_secret_abc123").describe(new DocsSchemas.Input("public", 2, 1)).block(WAIT);

		RecordedRequest request = this.server.takeRequest(5, TimeUnit.SECONDS);
		assertThat(request.getHeaders().get("apikey")).isEqualTo("sb_secret_abc123");
		assertThat(request.getHeaders().get("Authorization")).isNull();
	}

	@Test
	void paginatesTheRelationsOfTheDocument() {
		this.server.enqueue(json(200, fixture("openapi-root-ok.json")));
		this.server.enqueue(json(200, fixture("openapi-root-ok.json")));

		DocsSchemas.Output first = connector(JWT_KEY).describe(new DocsSchemas.Input("public", 1, 1)).block(WAIT);
		DocsSchemas.Output second = connector(JWT_KEY).describe(new DocsSchemas.Input("public", 2, 1)).block(WAIT);

		assertThat(first.tables()).extracting(DocsSchemas.Table::name).containsExactly("customers");
		assertThat(first.nextPage()).isEqualTo(2);
		assertThat(second.tables()).extracting(DocsSchemas.Table::name).containsExactly("orders");
		assertThat(second.nextPage()).isNull();
	}

	@Test
	void aSchemaPostgrestDoesNotExposeIsNotFound() {
		this.server.enqueue(json(406, fixture("openapi-root-schema-not-exposed.json")));

		assertThatThrownBy(() -> connector(JWT_KEY).describe(new DocsSchemas.Input("secret_stuff", 1, 50)).block(WAIT))
			.isInstanceOf(NotFoundException.class)
			.hasMessageStartingWith("Schema 'secret_stuff' not found. PostgREST exposes only")
			.hasMessageNotContaining("graphql_public");
	}

	@Test
	void aRefusedKeyIsABackendErrorThatNeverEchoesTheKeyOrTheBody() {
		this.server.enqueue(json(401, fixture("openapi-root-no-apikey.json")));
		this.server.enqueue(json(403, "{\"message\":\"You cannot consume this service\"}"));

		assertThatThrownBy(() -> connector(JWT_KEY).describe(new DocsSchemas.Input("public", 1, 50)).block(WAIT))
			.isInstanceOf(BackendException.class)
			.hasMessage("Service 'supabase' reported an error: the API key was refused (HTTP 401)");
		assertThatThrownBy(() -> connector(JWT_KEY).describe(new DocsSchemas.Input("public", 1, 50)).block(WAIT))
			.isInstanceOf(BackendException.class)
			.hasMessageContaining("HTTP 403")
			.hasMessageContaining("service_role")
			.hasMessageNotContaining(JWT_KEY)
			.hasMessageNotContaining("consume");
	}

	@Test
	void anUnreachableGatewayIsUnavailable() {
		int port = this.server.getPort();
		this.server.close();
		SupabaseConnector connector = new SupabaseConnector(new BackendsConfig.Supabase(null, null, null,
				URI.create("http://127.0.0.1:" + port), Secret.of(JWT_KEY)));

		assertThatThrownBy(() -> connector.describe(new DocsSchemas.Input("public", 1, 50)).block(WAIT))
			.isInstanceOf(ServiceUnavailableException.class)
			.hasMessage("Service 'supabase' is currently unavailable: cannot connect to PostgREST at 127.0.0.1:" + port
					+ " (connection refused)");
		ProbeResult probe = connector.probe().probe().block(WAIT);
		assertThat(probe.status()).isEqualTo(HealthStatus.UNHEALTHY);
		assertThat(probe.detail()).startsWith("PostgREST's OpenAPI root failed").doesNotContain(JWT_KEY);
	}

	@Test
	void probeReportsThePostgrestVersion() {
		this.server.enqueue(json(200, fixture("openapi-root-ok.json")));

		ProbeResult probe = connector(JWT_KEY).probe().probe().block(WAIT);

		assertThat(probe.status()).isEqualTo(HealthStatus.HEALTHY);
		assertThat(probe.version()).isEqualTo("PostgREST 12.2.3 (519615d)");
	}

	@Test
	void theRestRootFollowsTheGatewayLayout() {
		assertThat(SupabaseApi.root(URI.create("http://kong:8000"))).hasToString("http://kong:8000/rest/v1/");
		assertThat(SupabaseApi.root(URI.create("http://kong:8000/"))).hasToString("http://kong:8000/rest/v1/");
		assertThat(SupabaseApi.root(URI.create("https://db.example.test/rest/v1")))
			.hasToString("https://db.example.test/rest/v1/");
	}

	@Test
	void acceptsJdbcAndLibpqUrls() {
		assertThat(SupabaseConnector.r2dbcUrl("jdbc:postgresql://db:5432/postgres"))
			.isEqualTo("r2dbc:postgresql://db:5432/postgres");
		assertThat(SupabaseConnector.r2dbcUrl("postgres://db/postgres")).isEqualTo("r2dbc:postgresql://db/postgres");
		assertThat(SupabaseConnector.r2dbcUrl("r2dbc:postgresql://db/postgres"))
			.isEqualTo("r2dbc:postgresql://db/postgres");
	}

	private static MockResponse json(int code, String body) {
		return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
	}

	static String fixture(String name) {
		return TestFixtures.read("supabase/" + name);
	}

}
