package cl.smartercl.mcp.connectors.supabase;

import java.net.URI;
import java.time.Duration;

import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import cl.smartercl.mcp.connectors.config.Secret;
import cl.smartercl.mcp.connectors.support.BackendAddress;
import cl.smartercl.mcp.connectors.support.BackendHttpClient;
import cl.smartercl.mcp.core.error.BackendException;
import cl.smartercl.mcp.core.error.NotFoundException;
import cl.smartercl.mcp.core.error.ServiceUnavailableException;
import cl.smartercl.mcp.core.error.ToolException;

/**
 * The PostgREST wire (see backend-notes/supabase.md §1, §2 option B, §4): the OpenAPI
 * root {@code GET /rest/v1/} behind the Supabase gateway, authenticated with the
 * {@code apikey} header.
 */
final class SupabaseApi implements AutoCloseable {

	/** A description of a large schema easily passes WebClient's 256 KiB default. */
	static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final BackendHttpClient http;

	private final WebClient client;

	private final Secret apiKey;

	private final Duration timeout;

	SupabaseApi(URI restUrl, Secret apiKey, Duration timeout) {
		this.apiKey = apiKey;
		this.timeout = timeout;
		URI root = root(restUrl);
		this.http = BackendHttpClient
			.builder(BackendAddress.of(SupabaseCatalog.SERVICE, "PostgREST", root), "postgrest")
			.maxConnections(8)
			.connectTimeout(Duration.ofMillis(Math.min(timeout.toMillis(), 10_000)))
			.responseTimeout(timeout)
			.maxBodyBytes(MAX_BODY_BYTES)
			.build();
		this.client = this.http.web().mutate().baseUrl(root.toString()).build();
	}

	/**
	 * {@code rest-url} is the Supabase API URL (the gateway, e.g.
	 * {@code http://kong:8000}): PostgREST sits under {@code /rest/v1/}. A URL that
	 * already has a path is taken as PostgREST's own root.
	 */
	static URI root(URI restUrl) {
		String url = restUrl.toString();
		String path = restUrl.getPath();
		if (path == null || path.isEmpty() || path.equals("/")) {
			return URI.create(url.replaceAll("/+$", "") + "/rest/v1/");
		}
		return URI.create(url.endsWith("/") ? url : url + "/");
	}

	/**
	 * The OpenAPI (Swagger 2.0) document of one exposed schema ({@code Accept-Profile}),
	 * or of the first schema of {@code db-schemas} when {@code schema} is {@code null}.
	 */
	Mono<String> openApi(String schema) {
		return this.client.get().uri("").headers((headers) -> {
			headers.set("apikey", this.apiKey.reveal());
			// Legacy keys are JWTs PostgREST reads itself; opaque sb_ keys are translated
			// by the
			// gateway and must only travel in apikey (backend-notes/supabase.md §1, quirk
			// 2).
			if (looksLikeJwt(this.apiKey.reveal())) {
				headers.setBearerAuth(this.apiKey.reveal());
			}
			headers.set("Accept", "application/openapi+json, application/json");
			if (schema != null) {
				headers.set("Accept-Profile", schema);
			}
		})
			.exchangeToMono((response) -> response.statusCode().is2xxSuccessful() ? response.bodyToMono(String.class)
					: failure(response, schema))
			.timeout(this.timeout.plusSeconds(1))
			.onErrorMap((error) -> this.http.failure(error, this.timeout));
	}

	@Override
	public void close() {
		this.http.close();
	}

	private static Mono<String> failure(ClientResponse response, String schema) {
		HttpStatusCode status = response.statusCode();
		return response.bodyToMono(String.class).defaultIfEmpty("").flatMap((body) -> {
			String code = errorCode(body);
			return Mono.error(translate(status.value(), code, schema));
		});
	}

	/**
	 * PostgREST and gateway errors in our own words; the body is only read for its
	 * {@code code}.
	 */
	static ToolException translate(int status, String code, String schema) {
		if ("PGRST106".equals(code)) {
			return new NotFoundException("Schema", String.valueOf(schema),
					"PostgREST exposes only the schemas listed in its db-schemas setting (PGRST_DB_SCHEMAS)");
		}
		if (status == 401) {
			return new BackendException(SupabaseCatalog.SERVICE,
					"the API key was refused (HTTP 401" + (code == null ? "" : ", " + code) + ")");
		}
		if (status == 403) {
			return new BackendException(SupabaseCatalog.SERVICE, "the API key may not read the OpenAPI description "
					+ "(HTTP 403); it needs the service_role or secret key");
		}
		if (status == 502 || status == 503 || status == 504) {
			return new ServiceUnavailableException(SupabaseCatalog.SERVICE,
					"the Supabase gateway answered HTTP " + status);
		}
		return new BackendException(SupabaseCatalog.SERVICE,
				"PostgREST answered HTTP " + status + (code == null ? "" : " with code " + code));
	}

	static String errorCode(String body) {
		try {
			JsonNode node = JSON.readTree(body);
			JsonNode code = node.get("code");
			return (code == null || code.isNull()) ? null : code.asString();
		}
		catch (RuntimeException notJson) {
			return null;
		}
	}

	static boolean looksLikeJwt(String key) {
		return key.startsWith("eyJ") && key.chars().filter((c) -> c == '.').count() == 2;
	}

}
