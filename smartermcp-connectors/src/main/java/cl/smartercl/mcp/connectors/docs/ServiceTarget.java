package cl.smartercl.mcp.connectors.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import cl.smartercl.mcp.connectors.config.ServiceConfig;
import cl.smartercl.mcp.connectors.config.TenantConfig;
import cl.smartercl.mcp.core.error.InvalidArgumentsException;
import cl.smartercl.mcp.core.error.NotFoundException;

/**
 * What a {@code service_id} names for one tenant: an entry of its service registry (whose
 * backend kind is guessed from its id, compose service, container or name), or a backend
 * kind itself.
 *
 * @param id the id as asked
 * @param name a display name
 * @param kind the backend kind, or {@code null} for a registry service that is no known
 * backend
 * @param service the registry entry, or {@code null} when a backend kind was named
 */
record ServiceTarget(String id, String name, BackendKind kind, ServiceConfig service) {

	Optional<BackendKind> knownKind() {
		return Optional.ofNullable(this.kind);
	}

	static ServiceTarget resolve(TenantConfig tenant, String serviceId) {
		if (serviceId == null || serviceId.isBlank()) {
			throw new InvalidArgumentsException("service_id", "must name a service, e.g. n8n");
		}
		String id = serviceId.strip();
		for (ServiceConfig service : tenant.services()) {
			if (service.id().equals(id)) {
				BackendKind kind = Stream
					.of(service.id(), service.composeService(), service.container(), service.name())
					.map(BackendKind::guess)
					.flatMap(Optional::stream)
					.findFirst()
					.orElse(null);
				return new ServiceTarget(id, service.name(), kind, service);
			}
		}
		Optional<BackendKind> kind = BackendKind.named(id);
		if (kind.isPresent()) {
			return new ServiceTarget(id, kind.get().title(), kind.get(), null);
		}
		List<String> known = new ArrayList<>();
		tenant.services().forEach((service) -> known.add(service.id()));
		for (BackendKind backend : BackendKind.values()) {
			if (backend.configuredIn(tenant.backends()) && !known.contains(backend.id())) {
				known.add(backend.id());
			}
		}
		throw new NotFoundException("Service", id, known.isEmpty()
				? "This tenant has no services or backends configured" : "Known services: " + String.join(", ", known));
	}

}
