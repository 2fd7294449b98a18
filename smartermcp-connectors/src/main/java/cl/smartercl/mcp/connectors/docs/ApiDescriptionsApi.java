package cl.smartercl.mcp.connectors.docs;

import java.io.File;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import javax.net.ssl.SSLException;

import io.netty.channel.ChannelOption;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import cl.smartercl.mcp.connectors.config.BackendsConfig;
import cl.smartercl.mcp.connectors.config.Secret;
import cl.smartercl.mcp.core.error.BackendException;
import cl.smartercl.mcp.core.error.ServiceUnavailableException;
import cl.smartercl.mcp.core.error.ToolException;

/**
 * Every request {@code docs_apis} sends to fetch a backend's own API description: n8n and the Docker
 * Engine's {@code /version} (PostgREST's goes through the Supabase connector, Metabase's through the
 * Metabase connector's {@code MetabaseApiDescription}). A 404
 * means "this instance serves none" and reads as empty; other failures are errors.
 */
final class ApiDescriptionsApi {

	/** n8n's embedded description can be large; WebClient's default buffer is 256 KiB. */
	static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

	static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String INIT_MARKER = "var options = ";

	/** Reads the one JSON value at the start of a script and ignores the JavaScript after it. */
	private static final JsonMapper LENIENT = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	/**
	 * n8n 2.x serves the bundled spec at {@code /api/v1/openapi.yml}; n8n 1.x (checked on 1.123.81)
	 * answers that path with 404 and only embeds the document in the Swagger UI's init script, unless
	 * {@code N8N_PUBLIC_API_SWAGGERUI_DISABLED} is set (backend-notes/n8n.md §1).
	 */
	Mono<Optional<String>> n8n(BackendsConfig.N8n n8n) {
		WebClient client = http(n8n.url().toString());
		return get(client, "/api/v1/openapi.yml", "n8n", "X-N8N-API-KEY", n8n.apiKey())
			.flatMap((yaml) -> yaml.isPresent() ? Mono.just(yaml)
					: get(client, "/api/v1/docs/swagger-ui-init.js", "n8n", "X-N8N-API-KEY", n8n.apiKey())
						.map((script) -> script.map(ApiDescriptionsApi::swaggerDocOf)));
	}

	/** {@code GET /version}, unversioned on purpose: it is how clients learn which versions exist. */
	Mono<DockerVersion> docker(BackendsConfig.Docker docker) {
		return dockerClient(docker).get()
			.uri("/version")
			.responseSingle((response, body) -> {
				int status = response.status().code();
				if (status != 200) {
					return Mono.error(new BackendException("docker", "GET /version answered HTTP " + status));
				}
				return body.asString();
			})
			.map((body) -> {
				JsonNode version = readJson(body);
				JsonNode component = version.path("Components").path(0);
				String engine = component.isMissingNode() ? "Docker Engine"
						: component.path("Name").asString("Docker Engine");
				return new DockerVersion(engine, version.path("Version").asString(null),
						version.path("ApiVersion").asString(null), version.path("MinAPIVersion").asString(null));
			})
			.timeout(TIMEOUT.plusSeconds(1), Mono.error(() -> new ServiceUnavailableException("docker",
					"no answer within " + TIMEOUT.toSeconds() + " s")))
			.onErrorMap((error) -> !(error instanceof ToolException),
					(error) -> new ServiceUnavailableException("docker", "cannot connect (" + rootCause(error) + ")",
							error));
	}

	private static JsonNode readJson(String body) {
		try {
			return JSON.readTree(body);
		}
		catch (JacksonException ex) {
			throw new BackendException("docker", "GET /version did not answer JSON");
		}
	}

	record DockerVersion(String engine, String version, String apiVersion, String minApiVersion) {
	}

	/** The {@code swaggerDoc} object that swagger-ui-express writes as JSON into its init script. */
	static String swaggerDocOf(String script) {
		int start = script.indexOf(INIT_MARKER);
		if (start < 0) {
			throw new BackendException("n8n", "the Swagger UI script does not embed an API description");
		}
		try (JsonParser parser = LENIENT.createParser(script.substring(start + INIT_MARKER.length()))) {
			JsonNode doc = LENIENT.readTree(parser).get("swaggerDoc");
			if (doc == null || !doc.isObject()) {
				throw new BackendException("n8n", "the Swagger UI script does not embed an API description");
			}
			return JSON.writeValueAsString(doc);
		}
		catch (JacksonException ex) {
			throw new BackendException("n8n", "the API description in the Swagger UI script is not valid JSON");
		}
	}

	private static Mono<Optional<String>> get(WebClient client, String path, String service, String keyHeader,
			Secret key) {
		return client.get()
			.uri(path)
			.headers((headers) -> {
				if (keyHeader != null && key != null) {
					headers.set(keyHeader, key.reveal());
				}
			})
			.exchangeToMono((response) -> read(response, service))
			.timeout(TIMEOUT.plusSeconds(1), Mono.error(() -> new ServiceUnavailableException(service,
					"no answer within " + TIMEOUT.toSeconds() + " s")))
			.onErrorMap(WebClientRequestException.class,
					(error) -> new ServiceUnavailableException(service, "cannot connect (" + rootCause(error) + ")",
							error));
	}

	private static Mono<Optional<String>> read(ClientResponse response, String service) {
		int status = response.statusCode().value();
		if (response.statusCode().is2xxSuccessful()) {
			return response.bodyToMono(String.class).map(Optional::of);
		}
		// The body is drained, never shown: error pages may echo request details.
		Mono<Void> drained = response.releaseBody();
		if (status == 404) {
			return drained.thenReturn(Optional.empty());
		}
		if (status == 401 || status == 403) {
			return drained.then(Mono.error(
					new BackendException(service, "the configured credentials were refused (HTTP " + status + ")")));
		}
		if (status == 502 || status == 503 || status == 504) {
			return drained.then(Mono.error(new ServiceUnavailableException(service, "it answered HTTP " + status)));
		}
		return drained.then(Mono.error(new BackendException(service, "it answered HTTP " + status)));
	}

	private static WebClient http(String baseUrl) {
		HttpClient http = HttpClient.create()
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
			.responseTimeout(TIMEOUT);
		return client(baseUrl, http);
	}

	/**
	 * Reactor Netty directly rather than WebClient: WebClient sends absolute URIs, and an absolute URI
	 * makes Reactor Netty connect to its host instead of the configured unix socket. Over a socket the
	 * Host header is a dummy name, {@code api.moby.localhost} like Docker's Go client
	 * (backend-notes/docker.md §1). {@code tcp://} with client certificates is mutual TLS; Netty reads
	 * PKCS#8 keys ({@code openssl pkcs8 -topk8} converts the RSA keys {@code docker-machine} writes).
	 */
	private static HttpClient dockerClient(BackendsConfig.Docker docker) {
		String host = docker.host();
		HttpClient http = HttpClient.create().responseTimeout(TIMEOUT);
		if (host.startsWith("unix://")) {
			String socket = URI.create(host).getPath();
			return http.remoteAddress(() -> new DomainSocketAddress(socket))
				.headers((headers) -> headers.set("Host", "api.moby.localhost"));
		}
		URI uri = URI.create(host.startsWith("tcp://") ? host.replaceFirst("^tcp://", "http://") : host);
		http = http.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);
		if (docker.tlsCert() != null && docker.tlsKey() != null) {
			SslContext tls = tls(docker);
			http = http.secure((spec) -> spec.sslContext(tls));
			uri = URI.create(uri.toString().replaceFirst("^http://", "https://"));
		}
		return http.baseUrl(uri.toString());
	}

	private static SslContext tls(BackendsConfig.Docker docker) {
		try {
			SslContextBuilder builder = SslContextBuilder.forClient()
				.keyManager(new File(docker.tlsCert()), new File(docker.tlsKey()));
			if (docker.tlsCaCert() != null) {
				builder.trustManager(new File(docker.tlsCaCert()));
			}
			return builder.build();
		}
		catch (SSLException | IllegalArgumentException ex) {
			throw new ServiceUnavailableException("docker", "the TLS files of the docker backend cannot be read", ex);
		}
	}

	private static WebClient client(String baseUrl, HttpClient http) {
		return WebClient.builder()
			.baseUrl(baseUrl)
			.clientConnector(new ReactorClientHttpConnector(http))
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(MAX_BODY_BYTES))
			.build();
	}

	private static String rootCause(Throwable error) {
		Throwable cause = error;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause.getClass().getSimpleName();
	}

}
