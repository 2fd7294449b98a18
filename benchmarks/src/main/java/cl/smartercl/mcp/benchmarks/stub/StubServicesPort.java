package cl.smartercl.mcp.benchmarks.stub;

import java.util.List;

import reactor.core.publisher.Mono;

import cl.smartercl.mcp.core.error.ServiceUnavailableException;
import cl.smartercl.mcp.core.tool.ClientChannel;
import cl.smartercl.mcp.core.tools.services.ServiceType;
import cl.smartercl.mcp.core.tools.services.ServicesDeploy;
import cl.smartercl.mcp.core.tools.services.ServicesHealth;
import cl.smartercl.mcp.core.tools.services.ServicesList;
import cl.smartercl.mcp.core.tools.services.ServicesLogs;
import cl.smartercl.mcp.core.tools.services.ServicesPort;
import cl.smartercl.mcp.core.tools.services.ServicesRestart;

/**
 * The benchmark's trivial tool: {@code services_list} answered in process, at once, with
 * the same three services every time (no I/O, no backend). What a call costs is then our
 * stack alone: HTTP, bearer auth, scope check, interceptors, argument binding, JSON in
 * and out. Benchmark-only; the other services tools are refused.
 */
final class StubServicesPort implements ServicesPort {

	private static final ServicesList.Output SERVICES = new ServicesList.Output(List.of(
			new ServicesList.Service("web", "Web shop", ServiceType.FRONTEND, "running", "healthy", "web-1",
					"registry.local/web", "2.4.1"),
			new ServicesList.Service("api", "Orders API", ServiceType.BACKEND, "running", "healthy", "api-1",
					"registry.local/api", "1.9.0"),
			new ServicesList.Service("db", "PostgreSQL", ServiceType.INFRASTRUCTURE, "running", null, "db-1",
					"postgres", "16")),
			3);

	private static final Mono<ServicesList.Output> ANSWER = Mono.just(SERVICES);

	@Override
	public Mono<ServicesList.Output> list(ServicesList.Input input) {
		return ANSWER;
	}

	@Override
	public Mono<ServicesHealth.Output> health(ServicesHealth.Input input) {
		return refused();
	}

	@Override
	public Mono<ServicesDeploy.Output> deploy(ServicesDeploy.Input input, ClientChannel channel) {
		return refused();
	}

	@Override
	public Mono<ServicesRestart.Output> restart(ServicesRestart.Input input) {
		return refused();
	}

	@Override
	public Mono<ServicesLogs.Output> logs(ServicesLogs.Input input, ClientChannel channel) {
		return refused();
	}

	private static <T> Mono<T> refused() {
		return Mono.error(new ServiceUnavailableException("services", "the benchmark stub serves services_list only"));
	}

}
