package cl.smartercl.mcp.client;

import java.util.concurrent.CompletableFuture;

import cl.smartercl.mcp.client.generated.ApiClient;
import cl.smartercl.mcp.client.generated.api.ServicesApi;
import cl.smartercl.mcp.client.model.ServicesDeployInput;
import cl.smartercl.mcp.client.model.ServicesDeployOutput;
import cl.smartercl.mcp.client.model.ServicesHealthInput;
import cl.smartercl.mcp.client.model.ServicesHealthOutput;
import cl.smartercl.mcp.client.model.ServicesListFilter;
import cl.smartercl.mcp.client.model.ServicesListInput;
import cl.smartercl.mcp.client.model.ServicesListOutput;
import cl.smartercl.mcp.client.model.ServicesLogsInput;
import cl.smartercl.mcp.client.model.ServicesLogsOutput;
import cl.smartercl.mcp.client.model.ServicesRestartInput;
import cl.smartercl.mcp.client.model.ServicesRestartOutput;

/**
 * The services tools:
 * {@code services_list, services_health, services_deploy, services_restart, services_logs}.
 */
public final class ServicesClient {

	/** Which services {@link #list(Filter)} returns. */
	public enum Filter {

		ALL(ServicesListFilter.ALL), FRONTEND(ServicesListFilter.FRONTEND), BACKEND(ServicesListFilter.BACKEND),
		INFRASTRUCTURE(ServicesListFilter.INFRASTRUCTURE);

		private final ServicesListFilter wire;

		Filter(ServicesListFilter wire) {
			this.wire = wire;
		}

		ServicesListFilter wire() {
			return this.wire;
		}

	}

	private final ServicesApi api;

	private final Calls calls;

	ServicesClient(ApiClient client, Calls calls) {
		this.api = new ServicesApi(client);
		this.calls = calls;
	}

	public ServicesListOutput list() {
		return list(new ServicesListInput());
	}

	public ServicesListOutput list(Filter filter) {
		return Calls.await(listAsync(filter));
	}

	public ServicesListOutput list(ServicesListInput input) {
		return Calls.await(listAsync(input));
	}

	public CompletableFuture<ServicesListOutput> listAsync(Filter filter) {
		return listAsync(new ServicesListInput().filter(filter.wire()));
	}

	public CompletableFuture<ServicesListOutput> listAsync(ServicesListInput input) {
		return this.calls.tool("services_list", () -> this.api.servicesList(input, Calls.NO_LOG_LEVEL));
	}

	/** Probes every service in parallel. */
	public ServicesHealthOutput health() {
		return health(new ServicesHealthInput());
	}

	public ServicesHealthOutput health(String serviceId) {
		return health(new ServicesHealthInput().serviceId(serviceId));
	}

	public ServicesHealthOutput health(ServicesHealthInput input) {
		return Calls.await(healthAsync(input));
	}

	public CompletableFuture<ServicesHealthOutput> healthAsync(ServicesHealthInput input) {
		return this.calls.tool("services_health", () -> this.api.servicesHealth(input, Calls.NO_LOG_LEVEL));
	}

	/**
	 * Deploys {@code version} (an image tag) of the service, rolling back if it turns
	 * unhealthy. A deploy may take minutes (the server allows it 15): build the client
	 * with a {@code timeout} that long for deploys. If this call times out first, the
	 * deploy still runs to its end on the server; a second deploy of the service
	 * meanwhile is refused with a conflict.
	 */
	public ServicesDeployOutput deploy(String serviceId, String version) {
		return deploy(new ServicesDeployInput().serviceId(serviceId).version(version));
	}

	public ServicesDeployOutput deploy(ServicesDeployInput input) {
		return Calls.await(deployAsync(input));
	}

	public CompletableFuture<ServicesDeployOutput> deployAsync(ServicesDeployInput input) {
		return this.calls.tool("services_deploy", () -> this.api.servicesDeploy(input, Calls.NO_LOG_LEVEL));
	}

	public ServicesRestartOutput restart(String serviceId) {
		return Calls.await(restartAsync(serviceId));
	}

	public CompletableFuture<ServicesRestartOutput> restartAsync(String serviceId) {
		ServicesRestartInput input = new ServicesRestartInput().serviceId(serviceId);
		return this.calls.tool("services_restart", () -> this.api.servicesRestart(input, Calls.NO_LOG_LEVEL));
	}

	/** The last {@code lines} lines of the service's container logs. */
	public ServicesLogsOutput logs(String serviceId, int lines) {
		return logs(new ServicesLogsInput().serviceId(serviceId).lines(lines));
	}

	public ServicesLogsOutput logs(ServicesLogsInput input) {
		return Calls.await(logsAsync(input));
	}

	public CompletableFuture<ServicesLogsOutput> logsAsync(ServicesLogsInput input) {
		return this.calls.tool("services_logs", () -> this.api.servicesLogs(input, Calls.NO_LOG_LEVEL));
	}

}
