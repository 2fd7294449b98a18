package cl.smartercl.mcp.server.dispatch;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

import cl.smartercl.mcp.core.auth.Principal;
import cl.smartercl.mcp.core.error.BackendNotConfiguredException;
import cl.smartercl.mcp.core.error.ForbiddenException;
import cl.smartercl.mcp.core.error.InternalToolException;
import cl.smartercl.mcp.core.error.ServiceUnavailableException;
import cl.smartercl.mcp.core.error.ToolException;
import cl.smartercl.mcp.core.error.UnknownToolException;
import cl.smartercl.mcp.core.schema.ArgumentBinder;
import cl.smartercl.mcp.core.schema.ToolJson;
import cl.smartercl.mcp.core.tool.Backend;
import cl.smartercl.mcp.core.tool.Catalog;
import cl.smartercl.mcp.core.tool.ClientChannel;
import cl.smartercl.mcp.core.tool.PortDirectory;
import cl.smartercl.mcp.core.tool.ToolContext;
import cl.smartercl.mcp.core.tool.ToolDefinition;
import cl.smartercl.mcp.core.tool.Transport;
import cl.smartercl.mcp.server.config.ServerProperties;
import cl.smartercl.mcp.server.tenant.TenantDirectory;

/**
 * The one path of every tool call, MCP and REST alike: resolve the tool, check the scope,
 * then — inside the interceptors (limits, metrics, audit, resilience) — bind the
 * arguments to the tool's input record, check that the caller's tenant configures the
 * tool's backend, invoke its handler with the caller's tenant ports, and turn the output
 * into JSON. A call refused at the first two steps never enters the interceptors, but
 * each of them is shown the refusal (metrics and the audit trail count it). Every failure
 * leaves as a {@link ToolException}; anything unexpected becomes an
 * {@code internal_error} whose reference is the request id, with the detail only in the
 * server log.
 */
@Component
public class ToolDispatcher {

	private static final Logger log = LoggerFactory.getLogger(ToolDispatcher.class);

	private final Catalog catalog;

	private final TenantDirectory tenants;

	private final List<ToolCallInterceptor> interceptors;

	private final Duration timeout;

	private final ConfirmationGate confirmations;

	public ToolDispatcher(Catalog catalog, TenantDirectory tenants, List<ToolCallInterceptor> interceptors,
			ServerProperties properties) {
		this.catalog = catalog;
		this.tenants = tenants;
		this.interceptors = List.copyOf(interceptors);
		this.timeout = properties.toolTimeout();
		this.confirmations = new ConfirmationGate(tenants::config);
	}

	/**
	 * The tools the caller's scopes allow and its tenant's configuration can serve, in
	 * catalog order: what {@code tools/list} and {@code GET /tools} show.
	 */
	public List<ToolDefinition<?, ?>> visibleTools(Principal principal) {
		PortDirectory ports = this.tenants.portsFor(principal.tenantId());
		return this.catalog.tools()
			.stream()
			.filter((tool) -> principal.scopes().allows(tool.scope()) && tool.availableIn(ports))
			.toList();
	}

	/**
	 * Every tool the caller's scopes allow, in catalog order, each with whether its
	 * tenant can be served it and, when not, why ({@code GET /tools?all=true}).
	 */
	public List<ToolAvailability> catalogFor(Principal principal) {
		PortDirectory ports = this.tenants.portsFor(principal.tenantId());
		return this.catalog.tools()
			.stream()
			.filter((tool) -> principal.scopes().allows(tool.scope()))
			.map((tool) -> tool.availableIn(ports) ? new ToolAvailability(tool, null)
					: new ToolAvailability(tool,
							BackendNotConfiguredException.message(tool.requiredBackend().orElseThrow())))
			.toList();
	}

	/**
	 * Whether the caller may see {@code toolName} in its list (scopes and tenant
	 * configuration).
	 */
	public boolean isVisible(Principal principal, String toolName) {
		return this.catalog.find(toolName)
			.map((tool) -> principal.scopes().allows(tool.scope())
					&& tool.availableIn(this.tenants.portsFor(principal.tenantId())))
			.orElse(false);
	}

	/**
	 * A tool of the catalog as one tenant sees it.
	 *
	 * @param tool the tool
	 * @param unavailableReason why the tenant cannot be served it, {@code null} when it
	 * can
	 */
	public record ToolAvailability(ToolDefinition<?, ?> tool, String unavailableReason) {

		public boolean available() {
			return this.unavailableReason == null;
		}

	}

	/**
	 * Calls a tool.
	 * @param arguments the arguments as sent (may be {@code null})
	 * @return the output record as JSON; errors are {@link ToolException}s
	 */
	public Mono<JsonNode> call(Principal principal, String toolName, JsonNode arguments, ClientChannel channel,
			String requestId, Transport transport) {
		return call(principal, toolName, arguments, channel, requestId, transport, new CallMetadata());
	}

	/**
	 * Calls a tool, collecting in {@code metadata} what the interceptors want on the
	 * transport's answer (REST reads its headers once the returned Mono has ended, with a
	 * result or an error).
	 */
	public Mono<JsonNode> call(Principal principal, String toolName, JsonNode arguments, ClientChannel channel,
			String requestId, Transport transport, CallMetadata metadata) {
		return Mono.defer(() -> {
			JsonNode given = (arguments == null) ? ToolJson.mapper().createObjectNode() : arguments;
			Optional<ToolDefinition<?, ?>> found = this.catalog.find(toolName);
			if (found.isEmpty()) {
				return refuse(new RefusedCall(toolName, found, principal, requestId, transport, given,
						new UnknownToolException(toolName)));
			}
			ToolDefinition<?, ?> tool = found.get();
			if (!principal.scopes().allows(tool.scope())) {
				return refuse(new RefusedCall(toolName, found, principal, requestId, transport, given,
						new ForbiddenException(tool.scope(), "tool '" + tool.name() + "'")));
			}
			ToolCall call = new ToolCall(tool, principal, requestId, transport, given, metadata);
			Mono<JsonNode> chain = invoke(call, channel);
			for (int i = this.interceptors.size() - 1; i >= 0; i--) {
				ToolCallInterceptor interceptor = this.interceptors.get(i);
				if (!interceptor.appliesTo(tool)) {
					continue;
				}
				Mono<JsonNode> next = chain;
				chain = Mono.defer(() -> interceptor.intercept(call, next));
			}
			return chain;
		}).onErrorMap((ex) -> !(ex instanceof ToolException), (ex) -> unexpected(toolName, requestId, ex));
	}

	/**
	 * Puts on record a call a transport refused before it reached {@link #call} (e.g. MCP
	 * {@code tools/call} arguments that are not an object): the interceptors observe it
	 * like any refusal.
	 */
	public Mono<Void> recordRefusal(Principal principal, String toolName, JsonNode arguments, String requestId,
			Transport transport, ToolException reason) {
		return refuse(new RefusedCall(toolName, this.catalog.find(toolName), principal, requestId, transport,
				(arguments == null) ? ToolJson.mapper().createObjectNode() : arguments, reason))
			.onErrorResume((ex) -> Mono.empty())
			.then();
	}

	/**
	 * Lets every interceptor observe the refusal (metrics, audit), then fails with its
	 * reason.
	 */
	private Mono<JsonNode> refuse(RefusedCall refused) {
		return Flux.fromIterable(this.interceptors)
			.concatMap((interceptor) -> Mono.defer(() -> interceptor.refused(refused)).onErrorResume((ex) -> {
				log.error("{} could not observe the refused call {} (request {})",
						interceptor.getClass().getSimpleName(), refused.toolName(), refused.requestId(), ex);
				return Mono.empty();
			}))
			.then(Mono.error(refused.reason()));
	}

	private <I, O> Mono<JsonNode> invoke(ToolCall call, ClientChannel channel) {
		@SuppressWarnings("unchecked")
		ToolDefinition<I, O> tool = (ToolDefinition<I, O>) call.tool();
		Duration limit = (tool.timeLimit() != null) ? tool.timeLimit() : this.timeout;
		return Mono.defer(() -> {
			I input = ArgumentBinder.bind(call.arguments(), tool.inputType());
			PortDirectory ports = this.tenants.portsFor(call.principal().tenantId());
			// after the arguments (a wrong argument is named whatever the tenant), inside
			// the interceptors
			// like any failed call: limits, metrics and the audit trail count it
			Optional<Backend> missing = tool.requiredBackend().filter((backend) -> !tool.availableIn(ports));
			if (missing.isPresent()) {
				return Mono.error(new BackendNotConfiguredException(missing.get()));
			}
			ToolContext context = new ToolContext(tool, call.principal(), call.requestId(), ports, channel);
			// a destructive call asks its user before it runs (once its arguments are
			// known to be right);
			// the wait for the answer is not the tool's time
			return this.confirmations.check(call, input, channel)
				.then(Mono.defer(() -> run(tool, context, input, call.requestId(), limit)));
		}).map((output) -> (JsonNode) ToolJson.mapper().valueToTree(output));
	}

	private <I, O> Mono<O> run(ToolDefinition<I, O> tool, ToolContext context, I input, String requestId,
			Duration limit) {
		return Mono.defer(() -> tool.handler().handle(context, input))
			// a connector's unmapped failure is a backend failure, never an internal
			// error (issue 15 #9)
			.onErrorMap((ex) -> !(ex instanceof ToolException), (ex) -> ConnectorFailures.map(tool, requestId, ex))
			.timeout(limit)
			.onErrorMap(TimeoutException.class,
					(ex) -> new ServiceUnavailableException(tool.backend(),
							"no answer within " + limit.toSeconds() + " s"))
			.switchIfEmpty(Mono.error(() -> new IllegalStateException("tool " + tool.name() + " returned nothing")));
	}

	private ToolException unexpected(String toolName, String requestId, Throwable ex) {
		log.error("tool {} failed unexpectedly (request {})", toolName, requestId, ex);
		return new InternalToolException(requestId, ex);
	}

}
