package cl.smartercl.mcp.server.guide;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import cl.smartercl.mcp.core.auth.Principal;
import cl.smartercl.mcp.core.error.InvalidArgumentsException;
import cl.smartercl.mcp.core.tool.Catalog;
import cl.smartercl.mcp.core.tool.ToolDefinition;
import cl.smartercl.mcp.server.dispatch.ToolDispatcher;

/**
 * The agent workflows of the documentation as prompts, independent of the MCP revision.
 * Every prompt is listed to every caller (a prompt is text and grants nothing); getting
 * one states which of its tools the caller's token and tenant cannot use, so the agent
 * knows before it starts.
 */
@Component
public class AgentPrompts {

	/** One prompt argument. */
	public record Argument(String name, String description, boolean required, String defaultValue) {
	}

	/**
	 * One prompt.
	 *
	 * @param name the prompt's name
	 * @param title short title
	 * @param description what it does
	 * @param arguments its arguments
	 * @param tools the tools it uses, in order of use
	 */
	public record Prompt(String name, String title, String description, List<Argument> arguments, List<String> tools) {
	}

	/** A prompt rendered for one caller: the text to hand to the model. */
	public record Rendered(String description, String text) {
	}

	public static final List<Prompt> PROMPTS = List.of(
			new Prompt("check_and_restart_service", "Check a service's health and restart it if unhealthy",
					"Checks one service's health; if it is degraded or down, restarts it (the restart asks you to "
							+ "confirm), waits, and checks again.",
					List.of(new Argument("service_id", "Service id from services_list, e.g. n8n.", true, null),
							new Argument("wait_seconds",
									"Seconds to wait after the restart before checking again; " + "default 30.", false,
									"30")),
					List.of("services_health", "services_restart")),
			new Prompt("analyse_business_performance", "Analyse business performance",
					"Reads revenue and conversion KPIs, the sales pipeline, support quality and bot completion for a "
							+ "period, then recommends what to do next.",
					List.of(new Argument("period", "today, week or month; default week.", false, "week"),
							new Argument("bot_id",
									"The bot whose analytics to include, from bots_list; default: the "
											+ "first bot bots_list returns.",
									false, null)),
					List.of("analytics_kpis", "crm_pipeline_status", "support_metrics", "bots_list", "bots_analytics")),
			new Prompt("create_backup_workflow", "Create and run a backup workflow",
					"Generates an n8n workflow that backs up a database on a schedule, creates it (asks you to "
							+ "confirm), triggers it once and follows the execution until it completes.",
					List.of(new Argument("database", "The database to back up, e.g. smarteros.", true, null),
							new Argument("schedule", "When it runs; default daily at 2am.", false, "daily at 2am"),
							new Argument("destination", "Where the backup goes, e.g. aws-s3; default aws-s3.", false,
									"aws-s3")),
					List.of("generate_n8n_workflow", "workflows_create", "workflows_trigger", "workflows_status")));

	private final Catalog catalog;

	private final BiPredicate<Principal, String> usable;

	@Autowired
	public AgentPrompts(Catalog catalog, ToolDispatcher dispatcher) {
		this(catalog, dispatcher::isVisible);
	}

	/**
	 * @param usable whether a caller can use a tool (its scopes and its tenant's
	 * configuration)
	 */
	AgentPrompts(Catalog catalog, BiPredicate<Principal, String> usable) {
		this.catalog = catalog;
		this.usable = usable;
	}

	public static Optional<Prompt> find(String name) {
		return PROMPTS.stream().filter((prompt) -> prompt.name().equals(name)).findFirst();
	}

	/**
	 * Renders a prompt for {@code principal}.
	 * @param given the arguments as sent (may be {@code null})
	 * @throws InvalidArgumentsException for a required argument that is missing or an
	 * unknown one
	 */
	public Rendered render(Prompt prompt, Map<String, ?> given, Principal principal) {
		Map<String, String> arguments = arguments(prompt, given);
		StringBuilder text = new StringBuilder(switch (prompt.name()) {
			case "check_and_restart_service" -> checkAndRestart(arguments);
			case "analyse_business_performance" -> analyse(arguments);
			case "create_backup_workflow" -> backup(arguments);
			default -> throw new IllegalStateException("no text for prompt " + prompt.name());
		});
		text.append("\n\nTools this needs, with the scope each requires:");
		List<String> unusable = new ArrayList<>();
		for (String name : prompt.tools()) {
			ToolDefinition<?, ?> tool = this.catalog.find(name).orElseThrow();
			text.append("\n- ").append(name).append(" (").append(tool.scope().value()).append(")");
			if (principal != null && !this.usable.test(principal, name)) {
				unusable.add(name);
			}
		}
		if (!unusable.isEmpty()) {
			text.append("\n\nThis token or its tenant cannot use ")
				.append(String.join(", ", unusable))
				.append(" (a scope it lacks, or a backend the tenant has not configured): do the other steps, and "
						+ "say which steps could not be done and why.");
		}
		return new Rendered(prompt.description(), text.toString());
	}

	private static Map<String, String> arguments(Prompt prompt, Map<String, ?> given) {
		Map<String, String> arguments = new LinkedHashMap<>();
		if (given != null) {
			for (Map.Entry<String, ?> entry : given.entrySet()) {
				if (prompt.arguments().stream().noneMatch((argument) -> argument.name().equals(entry.getKey()))) {
					throw new InvalidArgumentsException(entry.getKey(),
							"unknown argument of prompt " + prompt.name() + " (expected "
									+ String.join(", ", prompt.arguments().stream().map(Argument::name).toList())
									+ ")");
				}
				if (entry.getValue() != null && !entry.getValue().toString().isBlank()) {
					arguments.put(entry.getKey(), entry.getValue().toString().strip());
				}
			}
		}
		for (Argument argument : prompt.arguments()) {
			if (!arguments.containsKey(argument.name())) {
				if (argument.required()) {
					throw new InvalidArgumentsException(argument.name(),
							"required argument of prompt " + prompt.name() + " is missing: " + argument.description());
				}
				if (argument.defaultValue() != null) {
					arguments.put(argument.name(), argument.defaultValue());
				}
			}
		}
		return arguments;
	}

	private static String checkAndRestart(Map<String, String> arguments) {
		String service = arguments.get("service_id");
		return "Check the health of the service '" + service + "' and restart it only if it is unhealthy.\n"
				+ "1. Call services_health with service_id \"" + service + "\".\n"
				+ "2. If it is healthy, stop and say so; do not restart it.\n"
				+ "3. If it is degraded or down, call services_restart with service_id \"" + service
				+ "\". SmarterMCP asks the user to confirm the restart; if they decline, stop and report that.\n"
				+ "4. Wait about " + arguments.get("wait_seconds") + " seconds, then call services_health again.\n"
				+ "5. Report the health before and after, and whether the restart fixed it.";
	}

	private static String analyse(Map<String, String> arguments) {
		String period = arguments.get("period");
		String bot = arguments.get("bot_id");
		return "Analyse the business's performance for the period '" + period + "' and recommend what to do next.\n"
				+ "1. Call analytics_kpis (all configured KPIs, e.g. revenue_mtd and conversion_rate).\n"
				+ "2. Call crm_pipeline_status: count and expected revenue per stage, especially negotiation.\n"
				+ "3. Call support_metrics with period \"" + period + "\": CSAT, resolution and response times.\n"
				+ ((bot != null) ? "4. Call bots_analytics with bot_id \"" + bot + "\" and period \"" + period + "\".\n"
						: "4. Call bots_list, then bots_analytics for the first bot with period \"" + period + "\".\n")
				+ "5. Write a short analysis citing the numbers, and two or three concrete recommendations. "
				+ "These tools only read; nothing is changed.";
	}

	private static String backup(Map<String, String> arguments) {
		String database = arguments.get("database");
		return "Create and run a workflow that backs up the database '" + database + "'.\n"
				+ "1. Call generate_n8n_workflow with description \"Backup " + database + " database "
				+ arguments.get("schedule") + "\" and services [\"postgresql\", \"" + arguments.get("destination")
				+ "\"].\n" + "2. Call workflows_create with name \"Daily DB Backup (" + database + ")\", the generated "
				+ "workflow as workflow_json and tags [\"backup\", \"automation\"]. SmarterMCP asks the user to "
				+ "confirm; if they decline, stop and report that.\n"
				+ "3. Call workflows_trigger with the new workflow's id to run it once now.\n"
				+ "4. Call workflows_status with the execution id until it is no longer running.\n"
				+ "5. Report the workflow id, its schedule and the execution's result.";
	}

}
