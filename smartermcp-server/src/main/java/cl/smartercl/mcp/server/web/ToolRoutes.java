package cl.smartercl.mcp.server.web;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import cl.smartercl.mcp.core.auth.Principal;
import cl.smartercl.mcp.core.tool.Transport;
import cl.smartercl.mcp.core.error.InvalidArgumentsException;
import cl.smartercl.mcp.core.error.ToolException;
import cl.smartercl.mcp.core.error.UnauthorizedException;
import cl.smartercl.mcp.core.schema.ClientText;
import cl.smartercl.mcp.core.schema.ToolJson;
import cl.smartercl.mcp.core.schema.ToolSchemas;
import cl.smartercl.mcp.core.tool.Catalog;
import cl.smartercl.mcp.core.tool.ClientChannel;
import cl.smartercl.mcp.core.tool.LogLevel;
import cl.smartercl.mcp.core.tool.ToolDefinition;
import cl.smartercl.mcp.core.tool.ToolDescriptor;
import cl.smartercl.mcp.server.config.ServerProperties;
import cl.smartercl.mcp.server.dispatch.CallMetadata;
import cl.smartercl.mcp.server.dispatch.ToolDispatcher;

/**
 * The REST face of the catalog: {@code GET /tools} lists what the caller may use
 * ({@code ?all=true}: also what its tenant's configuration cannot serve, and why),
 * {@code POST /tools/{name}} calls a tool with its JSON arguments. With
 * {@code Accept: text/event-stream} the call streams its progress and log lines before a
 * final {@code result} (or {@code error}) event; {@code ?log_level=} chooses the lowest
 * level of the lines sent ({@code info} unless given, {@link LogLevelParameter}).
 */
@Configuration(proxyBeanMethods = false)
public class ToolRoutes {

	private final ToolDispatcher dispatcher;

	private final Catalog catalog;

	private final long maxBodyBytes;

	public ToolRoutes(ToolDispatcher dispatcher, Catalog catalog, ServerProperties properties) {
		this.dispatcher = dispatcher;
		this.catalog = catalog;
		this.maxBodyBytes = properties.maxBodyBytes();
	}

	@Bean
	RouterFunction<ServerResponse> toolRouter() {
		return RouterFunctions.route().GET("/tools", this::list).POST("/tools/{name}", this::call).build();
	}

	/**
	 * The tools the caller can use now; with {@code ?all=true} every tool its scopes
	 * allow, each with {@code available} and, when false, the {@code unavailable_reason}
	 * (the tenants-file key to add).
	 */
	private Mono<ServerResponse> list(ServerRequest request) {
		Principal principal = principal(request);
		boolean all = allParameter(request);
		ArrayNode tools = ToolJson.mapper().createArrayNode();
		if (all) {
			for (ToolDispatcher.ToolAvailability entry : this.dispatcher.catalogFor(principal)) {
				ObjectNode node = describe(entry.tool());
				node.put("available", entry.available());
				if (!entry.available()) {
					node.put("unavailable_reason", entry.unavailableReason());
				}
				tools.add(node);
			}
		}
		else {
			for (ToolDefinition<?, ?> tool : this.dispatcher.visibleTools(principal)) {
				tools.add(describe(tool));
			}
		}
		ObjectNode body = ToolJson.mapper().createObjectNode();
		body.set("tools", tools);
		return ServerResponse.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(ToolJson.mapper().writeValueAsString(body));
	}

	/** A tool as {@code GET /tools} shows it. */
	public static ObjectNode describe(ToolDefinition<?, ?> tool) {
		return ToolDescriptor.of(tool).toJson();
	}

	private Mono<ServerResponse> call(ServerRequest request) {
		Principal principal = principal(request);
		String requestId = RequestContext.requestId(request.exchange());
		String name = request.pathVariable("name");
		boolean stream = request.headers().accept().contains(MediaType.TEXT_EVENT_STREAM);
		boolean archive = request.headers().accept().contains(GeneratedFilesArchive.ZIP);
		boolean csv = request.headers().accept().contains(GeneratedFilesArchive.CSV);
		LogLevel logLevel;
		try {
			logLevel = LogLevelParameter.parse(request.queryParam(LogLevelParameter.NAME).orElse(null));
		}
		catch (InvalidArgumentsException ex) {
			// refused like a file request for a tool without files: before the body is
			// read, so the tool never runs and the dispatcher has nothing to record
			return Problems.response(ex, requestId);
		}
		CallMetadata metadata = new CallMetadata();
		if (csv || archive) {
			// decided before the call runs: a tool whose answer has no files never runs
			// for a file request
			var tool = this.catalog.find(name);
			if (tool.isPresent() && !GeneratedFilesArchive.returnsFiles(tool.get())) {
				return Problems
					.response(
							new InvalidArgumentsException(null,
									"tool '" + name + "' returns no files; ask for " + "application/json instead of "
											+ (csv ? GeneratedFilesArchive.CSV : GeneratedFilesArchive.ZIP)),
							requestId);
			}
		}
		return RequestBodies.readText(request, this.maxBodyBytes)
			.map(ToolRoutes::parseArguments)
			.flatMap((arguments) -> {
				if (csv) {
					return this.dispatcher
						.call(principal, name, arguments, ClientChannel.NONE, requestId, Transport.REST, metadata)
						.flatMap((result) -> GeneratedFilesArchive.file(name, result, GeneratedFilesArchive.CSV,
								requestId, metadata.headers()));
				}
				if (archive) {
					return this.dispatcher
						.call(principal, name, arguments, ClientChannel.NONE, requestId, Transport.REST, metadata)
						.flatMap((result) -> GeneratedFilesArchive.response(name, result, requestId,
								metadata.headers()));
				}
				if (!stream) {
					return this.dispatcher
						.call(principal, name, arguments, ClientChannel.NONE, requestId, Transport.REST, metadata)
						.flatMap((result) -> ServerResponse.ok()
							.contentType(MediaType.APPLICATION_JSON)
							.header(RequestContext.REQUEST_ID_HEADER, requestId)
							.headers((headers) -> metadata.headers().forEach(headers::set))
							.bodyValue(ToolJson.mapper().writeValueAsBytes(result)));
				}
				// a streamed answer's headers leave before the call runs: its rate-limit
				// facts are in the
				// error event's problem (retry_after_seconds) only
				SseClientChannel channel = new SseClientChannel(logLevel);
				Flux<ServerSentEvent<String>> outcome = this.dispatcher
					.call(principal, name, arguments, channel, requestId, Transport.REST, metadata)
					.map((result) -> ServerSentEvent.builder(ToolJson.mapper().writeValueAsString(result))
						.event("result")
						.build())
					.onErrorResume(ToolException.class,
							(ex) -> Mono.just(ServerSentEvent
								.builder(ToolJson.mapper().writeValueAsString(Problems.body(ex, requestId)))
								.event("error")
								.build()))
					.doFinally((signal) -> channel.complete())
					.flux();
				// the progress/info events come first; the outcome closes the stream
				Flux<ServerSentEvent<String>> events = Flux.merge(channel.events(), outcome);
				return ServerResponse.ok()
					.contentType(MediaType.TEXT_EVENT_STREAM)
					.header(RequestContext.REQUEST_ID_HEADER, requestId)
					.body(events, ServerSentEvent.class);
			})
			.onErrorResume(ToolException.class, (ex) -> Problems.response(ex, requestId, metadata.headers()));
	}

	private static boolean allParameter(ServerRequest request) {
		String value = request.queryParam("all").orElse("false");
		return switch (value) {
			case "true", "" -> true;
			case "false" -> false;
			default -> throw new InvalidArgumentsException("all",
					"must be true or false, got '" + ClientText.sanitize(value) + "'");
		};
	}

	static JsonNode parseArguments(String body) {
		if (body.isBlank()) {
			return ToolJson.mapper().createObjectNode();
		}
		try {
			return ToolJson.mapper().readTree(body);
		}
		catch (JacksonException ex) {
			throw new InvalidArgumentsException(null,
					"the body is not valid JSON (" + ClientText.sanitize(ex.getOriginalMessage()) + ")");
		}
	}

	static Principal principal(ServerRequest request) {
		return RequestContext.principal(request.exchange()).orElseThrow(UnauthorizedException::new);
	}

}
