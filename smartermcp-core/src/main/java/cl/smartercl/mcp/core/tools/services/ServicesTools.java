package cl.smartercl.mcp.core.tools.services;

import java.time.Duration;
import java.util.List;

import cl.smartercl.mcp.core.auth.Scope;
import cl.smartercl.mcp.core.tool.Backend;
import cl.smartercl.mcp.core.tool.Category;
import cl.smartercl.mcp.core.tool.ToolDefinition;
import cl.smartercl.mcp.core.tool.ToolHints;

/** The five services tools. */
public final class ServicesTools {

	private static final Backend BACKEND = Backend.DOCKER;

	public static final ToolDefinition<ServicesList.Input, ServicesList.Output> SERVICES_LIST = new ToolDefinition<>(
			"services_list", Category.SERVICES,
			"List the services registered for this tenant (frontend, backend, infrastructure) with the live state, "
					+ "image and version of each one's container.",
			Scope.READ_SERVICES, ToolHints.readsBackend(), BACKEND, ServicesList.Input.class, ServicesList.Output.class,
			(ctx, in) -> ctx.port(ServicesPort.class).list(in));

	public static final ToolDefinition<ServicesHealth.Input, ServicesHealth.Output> SERVICES_HEALTH = new ToolDefinition<>(
			"services_health", Category.SERVICES,
			"Probe the health of one service, or of all services in parallel when no service_id is given; "
					+ "reports status, latency and what each probe answered.",
			Scope.READ_SERVICES, ToolHints.readsBackend(), "services", ServicesHealth.Input.class,
			ServicesHealth.Output.class, (ctx, in) -> ctx.port(ServicesPort.class).health(in))
		// the services registry and its container probes come with the Docker backend
		.requiring(BACKEND);

	/**
	 * A deploy outlasts the server's usual time-out: an image pull may take minutes and
	 * the new container must stay healthy for a while. The connector bounds each step (by
	 * default pulls 10 min, the health wait 1 min); cutting a deploy short between its
	 * steps could leave the service down.
	 */
	static final Duration DEPLOY_TIME_LIMIT = Duration.ofMinutes(15);

	public static final ToolDefinition<ServicesDeploy.Input, ServicesDeploy.Output> SERVICES_DEPLOY = new ToolDefinition<>(
			"services_deploy", Category.SERVICES,
			"Deploy a new image version of a service: pull, create a container with the same configuration, "
					+ "swap, health-check, and roll back to the old container if the new one fails.",
			Scope.WRITE_SERVICES, new ToolHints(false, true, false, true), BACKEND, ServicesDeploy.Input.class,
			ServicesDeploy.Output.class, (ctx, in) -> ctx.port(ServicesPort.class).deploy(in, ctx.channel()))
		.withTimeLimit(DEPLOY_TIME_LIMIT);

	public static final ToolDefinition<ServicesRestart.Input, ServicesRestart.Output> SERVICES_RESTART = new ToolDefinition<>(
			"services_restart", Category.SERVICES,
			"Restart the container of a service and report when it started again.", Scope.WRITE_SERVICES,
			new ToolHints(false, true, false, true), BACKEND, ServicesRestart.Input.class, ServicesRestart.Output.class,
			(ctx, in) -> ctx.port(ServicesPort.class).restart(in));

	public static final ToolDefinition<ServicesLogs.Input, ServicesLogs.Output> SERVICES_LOGS = new ToolDefinition<>(
			"services_logs", Category.SERVICES,
			"Read the last lines of a service's container logs (stdout and stderr); with follow, new lines are "
					+ "streamed for a bounded time.",
			Scope.READ_SERVICES, ToolHints.readsBackend(), BACKEND, ServicesLogs.Input.class, ServicesLogs.Output.class,
			(ctx, in) -> ctx.port(ServicesPort.class).logs(in, ctx.channel()));

	private ServicesTools() {
	}

	public static List<ToolDefinition<?, ?>> all() {
		return List.of(SERVICES_LIST, SERVICES_HEALTH, SERVICES_DEPLOY, SERVICES_RESTART, SERVICES_LOGS);
	}

}
