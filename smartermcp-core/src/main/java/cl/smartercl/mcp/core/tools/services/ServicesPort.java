package cl.smartercl.mcp.core.tools.services;

import reactor.core.publisher.Mono;

import cl.smartercl.mcp.core.tool.ClientChannel;

/** What the services tools need from a tenant's service registry and container engine. */
public interface ServicesPort {

	Mono<ServicesList.Output> list(ServicesList.Input input);

	Mono<ServicesHealth.Output> health(ServicesHealth.Input input);

	Mono<ServicesDeploy.Output> deploy(ServicesDeploy.Input input, ClientChannel channel);

	Mono<ServicesRestart.Output> restart(ServicesRestart.Input input);

	/** With {@code follow}, lines also go to the channel as they come. */
	Mono<ServicesLogs.Output> logs(ServicesLogs.Input input, ClientChannel channel);

}
