package cl.smartercl.mcp.connectors.supabase;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactoryProvider;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import cl.smartercl.mcp.connectors.config.BackendsConfig;
import cl.smartercl.mcp.core.tool.Backend;
import cl.smartercl.mcp.core.error.BackendNotConfiguredException;
import cl.smartercl.mcp.connectors.supabase.SupabaseCatalog.RelationRow;
import cl.smartercl.mcp.connectors.supabase.SupabaseCatalog.SchemaRow;
import cl.smartercl.mcp.core.error.BackendException;
import cl.smartercl.mcp.core.error.NotFoundException;
import cl.smartercl.mcp.core.health.BackendProbe;
import cl.smartercl.mcp.core.tools.documentation.DocsSchemas;

/**
 * Schema documentation of a tenant's self-hosted Supabase or plain PostgreSQL. With an
 * R2DBC URL it reads PostgreSQL's catalog over a pooled connection whose sessions default
 * to read-only, inside read-only transactions; with only a PostgREST URL and API key it
 * reads PostgREST's OpenAPI description instead (backend-notes/supabase.md §2). It never
 * writes.
 */
public final class SupabaseConnector implements AutoCloseable {

	public static final String BACKEND = SupabaseCatalog.SERVICE;

	static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final SupabaseCatalog catalog;

	private final ConnectionPool pool;

	private final SupabaseApi rest;

	public SupabaseConnector(BackendsConfig.Supabase config) {
		Objects.requireNonNull(config, "config");
		this.pool = (config.url() == null) ? null : pool(config);
		this.catalog = (this.pool == null) ? null : new SupabaseCatalog(this.pool, TIMEOUT);
		this.rest = (config.restUrl() == null || config.apiKey() == null) ? null
				: new SupabaseApi(config.restUrl(), config.apiKey(), TIMEOUT);
	}

	/** Whether the configuration names anything this connector can read. */
	public static boolean usable(BackendsConfig.Supabase config) {
		return config != null && (config.url() != null || (config.restUrl() != null && config.apiKey() != null));
	}

	/**
	 * Every session starts with {@code default_transaction_read_only=on} and a statement
	 * timeout, so that even a statement outside {@link SupabaseCatalog#readOnly} could
	 * not write or hang.
	 */
	static ConnectionPool pool(BackendsConfig.Supabase config) {
		ConnectionFactoryOptions.Builder options = ConnectionFactoryOptions.parse(r2dbcUrl(config.url())).mutate();
		if (config.username() != null) {
			options.option(ConnectionFactoryOptions.USER, config.username());
		}
		if (config.password() != null) {
			options.option(ConnectionFactoryOptions.PASSWORD, config.password().reveal());
		}
		options.option(ConnectionFactoryOptions.CONNECT_TIMEOUT, Duration.ofSeconds(10))
			.option(PostgresqlConnectionFactoryProvider.APPLICATION_NAME, "smartermcp-docs")
			.option(PostgresqlConnectionFactoryProvider.STATEMENT_TIMEOUT, Duration.ofSeconds(15))
			.option(PostgresqlConnectionFactoryProvider.OPTIONS, Map.of("default_transaction_read_only", "on"));
		ConnectionPoolConfiguration pool = ConnectionPoolConfiguration.builder(ConnectionFactories.get(options.build()))
			.name("smartermcp-supabase")
			.initialSize(0)
			.maxSize(4)
			.maxIdleTime(Duration.ofMinutes(5))
			.maxCreateConnectionTime(Duration.ofSeconds(10))
			.maxAcquireTime(Duration.ofSeconds(15))
			.build();
		return new ConnectionPool(pool);
	}

	/**
	 * Accepts the R2DBC form of the design, and the JDBC or libpq forms operators often
	 * paste.
	 */
	static String r2dbcUrl(String url) {
		if (url.startsWith("jdbc:postgresql:")) {
			return "r2dbc:" + url.substring("jdbc:".length());
		}
		if (url.startsWith("postgresql://") || url.startsWith("postgres://")) {
			return "r2dbc:postgresql://" + url.substring(url.indexOf("://") + 3);
		}
		return url;
	}

	public Mono<DocsSchemas.Output> describe(DocsSchemas.Input input) {
		String schema = input.schemaName().strip();
		if (this.catalog != null) {
			return this.catalog.readOnly((connection) -> describeFromCatalog(connection, schema, input));
		}
		if (this.rest != null) {
			return describeFromOpenApi(schema, input);
		}
		return Mono.error(new BackendNotConfiguredException(Backend.SUPABASE));
	}

	private Mono<DocsSchemas.Output> describeFromCatalog(Connection connection, String name, DocsSchemas.Input input) {
		return this.catalog.schema(connection, name)
			.switchIfEmpty(Mono.defer(() -> this.catalog.schemaNames(connection)
				.flatMap((names) -> Mono.error(new NotFoundException("Schema", name,
						"Schemas of this database: " + String.join(", ", names))))))
			.flatMap((schema) -> schema.usable() ? page(connection, name, schema, input)
					: Mono.error(new BackendException(BACKEND,
							"the database role '" + schema.role() + "' has no USAGE privilege on schema '" + name
									+ "'; grant it USAGE on the schema and SELECT on its tables")));
	}

	private Mono<DocsSchemas.Output> page(Connection connection, String name, SchemaRow schema,
			DocsSchemas.Input input) {
		long offset = (long) (input.page() - 1) * input.pageSize();
		return this.catalog.countRelations(connection, schema.id())
			.flatMap((total) -> this.catalog.relations(connection, schema.id(), input.pageSize(), offset)
				.collectList()
				.flatMap((relations) -> details(connection, name, relations))
				.map((tables) -> output(name, "catalog", tables, input, total.intValue())));
	}

	/** Columns, keys, indexes and policies of one page's relations, one query each. */
	private Mono<List<DocsSchemas.Table>> details(Connection connection, String schema, List<RelationRow> relations) {
		if (relations.isEmpty()) {
			return Mono.just(List.of());
		}
		Long[] ids = relations.stream().map(RelationRow::id).toArray(Long[]::new);
		// One connection runs one statement at a time: read the four lists one after the
		// other.
		return byRelation(this.catalog.columns(connection, ids), SupabaseCatalog.ColumnRow::relation)
			.flatMap((columns) -> byRelation(this.catalog.keys(connection, ids),
					SupabaseCatalog.ConstraintRow::relation)
				.flatMap((keys) -> byRelation(this.catalog.indexes(connection, ids), SupabaseCatalog.IndexRow::relation)
					.flatMap((indexes) -> byRelation(this.catalog.policies(connection, ids),
							SupabaseCatalog.PolicyRow::relation)
						.map((policies) -> relations.stream()
							.map((relation) -> SupabaseMapper.table(schema, relation,
									columns.getOrDefault(relation.id(), List.of()),
									keys.getOrDefault(relation.id(), List.of()),
									indexes.getOrDefault(relation.id(), List.of()),
									policies.getOrDefault(relation.id(), List.of())))
							.toList()))));
	}

	private static <T> Mono<Map<Long, List<T>>> byRelation(Flux<T> rows, Function<T, Long> relation) {
		return rows.collect(Collectors.groupingBy(relation));
	}

	private Mono<DocsSchemas.Output> describeFromOpenApi(String schema, DocsSchemas.Input input) {
		return this.rest.openApi(schema).map((body) -> {
			JsonNode document = parse(body);
			List<DocsSchemas.Table> all = SupabaseMapper.tablesFromOpenApi(document, SupabaseMapper.paths(document));
			int from = (int) Math.min((long) (input.page() - 1) * input.pageSize(), all.size());
			int to = Math.min(from + input.pageSize(), all.size());
			return output(schema, "postgrest", all.subList(from, to), input, all.size());
		});
	}

	private static JsonNode parse(String body) {
		try {
			return JSON.readTree(body);
		}
		catch (RuntimeException ex) {
			throw new BackendException(BACKEND, "PostgREST's OpenAPI description is not valid JSON");
		}
	}

	private static DocsSchemas.Output output(String schema, String source, List<DocsSchemas.Table> tables,
			DocsSchemas.Input input, int total) {
		long seen = (long) (input.page() - 1) * input.pageSize() + tables.size();
		Integer nextPage = (!tables.isEmpty() && seen < total) ? input.page() + 1 : null;
		String markdown = SchemaMarkdown.render(schema, source, tables, input.page(), input.pageSize(), total);
		return new DocsSchemas.Output(schema, schema, input.namedBy(), source, tables, input.page(), total, nextPage,
				markdown);
	}

	/**
	 * PostgREST's raw OpenAPI description for {@code docs_apis} and client generation, or
	 * empty when the tenant has no PostgREST URL and key.
	 */
	public Mono<String> restOpenApi() {
		return (this.rest == null) ? Mono.empty() : this.rest.openApi(null);
	}

	public boolean hasRestApi() {
		return this.rest != null;
	}

	public BackendProbe probe() {
		return new SupabaseProbe(this);
	}

	/**
	 * The server version as the catalog reports it, or PostgREST's version when only REST
	 * is configured.
	 */
	Mono<String> version() {
		if (this.catalog != null) {
			return this.catalog.readOnly(this.catalog::serverVersion).map((version) -> "PostgreSQL " + version);
		}
		if (this.rest != null) {
			return this.rest.openApi(null)
				.map((body) -> "PostgREST " + parse(body).path("info").path("version").asString("unknown"));
		}
		return Mono.error(new BackendNotConfiguredException(Backend.SUPABASE));
	}

	/** What the probe says it checked. */
	String probeTarget() {
		return (this.catalog != null) ? "a read-only catalog query" : "PostgREST's OpenAPI root";
	}

	@Override
	public void close() {
		if (this.pool != null) {
			this.pool.dispose();
		}
		if (this.rest != null) {
			this.rest.close();
		}
	}

}
