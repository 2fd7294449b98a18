package cl.smartercl.mcp.connectors.codegen;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import cl.smartercl.mcp.connectors.codegen.DescriptionReader.Action;
import cl.smartercl.mcp.connectors.codegen.DescriptionReader.Ask;
import cl.smartercl.mcp.connectors.codegen.DescriptionReader.Step;
import cl.smartercl.mcp.connectors.codegen.DescriptionReader.TriggerKind;
import cl.smartercl.mcp.core.error.InvalidArgumentsException;
import cl.smartercl.mcp.core.tools.codegen.GenerateN8nWorkflow;

/**
 * The deterministic planner: a description read by {@link DescriptionReader} becomes a
 * linear n8n graph of real node types (trigger → steps), with an on-demand Webhook entry
 * when it starts on a schedule or an app event. What it could not read is returned, never
 * guessed.
 */
final class WorkflowPlanner {

	/**
	 * Names of the {@code services} argument → the service names of
	 * {@link DescriptionReader.Step}.
	 */
	private static final Map<String, String> SERVICES = Map.ofEntries(Map.entry("postgres", "postgres"),
			Map.entry("postgresql", "postgres"), Map.entry("pg", "postgres"), Map.entry("supabase", "supabase"),
			Map.entry("s3", "s3"), Map.entry("aws", "s3"), Map.entry("aws s3", "s3"), Map.entry("minio", "s3"),
			Map.entry("slack", "slack"), Map.entry("email", "email"), Map.entry("e-mail", "email"),
			Map.entry("mail", "email"), Map.entry("smtp", "email"), Map.entry("http", "http"), Map.entry("api", "http"),
			Map.entry("shopify", "shopify"));

	private static final Map<String, String> CREDENTIALS = Map.of("postgres", "Postgres", "supabase", "Supabase", "s3",
			"AWS (S3)", "slack", "Slack", "email", "SMTP", "shopify", "Shopify");

	private final Supplier<UUID> ids;

	WorkflowPlanner(Supplier<UUID> ids) {
		this.ids = ids;
	}

	GenerateN8nWorkflow.Output plan(GenerateN8nWorkflow.Input input) {
		List<String> notes = new ArrayList<>();
		List<String> services = services(input.services(), notes);
		Ask ask = DescriptionReader.read(input.description(), services);
		notes.addAll(ask.notes());
		List<String> labels = ask.steps().stream().map(WorkflowPlanner::label).toList();
		String name = name(ask.trigger().label(), labels);
		String slug = slug(labels.isEmpty() ? ask.trigger().label() : String.join(" ", labels));
		GraphBuilder graph = new GraphBuilder(this.ids);
		String previous = trigger(graph, ask, slug, notes);
		int column = columnAfter(graph, previous);
		Step before = null;
		for (Step step : ask.steps()) {
			for (Map.Entry<String, N8nNodes.Spec> node : nodes(step, before, name, notes)) {
				String added = graph.add(node.getKey(), node.getValue(), column++ * GraphBuilder.COLUMN, 0);
				graph.connect(previous, added);
				previous = added;
			}
			before = step;
		}
		if (ask.steps().isEmpty()) {
			notes.add("The description names no step SmarterMCP could map; the workflow only has its trigger.");
		}
		OnDemandEntry.addTo(graph, slug)
			.ifPresent((path) -> notes.add("Added a 'Run now' webhook (POST /webhook/" + path
					+ ") that answers with its execution id, so workflows_trigger can run the workflow now."));
		if (ask.timezone() != null) {
			((ObjectNode) graph.workflow().get("settings")).put("timezone", ask.timezone());
		}
		else if (ask.trigger().kind() == TriggerKind.SCHEDULE
				&& ask.trigger().schedule().spec().parameters().toString().contains("cronExpression")) {
			notes.add("Times follow the n8n instance's timezone (settings.timezone is not set).");
		}
		Set<String> credentials = new LinkedHashSet<>();
		if (ask.trigger().kind() == TriggerKind.SHOPIFY) {
			credentials.add(CREDENTIALS.get("shopify"));
		}
		ask.steps()
			.stream()
			.map(Step::service)
			.filter(CREDENTIALS::containsKey)
			.map(CREDENTIALS::get)
			.forEach(credentials::add);
		if (!credentials.isEmpty()) {
			notes.add("Pick credentials in n8n for: " + String.join(", ", credentials) + ".");
		}
		graph.workflow().put("name", name);
		ObjectNode checked;
		try {
			checked = GeneratedWorkflows.check(graph.workflow(), this.ids);
		}
		catch (InvalidArgumentsException ex) {
			throw new IllegalStateException("the planner built an invalid workflow for '" + input.description() + "'",
					ex);
		}
		return new GenerateN8nWorkflow.Output(name, GeneratedWorkflows.toMap(checked), "planner", ask.unmapped(),
				notes);
	}

	/**
	 * Adds the trigger (and the webhook's answer) and returns the node the first step
	 * follows.
	 */
	private String trigger(GraphBuilder graph, Ask ask, String slug, List<String> notes) {
		DescriptionReader.Trigger trigger = ask.trigger();
		switch (trigger.kind()) {
			case SCHEDULE -> {
				return graph.add("Schedule: " + trigger.label(), trigger.schedule().spec(), 0, 0);
			}
			case SHOPIFY -> {
				String node = graph.add("Shopify: " + trigger.topic(),
						N8nNodes.shopifyTrigger(trigger.topic(), graph.newWebhookId()), 0, 0);
				disable(graph.workflow(), node);
				notes.add(
						"The Shopify trigger is disabled: n8n registers it at Shopify on activation, which needs Shopify "
								+ "credentials. Pick them in n8n, then enable the node.");
				return node;
			}
			default -> {
				String path = (trigger.path() != null) ? trigger.path() : "smartermcp-" + slug + "-" + graph.suffix();
				String webhook = graph.add("Webhook", N8nNodes.webhook("POST", path, graph.newWebhookId()), 0, 0);
				String respond = graph.add("Answer with execution id", N8nNodes.respondWithExecutionId(),
						GraphBuilder.COLUMN, 0);
				graph.connect(webhook, respond);
				if (trigger.kind() == TriggerKind.NONE) {
					notes.add("The description names no trigger: the workflow runs when its webhook is called "
							+ "(POST /webhook/" + path + ", e.g. by workflows_trigger).");
				}
				else {
					notes.add("Webhook: POST /webhook/" + path
							+ "; it answers with the execution id, and the JSON body " + "becomes the item.");
				}
				if (ask.steps().isEmpty()) {
					return respond;
				}
				String body = graph.add("Use request body", N8nNodes.requestBody(), 2 * GraphBuilder.COLUMN, 0);
				graph.connect(respond, body);
				return body;
			}
		}
	}

	private static List<Map.Entry<String, N8nNodes.Spec>> nodes(Step step, Step before, String name,
			List<String> notes) {
		String text = (step.text() != null) ? step.text()
				: "=Workflow '" + name + "' ran (execution {{ $execution.id }}) at {{ $now.toISO() }}";
		return switch (step.action()) {
			case DB_READ -> List.of(Map.entry(label(step), "supabase".equals(step.service())
					? N8nNodes.supabaseGetAll(step.target()) : N8nNodes.postgresSelect(step.target())));
			case DB_WRITE -> List.of(Map.entry(label(step), "supabase".equals(step.service())
					? N8nNodes.supabaseCreate(step.target()) : N8nNodes.postgresInsert(step.target())));
			case HTTP -> List.of(Map.entry(label(step),
					N8nNodes.httpRequest(step.detail(), step.target(), !"GET".equals(step.detail()))));
			case S3 -> s3(step, before, notes);
			case SLACK -> {
				if (step.target().isEmpty()) {
					notes.add("Set the Slack channel on node '" + label(step) + "' (the description names none).");
				}
				yield List.of(Map.entry(label(step), N8nNodes.slack(step.target(), text)));
			}
			case EMAIL -> {
				if (step.target().isEmpty()) {
					notes.add("Set the recipient on node '" + label(step) + "' (the description names none).");
				}
				if (step.detail().isEmpty()) {
					notes.add("Set the sender address on node '" + label(step) + "'.");
				}
				yield List.of(Map.entry(label(step), N8nNodes.email(step.detail(), step.target(), name, text)));
			}
		};
	}

	/** S3 takes a file: rows read before become a CSV, anything else one JSON file. */
	private static List<Map.Entry<String, N8nNodes.Spec>> s3(Step step, Step before, List<String> notes) {
		boolean rows = before != null && before.action() == Action.DB_READ;
		String base = rows ? before.target().replace('.', '-') : "items";
		String extension = rows ? "csv" : "json";
		String key = "=" + step.detail() + base + "-{{ $now.toFormat('yyyyMMdd-HHmmss') }}." + extension;
		if (step.target().isEmpty()) {
			notes.add("Set the bucket on node 'Upload to S3' (the description names none).");
		}
		return List.of(
				Map.entry(rows ? "Rows as CSV file" : "Items as JSON file",
						N8nNodes.toFile(rows ? "csv" : "toJson", base + "." + extension)),
				Map.entry(label(step), N8nNodes.s3Upload(step.target(), key)));
	}

	private static String label(Step step) {
		String engine = "supabase".equals(step.service()) ? "Supabase" : "Postgres";
		return switch (step.action()) {
			case DB_READ -> "Read " + step.target() + " (" + engine + ")";
			case DB_WRITE -> "Save to " + step.target() + " (" + engine + ")";
			case HTTP -> step.detail() + " " + host(step.target());
			case S3 -> "Upload to S3";
			case SLACK -> "Notify Slack" + (step.target().isEmpty() ? "" : " " + step.target());
			case EMAIL -> "Send email";
		};
	}

	private static String host(String url) {
		try {
			String host = URI.create(url).getHost();
			return (host == null) ? url : host;
		}
		catch (IllegalArgumentException ex) {
			return url;
		}
	}

	private static void disable(ObjectNode workflow, String name) {
		for (JsonNode node : workflow.path("nodes")) {
			if (name.equals(node.path("name").asString())) {
				((ObjectNode) node).put("disabled", true);
			}
		}
	}

	private static int columnAfter(GraphBuilder graph, String node) {
		for (JsonNode n : graph.workflow().path("nodes")) {
			if (node.equals(n.path("name").asString())) {
				return n.path("position").path(0).asInt(0) / GraphBuilder.COLUMN + 1;
			}
		}
		return 1;
	}

	private static String name(String trigger, List<String> labels) {
		String name = labels.isEmpty() ? trigger : trigger + ": " + String.join(" → ", labels);
		return (name.length() > 120) ? name.substring(0, 119) + "…" : name;
	}

	static String slug(String text) {
		String slug = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
		slug = (slug.length() > 24) ? slug.substring(0, 24).replaceAll("-+$", "") : slug;
		return slug.isEmpty() ? "workflow" : slug;
	}

	/**
	 * The {@code services} argument as the planner's service names; unknown names are
	 * noted and dropped.
	 */
	static List<String> services(List<String> requested, List<String> notes) {
		List<String> services = new ArrayList<>();
		for (String service : requested) {
			String known = SERVICES.get(service.strip().toLowerCase(Locale.ROOT));
			if (known == null) {
				notes.add("Service '" + service + "' is not one the planner knows ("
						+ String.join(", ", new java.util.TreeSet<>(SERVICES.values())) + "); it was ignored.");
			}
			else if (!services.contains(known)) {
				services.add(known);
			}
		}
		return services;
	}

}
