package cl.smartercl.mcp.connectors.codegen;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import cl.smartercl.mcp.core.error.InvalidArgumentsException;
import cl.smartercl.mcp.core.tool.ClientChannel;
import cl.smartercl.mcp.core.tools.codegen.GenerateN8nWorkflow;

/**
 * {@code generate_n8n_workflow}: the MCP client's own model writes the workflow when the
 * client offers sampling, SmarterMCP's deterministic planner otherwise (and on REST).
 * Either result passes the same check as {@code workflows_create} input before it is
 * returned; a model's invalid answer is an error, never passed on. When the client cannot
 * answer at all, the planner steps in and says so.
 */
public final class N8nWorkflowGenerator {

	private static final Logger log = LoggerFactory.getLogger(N8nWorkflowGenerator.class);

	private static final Duration SAMPLING_TIMEOUT = Duration.ofMinutes(2);

	private final Supplier<UUID> ids;

	private final WorkflowPlanner planner;

	public N8nWorkflowGenerator() {
		this(UUID::randomUUID);
	}

	/**
	 * @param ids source of node ids, webhook ids and webhook path suffixes
	 */
	N8nWorkflowGenerator(Supplier<UUID> ids) {
		this.ids = ids;
		this.planner = new WorkflowPlanner(ids);
	}

	public Mono<GenerateN8nWorkflow.Output> generate(GenerateN8nWorkflow.Input input, ClientChannel channel) {
		return Mono.defer(() -> {
			if (input == null || input.description() == null) {
				throw new InvalidArgumentsException("description",
						"is required: what the workflow should do, in plain words");
			}
			if (!channel.canSample()) {
				return Mono.fromCallable(() -> this.planner.plan(input));
			}
			return channel
				.sample(SampledWorkflow.SYSTEM_PROMPT, SampledWorkflow.userMessage(input), SampledWorkflow.MAX_TOKENS)
				.timeout(SAMPLING_TIMEOUT)
				.map(Optional::of)
				.defaultIfEmpty(Optional.empty())
				.onErrorResume((ex) -> {
					log.info("sampling for generate_n8n_workflow failed, using the planner: {}", ex.toString());
					return Mono.just(Optional.empty());
				})
				.map((reply) -> reply.map((text) -> SampledWorkflow.read(text, input, this.ids))
					.orElseGet(() -> withNote(this.planner.plan(input),
							"The client's model gave no answer, so SmarterMCP's planner wrote this workflow.")));
		});
	}

	private static GenerateN8nWorkflow.Output withNote(GenerateN8nWorkflow.Output output, String note) {
		List<String> notes = new ArrayList<>();
		notes.add(note);
		notes.addAll(output.notes());
		return new GenerateN8nWorkflow.Output(output.name(), output.workflow(), output.source(), output.unmapped(),
				notes);
	}

}
