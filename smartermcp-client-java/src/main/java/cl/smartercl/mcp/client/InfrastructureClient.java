package cl.smartercl.mcp.client;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import cl.smartercl.mcp.client.generated.ApiClient;
import cl.smartercl.mcp.client.generated.api.InfrastructureApi;
import cl.smartercl.mcp.client.model.ContainersListFilter;
import cl.smartercl.mcp.client.model.ContainersListInput;
import cl.smartercl.mcp.client.model.ContainersListOutput;
import cl.smartercl.mcp.client.model.ContainersRestartInput;
import cl.smartercl.mcp.client.model.ContainersRestartOutput;
import cl.smartercl.mcp.client.model.InfraMetricsInput;
import cl.smartercl.mcp.client.model.InfraMetricsMetric;
import cl.smartercl.mcp.client.model.InfraMetricsOutput;
import cl.smartercl.mcp.client.model.InfraStatusOutput;

/**
 * The Docker host tools:
 * {@code infra_status, infra_metrics, containers_list, containers_restart}.
 */
public final class InfrastructureClient {

	private final InfrastructureApi api;

	private final Calls calls;

	InfrastructureClient(ApiClient client, Calls calls) {
		this.api = new InfrastructureApi(client);
		this.calls = calls;
	}

	public InfraStatusOutput status() {
		return Calls.await(statusAsync());
	}

	public CompletableFuture<InfraStatusOutput> statusAsync() {
		return this.calls.tool("infra_status", () -> this.api.infraStatus(Map.of(), Calls.NO_LOG_LEVEL));
	}

	/** Every metric, now. */
	public InfraMetricsOutput metrics() {
		return metrics(new InfraMetricsInput());
	}

	/** One metric over a period such as {@code 1h} or {@code 7d}. */
	public InfraMetricsOutput metrics(InfraMetricsMetric metric, String period) {
		return metrics(new InfraMetricsInput().metric(metric).period(period));
	}

	public InfraMetricsOutput metrics(InfraMetricsInput input) {
		return Calls.await(metricsAsync(input));
	}

	public CompletableFuture<InfraMetricsOutput> metricsAsync(InfraMetricsInput input) {
		return this.calls.tool("infra_metrics", () -> this.api.infraMetrics(input, Calls.NO_LOG_LEVEL));
	}

	public ContainersListOutput containers() {
		return containers(ContainersListFilter.ALL);
	}

	public ContainersListOutput containers(ContainersListFilter filter) {
		return Calls.await(containersAsync(filter));
	}

	public CompletableFuture<ContainersListOutput> containersAsync(ContainersListFilter filter) {
		ContainersListInput input = new ContainersListInput().filter(filter);
		return this.calls.tool("containers_list", () -> this.api.containersList(input, Calls.NO_LOG_LEVEL));
	}

	public ContainersRestartOutput restartContainer(String containerId) {
		return Calls.await(restartContainerAsync(containerId));
	}

	public CompletableFuture<ContainersRestartOutput> restartContainerAsync(String containerId) {
		ContainersRestartInput input = new ContainersRestartInput().containerId(containerId);
		return this.calls.tool("containers_restart", () -> this.api.containersRestart(input, Calls.NO_LOG_LEVEL));
	}

}
