package cl.smartercl.mcp.core.tools.infrastructure;

import reactor.core.publisher.Mono;

/** What the infrastructure tools need from a tenant's container hosts and metrics. */
public interface InfrastructurePort {

	Mono<InfraStatus.Output> status(InfraStatus.Input input);

	Mono<InfraMetrics.Output> metrics(InfraMetrics.Input input);

	Mono<ContainersList.Output> listContainers(ContainersList.Input input);

	Mono<ContainersRestart.Output> restartContainer(ContainersRestart.Input input);

}
