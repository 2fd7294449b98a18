package cl.smartercl.mcp.connectors.config;

import java.util.Objects;

import cl.smartercl.mcp.core.tools.services.ServiceType;

/**
 * One entry of a tenant's service registry.
 *
 * @param id the id tools take ({@code service_id})
 * @param name a display name
 * @param type frontend, backend or infrastructure
 * @param container the container name, or {@code null} when found by
 * {@code composeService}
 * @param composeService the {@code com.docker.compose.service} label value, or
 * {@code null}
 * @param health {@code backend} (the backend connector's own authenticated probe), an
 * http(s) URL, or {@code null} (container state only)
 * @param docs free text shown by {@code docs_services}, or {@code null}
 */
public record ServiceConfig(String id, String name, ServiceType type, String container, String composeService,
		String health, String docs) {

	public ServiceConfig {
		Objects.requireNonNull(id, "id");
		name = (name == null) ? id : name;
		type = (type == null) ? ServiceType.BACKEND : type;
	}

}
