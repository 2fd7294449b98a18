package cl.smartercl.mcp.core.tools.infrastructure;

import java.util.List;

import cl.smartercl.mcp.core.auth.Scope;
import cl.smartercl.mcp.core.tool.Backend;
import cl.smartercl.mcp.core.tool.Category;
import cl.smartercl.mcp.core.tool.ToolDefinition;
import cl.smartercl.mcp.core.tool.ToolHints;

/**
 * The four infrastructure tools over the Docker Engine API (and Prometheus when
 * configured).
 */
public final class InfrastructureTools {

	private static final Backend BACKEND = Backend.DOCKER;

	public static final ToolDefinition<InfraStatus.Input, InfraStatus.Output> INFRA_STATUS = new ToolDefinition<>(
			"infra_status", Category.INFRASTRUCTURE,
			"Host and container engine overview: engine version, CPUs, memory, containers by state, resource use, disk.",
			Scope.READ_SERVICES, ToolHints.readsBackend(), BACKEND, InfraStatus.Input.class, InfraStatus.Output.class,
			(ctx, in) -> ctx.port(InfrastructurePort.class).status(in));

	public static final ToolDefinition<InfraMetrics.Input, InfraMetrics.Output> INFRA_METRICS = new ToolDefinition<>(
			"infra_metrics", Category.INFRASTRUCTURE,
			"CPU, memory, network and disk time series over a period (e.g. 1h, 24h, 7d), from Prometheus when "
					+ "configured, else from the server's own container sampler.",
			Scope.READ_SERVICES, ToolHints.readsBackend(), BACKEND, InfraMetrics.Input.class, InfraMetrics.Output.class,
			(ctx, in) -> ctx.port(InfrastructurePort.class).metrics(in));

	public static final ToolDefinition<ContainersList.Input, ContainersList.Output> CONTAINERS_LIST = new ToolDefinition<>(
			"containers_list", Category.INFRASTRUCTURE,
			"List containers: all, running, stopped, or in error (exited non-zero, dead, restarting, unhealthy).",
			Scope.READ_SERVICES, ToolHints.readsBackend(), BACKEND, ContainersList.Input.class,
			ContainersList.Output.class, (ctx, in) -> ctx.port(InfrastructurePort.class).listContainers(in));

	public static final ToolDefinition<ContainersRestart.Input, ContainersRestart.Output> CONTAINERS_RESTART = new ToolDefinition<>(
			"containers_restart", Category.INFRASTRUCTURE, "Restart one container by id or name.", Scope.WRITE_SERVICES,
			new ToolHints(false, true, false, true), BACKEND, ContainersRestart.Input.class,
			ContainersRestart.Output.class, (ctx, in) -> ctx.port(InfrastructurePort.class).restartContainer(in));

	private InfrastructureTools() {
	}

	public static List<ToolDefinition<?, ?>> all() {
		return List.of(INFRA_STATUS, INFRA_METRICS, CONTAINERS_LIST, CONTAINERS_RESTART);
	}

}
