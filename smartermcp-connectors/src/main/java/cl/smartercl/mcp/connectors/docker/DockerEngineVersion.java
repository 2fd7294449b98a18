package cl.smartercl.mcp.connectors.docker;

import reactor.core.publisher.Mono;

import cl.smartercl.mcp.connectors.config.BackendsConfig;
import cl.smartercl.mcp.core.error.ServiceUnavailableException;

/**
 * For {@code docs_apis docker}: which engine answers and which API versions it accepts,
 * read through {@link DockerApi} on the connector's own transport (the default socket,
 * TCP, CA-only or mutual TLS), so docs_apis reaches the engine exactly as the other
 * Docker tools do. Short-lived: the documentation service caches the answer.
 *
 * @param engine the product ({@code Docker Engine}, {@code Podman Engine})
 * @param version its version
 * @param apiVersion the newest API version it serves
 * @param minApiVersion the oldest it accepts
 */
public record DockerEngineVersion(String engine, String version, String apiVersion, String minApiVersion) {

	public static Mono<DockerEngineVersion> fetch(String tenantId, BackendsConfig.Docker docker) {
		return Mono
			.using(() -> new DockerApi(DockerTransport.create(docker, tenantId + "-docs"), DockerSettings.DEFAULTS,
					tenantId), (api) -> api.engineVersion(), DockerApi::close)
			.onErrorMap(IllegalArgumentException.class, (ex) -> new ServiceUnavailableException(DockerApi.SERVICE,
					"the docker backend's settings cannot be used: " + ex.getMessage(), ex));
	}

}
