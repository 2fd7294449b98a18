package cl.smartercl.mcp.testsupport.chatwoot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolverFactory;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cl.smartercl.mcp.testsupport.SharedPeers;

/**
 * The independent judge of Chatwoot exchanges: Atlassian's swagger-request-validator over
 * Chatwoot's own swagger ({@code shared/backend-specs/chatwoot-swagger-v4.9.1.json}),
 * corrected only by {@link ChatwootSwaggerErrata}. It checks a request (path, verb,
 * parameters, the {@code api_access_token} security header, body) and the answer (status,
 * content type, body) of each exchange.
 * <p>
 * The validator library is an optional dependency of this module: a module using the
 * oracle declares {@code com.atlassian.oai:swagger-request-validator-core} itself,
 * test-scoped.
 */
public final class ChatwootOracle {

	public static final String SPEC = "backend-specs/chatwoot-swagger-v4.9.1.json";

	private final OpenApiInteractionValidator validator;

	public ChatwootOracle() {
		try {
			Path spec = SharedPeers.shared().resolve(SPEC);
			ObjectNode tree = (ObjectNode) ChatwootDouble.JSON.readTree(Files.readString(spec));
			ChatwootSwaggerErrata.apply(tree);
			this.validator = OpenApiInteractionValidator
				.createForInlineApiSpecification(ChatwootDouble.JSON.writeValueAsString(tree))
				// the library treats a schema without additionalProperties as closed,
				// stricter than OpenAPI
				// (where it means open): restore the specification's meaning, and merge
				// allOf so that
				// conversation_list's allOf of three open schemas is one open schema
				.withLevelResolver(LevelResolverFactory.withAdditionalPropertiesIgnored())
				.withResolveCombinators(true)
				.build();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * What is wrong with the request of one exchange only, for exchanges whose answer is
	 * broken on purpose (a hang, garbage): the request the connector sent must still be
	 * one Chatwoot accepts.
	 */
	public List<String> requestProblems(ChatwootExchange exchange) {
		return messages(exchange, this.validator.validateRequest(request(exchange)));
	}

	/**
	 * Fails when any exchange's request breaks the (corrected) swagger; answers are not
	 * judged.
	 */
	public void assertRequestsValid(List<ChatwootExchange> exchanges) {
		if (exchanges.isEmpty()) {
			throw new AssertionError("no Chatwoot request was recorded: nothing to validate");
		}
		List<String> problems = new ArrayList<>();
		exchanges.forEach((exchange) -> problems.addAll(requestProblems(exchange)));
		if (!problems.isEmpty()) {
			throw new AssertionError(
					problems.size() + " request(s) break Chatwoot's swagger:\n" + String.join("\n", problems));
		}
	}

	/** What is wrong with one exchange, one line per problem; empty when it is valid. */
	public List<String> problems(ChatwootExchange exchange) {
		SimpleResponse.Builder response = SimpleResponse.Builder.status(exchange.status());
		if (exchange.contentType() != null) {
			response.withContentType(exchange.contentType());
		}
		if (!exchange.responseBody().isEmpty()) {
			response.withBody(exchange.responseBody());
		}
		return messages(exchange, this.validator.validate(request(exchange), response.build()));
	}

	private static SimpleRequest request(ChatwootExchange exchange) {
		SimpleRequest.Builder request = new SimpleRequest.Builder(Request.Method.valueOf(exchange.method()),
				exchange.path());
		if (exchange.query() != null) {
			for (String pair : exchange.query().split("&")) {
				int eq = pair.indexOf('=');
				String name = URLDecoder.decode((eq < 0) ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
				String value = (eq < 0) ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
				request.withQueryParam(name, value);
			}
		}
		exchange.requestHeaders().forEach(request::withHeader);
		if (!exchange.requestBody().isEmpty()) {
			request.withBody(exchange.requestBody());
		}
		return request.build();
	}

	private static List<String> messages(ChatwootExchange exchange, ValidationReport report) {
		List<String> problems = new ArrayList<>();
		for (ValidationReport.Message message : report.getMessages()) {
			if (message.getLevel() == ValidationReport.Level.ERROR) {
				problems.add(exchange + ": [" + message.getKey() + "] " + message.getMessage());
			}
		}
		return problems;
	}

	/** Every problem of every exchange. */
	public List<String> problems(List<ChatwootExchange> exchanges) {
		List<String> problems = new ArrayList<>();
		exchanges.forEach((exchange) -> problems.addAll(problems(exchange)));
		return problems;
	}

	/**
	 * Fails with every problem listed when any exchange breaks the (corrected) swagger.
	 */
	public void assertValid(List<ChatwootExchange> exchanges) {
		if (exchanges.isEmpty()) {
			throw new AssertionError("no Chatwoot exchange was recorded: nothing to validate");
		}
		List<String> problems = problems(exchanges);
		if (!problems.isEmpty()) {
			throw new AssertionError(
					problems.size() + " exchange(s) break Chatwoot's swagger:\n" + String.join("\n", problems));
		}
	}

}
