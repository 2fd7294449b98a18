package cl.smartercl.mcp.core.tool;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import cl.smartercl.mcp.core.auth.Scope;

/**
 * One tool, declared once: everything MCP {@code tools/list}, REST routing, the OpenAPI
 * document and the docs need is derived from it. The JSON Schemas come from the input and
 * output records.
 *
 * @param name the tool name ({@code [a-z0-9_]}, unique in the catalog)
 * @param category its category (rate limits, OpenAPI tag)
 * @param description what it does, written for a model choosing a tool
 * @param scope the scope a token must hold (a {@code write:*} scope implies its read)
 * @param hints the four MCP annotations
 * @param backend the service whose unavailability makes the tool unavailable, as named in
 * errors
 * @param requires the backend the tenant must configure for the tool to be served
 * ({@code null}: none, the tool works on every tenant)
 * @param inputType the input record
 * @param outputType the output record
 * @param handler the behaviour
 * @param timeLimit how long a call may run, when the tool needs longer than the server's
 * tool time-out ({@code null}: the server's); a tool with one bounds its own steps
 * @param guardsOwnCalls the tool's answer never depends on a backend succeeding: whatever
 * it reaches outside SmarterMCP (a live probe, say) it bounds with its own time limit,
 * and it reports that call's failure inside its answer, so no backend failure can fail
 * the call. Such a call needs no retry, circuit breaker or bulkhead of the backend it
 * names (see {@link #guardingOwnCalls()}); the server's tool time-out still applies.
 * Reads only
 */
public record ToolDefinition<I, O>(String name, Category category, String description, Scope scope, ToolHints hints,
		String backend, Backend requires, Class<I> inputType, Class<O> outputType, ToolHandler<I, O> handler,
		Duration timeLimit, boolean guardsOwnCalls) {

	private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

	public ToolDefinition {
		Objects.requireNonNull(name, "name");
		if (!NAME.matcher(name).matches()) {
			throw new IllegalArgumentException("tool name must match " + NAME + ": " + name);
		}
		Objects.requireNonNull(category, "category");
		Objects.requireNonNull(description, "description");
		Objects.requireNonNull(scope, "scope");
		Objects.requireNonNull(hints, "hints");
		Objects.requireNonNull(backend, "backend");
		Objects.requireNonNull(inputType, "inputType");
		Objects.requireNonNull(outputType, "outputType");
		Objects.requireNonNull(handler, "handler");
		if (timeLimit != null && (timeLimit.isNegative() || timeLimit.isZero())) {
			throw new IllegalArgumentException("timeLimit must be positive: " + timeLimit);
		}
		if (guardsOwnCalls && scope.isWrite()) {
			throw new IllegalArgumentException("a write tool cannot guard its own calls: " + name);
		}
	}

	/** A tool whose backend calls, if any, are guarded by the server (the usual case). */
	public ToolDefinition(String name, Category category, String description, Scope scope, ToolHints hints,
			String backend, Backend requires, Class<I> inputType, Class<O> outputType, ToolHandler<I, O> handler,
			Duration timeLimit) {
		this(name, category, description, scope, hints, backend, requires, inputType, outputType, handler, timeLimit,
				false);
	}

	/**
	 * A tool over a backend the tenant must configure, finishing within the server's tool
	 * time-out.
	 */
	public ToolDefinition(String name, Category category, String description, Scope scope, ToolHints hints,
			Backend backend, Class<I> inputType, Class<O> outputType, ToolHandler<I, O> handler) {
		this(name, category, description, scope, hints, backend.id(), backend, inputType, outputType, handler, null);
	}

	/**
	 * A tool that needs no configured backend (it computes locally or reads bundled
	 * material), named {@code service} in errors, finishing within the server's tool
	 * time-out.
	 */
	public ToolDefinition(String name, Category category, String description, Scope scope, ToolHints hints,
			String service, Class<I> inputType, Class<O> outputType, ToolHandler<I, O> handler) {
		this(name, category, description, scope, hints, service, null, inputType, outputType, handler, null);
	}

	/**
	 * This tool with its own time limit, for work that takes longer than the server's
	 * time-out.
	 */
	public ToolDefinition<I, O> withTimeLimit(Duration limit) {
		return new ToolDefinition<>(this.name, this.category, this.description, this.scope, this.hints, this.backend,
				this.requires, this.inputType, this.outputType, this.handler, limit, this.guardsOwnCalls);
	}

	/**
	 * This tool, served only to tenants that configure {@code backend}, for a tool named
	 * after another service in errors (e.g. {@code services_health} probes services but
	 * needs the Docker backend).
	 */
	public ToolDefinition<I, O> requiring(Backend backend) {
		return new ToolDefinition<>(this.name, this.category, this.description, this.scope, this.hints, this.backend,
				Objects.requireNonNull(backend, "backend"), this.inputType, this.outputType, this.handler,
				this.timeLimit, this.guardsOwnCalls);
	}

	/**
	 * This tool, declared to guard its own backend calls (see {@code guardsOwnCalls}):
	 * only for a read whose every outside call has its own time limit and whose answer
	 * reports that call's failure instead of failing.
	 * @throws IllegalStateException for a write tool (a write's backend call is what the
	 * server's guards are for)
	 */
	public ToolDefinition<I, O> guardingOwnCalls() {
		if (isWrite()) {
			throw new IllegalStateException("a write tool cannot guard its own calls: " + this.name);
		}
		return new ToolDefinition<>(this.name, this.category, this.description, this.scope, this.hints, this.backend,
				this.requires, this.inputType, this.outputType, this.handler, this.timeLimit, true);
	}

	/** The backend the tenant must configure, if any. */
	public Optional<Backend> requiredBackend() {
		return Optional.ofNullable(this.requires);
	}

	/**
	 * Whether a tenant with these ports can be served this tool: it needs no backend, or
	 * the tenant's backend is live (configured, and a connector serves it).
	 */
	public boolean availableIn(PortDirectory ports) {
		return this.requires == null || ports.liveBackends().contains(this.requires);
	}

	/**
	 * Whether the tool changes something: it needs a write scope, is audited first and
	 * never retried.
	 */
	public boolean isWrite() {
		return this.scope.isWrite();
	}

}
