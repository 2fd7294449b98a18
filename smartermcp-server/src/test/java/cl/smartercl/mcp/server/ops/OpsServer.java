package cl.smartercl.mcp.server.ops;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import cl.smartercl.mcp.connectors.ports.ConnectorProvider;
import cl.smartercl.mcp.core.auth.ScopeSet;
import cl.smartercl.mcp.core.schema.ToolJson;
import cl.smartercl.mcp.server.SmarterMcpApplication;
import cl.smartercl.mcp.server.auth.IssuedToken;
import cl.smartercl.mcp.server.auth.TenantService;
import cl.smartercl.mcp.server.auth.TokenService;
import cl.smartercl.mcp.server.ratelimit.RateLimitClock;

/**
 * One running SmarterMCP server started by hand, for the tests that a single
 * {@code @SpringBootTest} context cannot serve: two replicas sharing Redis and
 * PostgreSQL, or a server on a PostgreSQL database the test then stops. The real
 * application on a random port, its own embedded store in a temporary directory (or the
 * PostgreSQL database it is given), a tenants file, and optionally stub connectors and a
 * test clock for the rate limits. The other operations tests use {@link OpsTestSupport}.
 */
final class OpsServer implements AutoCloseable {

	static final String ADMIN_TOKEN = "smcp_opsTestAdminToken_0123456789abcdefghijklmnop";

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final ConfigurableApplicationContext context;

	private final int port;

	private final Path directory;

	private OpsServer(ConfigurableApplicationContext context, Path directory) {
		this.context = context;
		this.directory = directory;
		this.port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
	}

	static Builder builder() {
		return new Builder();
	}

	static final class Builder {

		private final Map<String, Object> properties = new LinkedHashMap<>();

		private final List<String> tenants = new ArrayList<>();

		private ConnectorProvider connectors;

		private RateLimitClock clock;

		Builder property(String name, Object value) {
			this.properties.put(name, value);
			return this;
		}

		Builder tenants(String... ids) {
			this.tenants.addAll(List.of(ids));
			return this;
		}

		Builder connectors(ConnectorProvider connectors) {
			this.connectors = connectors;
			return this;
		}

		Builder clock(RateLimitClock clock) {
			this.clock = clock;
			return this;
		}

		OpsServer start() {
			try {
				Path directory = Files.createTempDirectory("smartermcp-ops");
				Map<String, Object> all = new LinkedHashMap<>();
				all.put("server.port", 0);
				all.put("smartermcp.data-dir", directory.resolve("data").toString());
				all.put("smartermcp.admin-token", ADMIN_TOKEN);
				if (!this.tenants.isEmpty()) {
					StringBuilder yaml = new StringBuilder("tenants:\n");
					this.tenants.forEach((id) -> yaml.append("  ").append(id).append(": {}\n"));
					Path file = directory.resolve("tenants.yaml");
					Files.writeString(file, yaml);
					all.put("smartermcp.tenants-file", file.toString());
				}
				all.putAll(this.properties);
				ConnectorProvider connectors = this.connectors;
				RateLimitClock clock = this.clock;
				ConfigurableApplicationContext context = new SpringApplicationBuilder(SmarterMcpApplication.class)
					.initializers((ctx) -> {
						ctx.getEnvironment().getPropertySources().addFirst(new MapPropertySource("ops-test", all));
						if (connectors != null) {
							ctx.getBeanFactory().registerSingleton("stubConnectors", connectors);
						}
						if (clock != null) {
							ctx.getBeanFactory().registerSingleton("testRateLimitClock", clock);
						}
					})
					.run();
				return new OpsServer(context, directory);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

	ConfigurableApplicationContext context() {
		return this.context;
	}

	int port() {
		return this.port;
	}

	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	/** A new token of {@code tenant} (created when missing) with every scope. */
	IssuedToken issueToken(String tenant, String name) {
		return issueToken(tenant, name, ScopeSet.all());
	}

	IssuedToken issueToken(String tenant, String name, ScopeSet scopes) {
		return bean(TenantService.class).ensureTenants(List.of(tenant))
			.then(bean(TokenService.class).issue(tenant, name, scopes, null))
			.block(Duration.ofSeconds(30));
	}

	Answer call(String token, String tool, String arguments) {
		return callAsync(token, tool, arguments).join();
	}

	CompletableFuture<Answer> callAsync(String token, String tool, String arguments) {
		HttpRequest request = HttpRequest.newBuilder(uri("/tools/" + tool))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(arguments))
			.timeout(Duration.ofSeconds(120))
			.build();
		return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(Answer::new);
	}

	Answer get(String pathAndQuery, String token) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(60)).GET();
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		try {
			return new Answer(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	URI uri(String pathAndQuery) {
		return URI.create("http://127.0.0.1:" + this.port + pathAndQuery);
	}

	@Override
	public void close() {
		this.context.close();
		try (var files = Files.walk(this.directory)) {
			files.sorted(java.util.Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// a leftover temporary directory is harmless
		}
	}

	/** One HTTP answer. */
	record Answer(int status, java.net.http.HttpHeaders headers, String body) {

		Answer(HttpResponse<String> response) {
			this(response.statusCode(), response.headers(), response.body());
		}

		JsonNode json() {
			return ToolJson.mapper().readTree(this.body);
		}

		String header(String name) {
			return this.headers.firstValue(name).orElse(null);
		}

		long longHeader(String name) {
			return Long.parseLong(this.headers.firstValue(name)
				.orElseThrow(() -> new AssertionError("no header " + name + " on " + this.status + " " + this.body)));
		}

	}

}
