package cl.smartercl.mcp.connectors.n8n;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import cl.smartercl.mcp.core.error.BackendException;
import cl.smartercl.mcp.core.error.ConflictException;
import cl.smartercl.mcp.core.error.InvalidArgumentsException;
import cl.smartercl.mcp.core.error.NotFoundException;
import cl.smartercl.mcp.core.error.ServiceUnavailableException;
import cl.smartercl.mcp.core.error.ToolException;
import cl.smartercl.mcp.core.tools.workflows.WorkflowsCreate;
import cl.smartercl.mcp.core.tools.workflows.WorkflowsList;
import cl.smartercl.mcp.core.tools.workflows.WorkflowsPort;
import cl.smartercl.mcp.core.tools.workflows.WorkflowsStatus;
import cl.smartercl.mcp.core.tools.workflows.WorkflowsTrigger;

import static cl.smartercl.mcp.connectors.n8n.N8nApi.SERVICE;

/** The workflow tools over one tenant's n8n. */
public final class N8nConnector implements WorkflowsPort {

	/**
	 * n8n workflow ids are nanoids (older instances: numbers); anything else never
	 * reaches a URL.
	 */
	private static final Pattern WORKFLOW_ID = Pattern.compile("^[A-Za-z0-9_-]{1,64}$");

	/** Execution ids are positive integers [spec: {@code executionId} integer ≥ 1]. */
	private static final Pattern EXECUTION_ID = Pattern.compile("^[1-9][0-9]{0,17}$");

	/** n8n stores tag names in a 24-character column; longer names fail on create. */
	private static final int MAX_TAG_LENGTH = 24;

	/**
	 * Enough recent executions to find the one a call just started, even next to a busy
	 * schedule.
	 */
	private static final int LOOKUP_PAGE = 20;

	private static final Duration LOOKUP_INTERVAL = Duration.ofMillis(300);

	private static final Duration REGISTRATION_INTERVAL = Duration.ofMillis(500);

	private static final int MAX_RESPONSE_CHARS = 64 * 1024;

	private final N8nApi api;

	private final N8nOptions options;

	N8nConnector(N8nApi api, N8nOptions options) {
		this.api = api;
		this.options = options;
	}

	@Override
	public Mono<WorkflowsList.Output> list(WorkflowsList.Input input) {
		return Mono.defer(() -> {
			List<String> tags = tags(input.tags());
			for (int i = 0; i < tags.size(); i++) {
				if (tags.get(i).contains(",")) {
					throw new InvalidArgumentsException("tags[" + i + "]",
							"must not contain ',' (n8n separates tag filters by commas)");
				}
			}
			return this.api.listWorkflows(input.active(), tags, this.options.maxListed()).map((listing) -> {
				// n8n ignores tag names it does not know, and older versions read
				// active=false loosely:
				// both filters are applied again here
				List<WorkflowsList.Workflow> workflows = listing.items()
					.stream()
					.map(N8nMapper::summary)
					.filter((w) -> w.tags().containsAll(tags))
					.filter((w) -> input.active() == null || w.active() == input.active())
					.toList();
				return new WorkflowsList.Output(workflows, workflows.size(), listing.truncated());
			});
		});
	}

	@Override
	public Mono<WorkflowsCreate.Output> create(WorkflowsCreate.Input input) {
		return Mono.defer(() -> {
			if (input.name() == null || input.name().isBlank()) {
				throw new InvalidArgumentsException("name", "must not be blank");
			}
			List<String> tags = tags(input.tags());
			ValidatedWorkflow valid = WorkflowValidator.validate("workflow_json", input.workflowJson());
			ObjectNode body = valid.workflow().deepCopy();
			body.put("name", input.name().strip());
			return this.api.createWorkflow(body).flatMap((created) -> afterCreate(created, tags, input.activate()));
		});
	}

	/**
	 * Tags, then activation: the workflow exists by now, so every failure says so and
	 * gives its id.
	 */
	private Mono<WorkflowsCreate.Output> afterCreate(JsonNode created, List<String> tags, boolean activate) {
		String id = N8nMapper.text(created, "id");
		String name = N8nMapper.text(created, "name");
		List<String> webhooks = N8nMapper.webhooks(created)
			.stream()
			.map((e) -> this.api.webhookUrl(e.path()).toString())
			.toList();
		Mono<List<String>> tagged = tags.isEmpty() ? Mono.just(List.of()) : setTags(id, tags)
			.onErrorMap(ToolException.class, (ex) -> createdBut(name, id, "setting its tags", ex));
		return tagged.flatMap((tagNames) -> {
			if (!activate) {
				return Mono.just(new WorkflowsCreate.Output(id, name, false, tagNames, webhooks));
			}
			return this.api.activateWorkflow(id)
				.map((activated) -> new WorkflowsCreate.Output(id, name, activated.path("active").asBoolean(true),
						tagNames, webhooks))
				.onErrorMap(ToolException.class, (ex) -> createdBut(name, id, "activating it", ex));
		});
	}

	/**
	 * Tag names → ids, creating the missing ones; the list filter uses names, the update
	 * ids [backend-notes §7.3].
	 */
	private Mono<List<String>> setTags(String workflowId, List<String> names) {
		return this.api.listTags().flatMap((existing) -> {
			Map<String, String> ids = new HashMap<>();
			for (String name : names) {
				String id = findTag(existing, name);
				if (id != null) {
					ids.put(name, id);
				}
			}
			return Flux.fromIterable(names)
				.filter((name) -> !ids.containsKey(name))
				.concatMap((name) -> this.api.createTag(name)
					.flatMap((tag) -> tag.isPresent() ? Mono.just(N8nMapper.text(tag.get(), "id"))
							// 409: created meanwhile, or it differs only in case from an
							// existing tag
							: this.api.listTags().flatMap((again) -> Mono.justOrEmpty(findTag(again, name))))
					.switchIfEmpty(
							Mono.error(() -> new BackendException(SERVICE, "tag '" + name + "' could not be created")))
					.doOnNext((id) -> ids.put(name, id)))
				.then(Mono.defer(
						() -> this.api.setWorkflowTags(workflowId, names.stream().map(ids::get).distinct().toList())));
		}).map((tags) -> {
			List<String> set = new ArrayList<>();
			tags.forEach((tag) -> set.add(N8nMapper.text(tag, "name")));
			return set;
		});
	}

	private static String findTag(List<JsonNode> tags, String name) {
		for (JsonNode tag : tags) {
			if (name.equals(N8nMapper.text(tag, "name"))) {
				return N8nMapper.text(tag, "id");
			}
		}
		for (JsonNode tag : tags) {
			if (name.equalsIgnoreCase(N8nMapper.text(tag, "name"))) {
				return N8nMapper.text(tag, "id");
			}
		}
		return null;
	}

	@Override
	public Mono<WorkflowsTrigger.Output> trigger(WorkflowsTrigger.Input input) {
		return Mono.defer(() -> {
			String id = workflowId(input.workflowId());
			return this.api.getWorkflow(id).flatMap((workflow) -> {
				String name = N8nMapper.text(workflow, "name");
				String label = "Workflow '" + name + "' (" + id + ")";
				WebhookEndpoint endpoint = N8nMapper.triggerEndpoint(workflow)
					.orElseThrow(() -> new ConflictException(label + " has no enabled Webhook trigger, so it cannot be "
							+ "started from outside n8n (n8n's public API has no run endpoint); add a Webhook node to it"));
				if (endpoint.needsCredentials()) {
					throw new ConflictException(label + ": its Webhook node '" + endpoint.nodeName() + "' requires "
							+ endpoint.authentication() + " credentials, which SmarterMCP does not hold");
				}
				if (!workflow.path("active").asBoolean(false)) {
					throw new ConflictException(label + " is not active, so its production webhook does not answer; "
							+ "activate it in n8n (workflows_create activates by default)");
				}
				return latestExecution(id).flatMap((before) -> run(id, label, endpoint, input.inputData(), before));
			});
		});
	}

	/**
	 * Calls the webhook once. The only repeat is for n8n's 404 "webhook is not
	 * registered" right after activation: that answer means n8n matched no workflow and
	 * started nothing, so asking again cannot run the workflow twice.
	 */
	private Mono<WorkflowsTrigger.Output> run(String id, String label, WebhookEndpoint endpoint,
			Map<String, Object> input, long before) {
		long waits = Math.max(0, this.options.webhookRegistration().toMillis() / REGISTRATION_INTERVAL.toMillis());
		return Mono.defer(() -> this.api.callWebhook(endpoint, input))
			.flatMap((reply) -> notRegistered(reply) ? Mono.error(new NotRegistered(reply)) : Mono.just(reply))
			.retryWhen(Retry.fixedDelay(waits, REGISTRATION_INTERVAL)
				.filter(NotRegistered.class::isInstance)
				.onRetryExhaustedThrow((spec, signal) -> signal.failure()))
			.flatMap((reply) -> answered(id, label, reply, before))
			.onErrorMap(NotRegistered.class,
					(ex) -> new ConflictException(label + " is active, but n8n has no production "
							+ "webhook registered at " + endpoint.method() + " /webhook/" + endpoint.path() + " ("
							+ ex.reply.reason(this.api.secret()) + ")"))
			.onErrorResume(TimeoutException.class,
					(ex) -> findExecution(id, before).map((execution) -> output(execution, null))
						.switchIfEmpty(Mono.error(() -> new ServiceUnavailableException(SERVICE,
								"the webhook of " + label + " did not answer within "
										+ this.options.webhookTimeout().toSeconds()
										+ " s and no execution was recorded"))));
	}

	private Mono<WorkflowsTrigger.Output> answered(String id, String label, N8nReply reply, long before) {
		if (reply.status() == 401 || reply.status() == 403 || reply.status() == 404 || reply.status() == 405) {
			// refused by the webhook layer itself (authentication, IP allow-list,
			// method): nothing ran
			return Mono.error(new BackendException(SERVICE,
					"the webhook of " + label + " refused the call (" + reply.reason(this.api.secret()) + ")"));
		}
		Object response = response(reply);
		String announced = announcedExecutionId(reply);
		Mono<JsonNode> fromAnswer = (announced == null) ? Mono.empty()
				: this.api.getExecution(announced, false)
					.filter((execution) -> id.equals(N8nMapper.text(execution, "workflowId")))
					.onErrorResume(NotFoundException.class, (ex) -> Mono.empty());
		return fromAnswer.switchIfEmpty(Mono.defer(() -> findExecution(id, before)))
			.map((execution) -> output(execution, response))
			.switchIfEmpty(
					Mono.error(() -> new BackendException(SERVICE,
							reply.ok() ? "n8n accepted the call to " + label + " (HTTP " + reply.status()
									+ ") but recorded no execution within " + this.options.executionLookup().toSeconds()
									+ " s; the workflow may not save its executions. "
									+ "It may have run: check n8n before triggering it again"
									: "the webhook of " + label + " answered " + reply.reason(this.api.secret())
											+ " and no execution was recorded")));
	}

	/**
	 * The execution a webhook call started, when the workflow does not say: the earliest
	 * production-webhook execution newer than the newest one before the call. Ids grow
	 * with every execution, so no clock is compared; running executions are asked for
	 * separately since n8n hides them otherwise.
	 */
	private Mono<JsonNode> findExecution(String workflowId, long before) {
		long tries = Math.max(1, this.options.executionLookup().toMillis() / LOOKUP_INTERVAL.toMillis());
		return Mono.defer(
				() -> Mono
					.zip(this.api.recentExecutions(workflowId, true, LOOKUP_PAGE),
							this.api.recentExecutions(workflowId, false, LOOKUP_PAGE))
					.flatMap((both) -> {
						JsonNode earliest = null;
						for (JsonNode execution : concat(both.getT1(), both.getT2())) {
							long executionId = numericId(execution);
							if (executionId > before && "webhook".equals(N8nMapper.text(execution, "mode"))
									&& (earliest == null || executionId < numericId(earliest))) {
								earliest = execution;
							}
						}
						return Mono.justOrEmpty(earliest);
					}))
			.repeatWhenEmpty((empty) -> empty.take(tries).delayElements(LOOKUP_INTERVAL));
	}

	/**
	 * The id of the newest execution of the workflow before a call, running ones
	 * included; 0 if none.
	 */
	private Mono<Long> latestExecution(String workflowId) {
		return Mono.zip(this.api.recentExecutions(workflowId, true, 1), this.api.recentExecutions(workflowId, false, 1))
			.map((both) -> concat(both.getT1(), both.getT2()).stream()
				.mapToLong(N8nConnector::numericId)
				.max()
				.orElse(0));
	}

	@Override
	public Mono<WorkflowsStatus.Output> status(WorkflowsStatus.Input input) {
		return Mono.defer(() -> {
			String id = input.executionId() == null ? "" : input.executionId().strip();
			if (!EXECUTION_ID.matcher(id).matches()) {
				throw new InvalidArgumentsException("execution_id",
						"must be the numeric n8n execution id that workflows_trigger returned, e.g. \"1042\"");
			}
			// the failing node and message are only in the run data, so it is read only
			// for failures
			return this.api.getExecution(id, false)
				.flatMap((execution) -> N8nMapper.failed(execution)
						? this.api.getExecution(id, true).map((full) -> N8nMapper.status(execution, full))
						: Mono.just(N8nMapper.status(execution, null)));
		});
	}

	private static WorkflowsTrigger.Output output(JsonNode execution, Object response) {
		return new WorkflowsTrigger.Output(N8nMapper.text(execution, "workflowId"), N8nMapper.text(execution, "id"),
				N8nMapper.text(execution, "status"), N8nMapper.instant(execution.path("startedAt")), response);
	}

	/**
	 * The workflow's own JSON answer, when it gave one (a "Respond to Webhook" node, or
	 * the last node's data).
	 */
	private static Object response(N8nReply reply) {
		if (!reply.ok() || !reply.isJson() || reply.body().length() > MAX_RESPONSE_CHARS) {
			return null;
		}
		JsonNode json = reply.json();
		return (json == null) ? null : N8nApi.JSON.convertValue(json, Object.class);
	}

	/**
	 * {@code {"executionId": "42"}} (or the first item of a list) as a "Respond to
	 * Webhook" node returns it.
	 */
	private static String announcedExecutionId(N8nReply reply) {
		JsonNode json = reply.ok() ? reply.json() : null;
		if (json != null && json.isArray() && !json.isEmpty()) {
			json = json.get(0);
		}
		if (json == null || !json.isObject()) {
			return null;
		}
		String id = N8nMapper.text(json, "executionId");
		return (id != null && EXECUTION_ID.matcher(id).matches()) ? id : null;
	}

	private static boolean notRegistered(N8nReply reply) {
		if (reply.status() != 404) {
			return false;
		}
		JsonNode json = reply.json();
		return json != null && json.path("message").asString("").startsWith("The requested webhook");
	}

	private static ToolException createdBut(String name, String id, String step, ToolException ex) {
		String what = "orkflow '" + name + "' was created with id '" + id + "', but " + step + " failed: ";
		if (ex instanceof ConflictException) {
			return new ConflictException("W" + what + ex.getMessage()
					+ ". Fix the workflow in n8n and activate it there, or create it with activate=false");
		}
		if (ex instanceof ServiceUnavailableException down) {
			return new ServiceUnavailableException(SERVICE, "w" + what + down.reason(), ex);
		}
		if (ex instanceof BackendException) {
			String detail = ex.getMessage().replace("Service '" + SERVICE + "' reported an error: ", "");
			return new BackendException(SERVICE, "w" + what + detail, ex);
		}
		return ex;
	}

	private static String workflowId(String id) {
		String value = (id == null) ? "" : id.strip();
		if (!WORKFLOW_ID.matcher(value).matches()) {
			throw new InvalidArgumentsException("workflow_id",
					"must be an n8n workflow id as workflows_list returns it, e.g. \"2tUt1wbLX592XDdX\"");
		}
		return value;
	}

	private static List<String> tags(List<String> tags) {
		LinkedHashSet<String> clean = new LinkedHashSet<>();
		for (int i = 0; i < tags.size(); i++) {
			String tag = (tags.get(i) == null) ? "" : tags.get(i).strip();
			if (tag.isEmpty()) {
				throw new InvalidArgumentsException("tags[" + i + "]", "must not be blank");
			}
			if (tag.length() > MAX_TAG_LENGTH) {
				throw new InvalidArgumentsException("tags[" + i + "]",
						"n8n tag names have at most " + MAX_TAG_LENGTH + " characters");
			}
			clean.add(tag);
		}
		return List.copyOf(clean);
	}

	private static long numericId(JsonNode execution) {
		String id = N8nMapper.text(execution, "id");
		return (id != null && EXECUTION_ID.matcher(id).matches()) ? Long.parseLong(id) : -1;
	}

	private static List<JsonNode> concat(List<JsonNode> first, List<JsonNode> second) {
		List<JsonNode> all = new ArrayList<>(first);
		all.addAll(second);
		return all;
	}

	/** n8n's 404 for a webhook that is not (yet) registered. */
	private static final class NotRegistered extends RuntimeException {

		private final transient N8nReply reply;

		NotRegistered(N8nReply reply) {
			super("webhook not registered", null, false, false);
			this.reply = reply;
		}

	}

}
