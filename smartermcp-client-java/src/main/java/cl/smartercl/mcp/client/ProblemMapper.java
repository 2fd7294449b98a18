package cl.smartercl.mcp.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import cl.smartercl.mcp.client.error.BackendException;
import cl.smartercl.mcp.client.error.ConflictException;
import cl.smartercl.mcp.client.error.ForbiddenException;
import cl.smartercl.mcp.client.error.InternalErrorException;
import cl.smartercl.mcp.client.error.InvalidArgumentsException;
import cl.smartercl.mcp.client.error.NotConfiguredException;
import cl.smartercl.mcp.client.error.NotFoundException;
import cl.smartercl.mcp.client.error.PayloadTooLargeException;
import cl.smartercl.mcp.client.error.ProblemDetails;
import cl.smartercl.mcp.client.error.RateLimitedException;
import cl.smartercl.mcp.client.error.ServiceUnavailableException;
import cl.smartercl.mcp.client.error.SmarterMcpException;
import cl.smartercl.mcp.client.error.SmarterMcpTimeoutException;
import cl.smartercl.mcp.client.error.TenantAccessDeniedException;
import cl.smartercl.mcp.client.error.TransportException;
import cl.smartercl.mcp.client.error.UnauthorizedException;
import cl.smartercl.mcp.client.error.UnknownToolException;
import cl.smartercl.mcp.client.generated.ApiException;

/**
 * Turns whatever a generated call failed with into the typed exception family: the
 * server's RFC 9457 problem (by its {@code code}, else by status), a timeout, or a
 * transport failure. A body that is not a problem (a proxy's HTML page, say) is never
 * quoted: only its status is reported.
 */
final class ProblemMapper {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final TypeReference<Map<String, Object>> MEMBERS = new TypeReference<>() {
	};

	private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

	private ProblemMapper() {
	}

	/** The typed exception for any failure of {@code operation}. */
	static SmarterMcpException map(String operation, Throwable failure, Duration timeout) {
		Throwable cause = unwrap(failure);
		if (cause instanceof SmarterMcpException typed) {
			return typed;
		}
		if (cause instanceof ApiException api) {
			if (api.getCode() > 0) {
				return fromResponse(operation, api.getCode(), api.getResponseHeaders(), api.getResponseBody());
			}
			cause = (api.getCause() != null) ? unwrap(api.getCause()) : api;
		}
		if (cause instanceof HttpTimeoutException) {
			return new SmarterMcpTimeoutException(operation, timeout, cause);
		}
		if (cause instanceof ConnectException) {
			return new TransportException(operation + " could not connect to the server", cause);
		}
		if (cause instanceof IOException) {
			return new TransportException(operation + " failed: " + cause.getClass().getSimpleName()
					+ (cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")"), cause);
		}
		return new TransportException(operation + " failed: " + cause, cause);
	}

	static SmarterMcpException fromResponse(String operation, int status, HttpHeaders headers, String body) {
		ProblemDetails problem = parse(status, body).orElseGet(() -> new ProblemDetails(null, "HTTP " + status, status,
				"the server answered HTTP " + status + " without a problem body", null, null, Map.of()));
		String message = operation + ": " + (problem.detail() != null ? problem.detail() : problem.title());
		String code = (problem.code() != null) ? problem.code() : codeOf(status);
		return switch (code) {
			case "invalid_arguments" -> new InvalidArgumentsException(message, problem);
			case "unauthorized" -> new UnauthorizedException(message, problem);
			case "forbidden" -> new ForbiddenException(message, problem);
			case "tenant_access_denied" -> new TenantAccessDeniedException(message, problem);
			case "unknown_tool" -> new UnknownToolException(message, problem);
			case "not_found" -> new NotFoundException(message, problem);
			case "conflict" -> new ConflictException(message, problem);
			case "payload_too_large" -> new PayloadTooLargeException(message, problem);
			case "rate_limited" ->
				new RateLimitedException(message, problem, retryAfter(headers, problem).orElse(DEFAULT_RETRY_AFTER));
			case "backend_error" -> new BackendException(message, problem);
			case "service_unavailable" ->
				new ServiceUnavailableException(message, problem, retryAfter(headers, problem).orElse(null));
			case "backend_not_configured" -> new NotConfiguredException(message, problem);
			case "internal_error" -> new InternalErrorException(message, problem);
			default -> new SmarterMcpException(message, problem, null);
		};
	}

	/**
	 * The code a status stands for when the body did not say (an unknown code falls back
	 * the same way).
	 */
	private static String codeOf(int status) {
		return switch (status) {
			case 400 -> "invalid_arguments";
			case 401 -> "unauthorized";
			case 403 -> "forbidden";
			case 404 -> "not_found";
			case 409 -> "conflict";
			case 413 -> "payload_too_large";
			case 429 -> "rate_limited";
			case 500 -> "internal_error";
			case 502 -> "backend_error";
			case 503 -> "service_unavailable";
			default -> "";
		};
	}

	private static Optional<ProblemDetails> parse(int status, String body) {
		if (body == null || body.isBlank()) {
			return Optional.empty();
		}
		try {
			Map<String, Object> members = JSON.readValue(body, MEMBERS);
			if (members == null || !(members.containsKey("code") || members.containsKey("title"))) {
				return Optional.empty();
			}
			String code = text(members.get("code"));
			if (code != null && !isKnown(code)) {
				// a code this client does not know yet: type it by its status
				code = null;
			}
			return Optional.of(new ProblemDetails(text(members.get("type")), text(members.get("title")), status,
					text(members.get("detail")), code, text(members.get("request_id")), members));
		}
		catch (IOException | RuntimeException ex) {
			return Optional.empty();
		}
	}

	private static boolean isKnown(String code) {
		return switch (code) {
			case "invalid_arguments", "unauthorized", "forbidden", "tenant_access_denied", "unknown_tool", "not_found",
					"conflict", "payload_too_large", "rate_limited", "backend_error", "service_unavailable",
					"backend_not_configured", "internal_error" ->
				true;
			default -> false;
		};
	}

	/**
	 * {@code Retry-After} as seconds or an HTTP date; else the problem's
	 * {@code retry_after_seconds}.
	 */
	static Optional<Duration> retryAfter(HttpHeaders headers, ProblemDetails problem) {
		Optional<String> header = (headers == null) ? Optional.empty() : headers.firstValue("Retry-After");
		if (header.isPresent()) {
			String value = header.get().trim();
			try {
				return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
			}
			catch (NumberFormatException notSeconds) {
				try {
					Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
					Duration wait = Duration.between(Instant.now(), at);
					return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
				}
				catch (DateTimeParseException notADate) {
					// fall through to the problem member
				}
			}
		}
		return problem.member("retry_after_seconds").flatMap((seconds) -> {
			try {
				return Optional.of(Duration.ofSeconds(Math.max(0, (long) Double.parseDouble(seconds))));
			}
			catch (NumberFormatException ex) {
				return Optional.empty();
			}
		});
	}

	static Throwable unwrap(Throwable failure) {
		Throwable cause = failure;
		while ((cause instanceof CompletionException || cause instanceof ExecutionException)
				&& cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

	private static String text(Object value) {
		return (value == null) ? null : String.valueOf(value);
	}

}
