package cl.smartercl.mcp.client;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import cl.smartercl.mcp.client.error.BackendException;
import cl.smartercl.mcp.client.error.ConflictException;
import cl.smartercl.mcp.client.error.ForbiddenException;
import cl.smartercl.mcp.client.error.InternalErrorException;
import cl.smartercl.mcp.client.error.InvalidArgumentsException;
import cl.smartercl.mcp.client.error.NotFoundException;
import cl.smartercl.mcp.client.error.PayloadTooLargeException;
import cl.smartercl.mcp.client.error.RateLimitedException;
import cl.smartercl.mcp.client.error.NotConfiguredException;
import cl.smartercl.mcp.client.error.ServiceUnavailableException;
import cl.smartercl.mcp.client.error.SmarterMcpException;
import cl.smartercl.mcp.client.error.TenantAccessDeniedException;
import cl.smartercl.mcp.client.error.UnauthorizedException;
import cl.smartercl.mcp.client.error.UnknownToolException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Every problem the REST contract names becomes its own exception, with its members. */
class ProblemMappingTests {

	private final MockServer server = new MockServer();

	private final SmarterMCP client = this.server.client();

	@AfterEach
	void close() {
		this.server.close();
	}

	@ParameterizedTest
	@CsvSource({ "400, invalid_arguments, InvalidArgumentsException", "401, unauthorized, UnauthorizedException",
			"403, forbidden, ForbiddenException", "403, tenant_access_denied, TenantAccessDeniedException",
			"404, tenant_access_denied, TenantAccessDeniedException", "404, unknown_tool, UnknownToolException",
			"404, not_found, NotFoundException", "409, conflict, ConflictException",
			"413, payload_too_large, PayloadTooLargeException", "429, rate_limited, RateLimitedException",
			"500, internal_error, InternalErrorException", "502, backend_error, BackendException",
			"503, service_unavailable, ServiceUnavailableException",
			"503, backend_not_configured, NotConfiguredException" })
	void eachCodeMapsToItsException(int status, String code, String exception) {
		this.server.problem(status, problem(status, code, "what went wrong"));
		Throwable thrown = catchThrowableOfType(SmarterMcpException.class, () -> this.client.services().list());
		assertThat(thrown.getClass().getSimpleName()).isEqualTo(exception);
		SmarterMcpException error = (SmarterMcpException) thrown;
		assertThat(error.status()).isEqualTo(status);
		assertThat(error.code()).contains(code);
		assertThat(error.requestId()).contains("req_7f3a9c");
		assertThat(error.getMessage()).isEqualTo("services_list: what went wrong");
	}

	@ParameterizedTest
	@CsvSource({ "400, InvalidArgumentsException", "401, UnauthorizedException", "403, ForbiddenException",
			"404, NotFoundException", "409, ConflictException", "413, PayloadTooLargeException",
			"429, RateLimitedException", "500, InternalErrorException", "502, BackendException",
			"503, ServiceUnavailableException", "418, SmarterMcpException" })
	void withoutAProblemTheStatusDecides(int status, String exception) {
		this.server.respond(status, "text/html", "<html><body>upstream says: secret-internal-host:5432</body></html>");
		SmarterMcpException error = catchThrowableOfType(SmarterMcpException.class,
				() -> this.client.services().list());
		assertThat(error.getClass().getSimpleName()).isEqualTo(exception);
		assertThat(error.status()).isEqualTo(status);
		// a body that is not a problem is never quoted
		assertThat(error.getMessage()).doesNotContain("secret-internal-host").contains(String.valueOf(status));
	}

	@Test
	void anUnknownCodeFallsBackOnTheStatus() {
		this.server.problem(404, problem(404, "workflow_archived", "Workflow 'x' is archived"));
		assertThatThrownBy(() -> this.client.workflows().status("9")).isExactlyInstanceOf(NotFoundException.class)
			.hasMessage("workflows_status: Workflow 'x' is archived");
	}

	@Test
	void invalidArgumentsNamesTheArgument() {
		this.server.problem(400, """
				{"type":"https://smartermcp.dev/problems/invalid_arguments","title":"Invalid arguments","status":400,
				 "detail":"lines: must be between 1 and 5000, got 0","code":"invalid_arguments",
				 "request_id":"req_1","argument":"lines"}""");
		InvalidArgumentsException error = catchThrowableOfType(InvalidArgumentsException.class,
				() -> this.client.services().logs("n8n", 0));
		assertThat(error.argument()).contains("lines");
		assertThat(error.problem().orElseThrow().detail()).isEqualTo("lines: must be between 1 and 5000, got 0");
	}

	@Test
	void forbiddenNamesTheMissingScope() {
		this.server.problem(403, """
				{"type":"https://smartermcp.dev/problems/forbidden","title":"Forbidden","status":403,
				 "detail":"Missing required scope 'write:services' for services_restart","code":"forbidden",
				 "request_id":"req_2","required_scope":"write:services"}""");
		ForbiddenException error = catchThrowableOfType(ForbiddenException.class,
				() -> this.client.services().restart("n8n"));
		assertThat(error.requiredScope()).contains("write:services");
	}

	@Test
	void rateLimitedReadsRetryAfterFromTheHeader() {
		this.server.problem(429, rateLimited(7), "Retry-After", "12", "X-RateLimit-Limit", "30",
				"X-RateLimit-Remaining", "0");
		RateLimitedException error = catchThrowableOfType(RateLimitedException.class,
				() -> this.client.workflows().list());
		assertThat(error.retryAfter()).isEqualTo(Duration.ofSeconds(12));
		assertThat(error.category()).contains("workflows");
		assertThat(error.limit()).contains("30/min");
		assertThat(error.retryable()).isTrue();
	}

	@Test
	void rateLimitedReadsAnHttpDateRetryAfter() {
		String in90s = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(90).format(DateTimeFormatter.RFC_1123_DATE_TIME);
		this.server.problem(429, rateLimited(7), "Retry-After", in90s);
		RateLimitedException error = catchThrowableOfType(RateLimitedException.class,
				() -> this.client.workflows().list());
		assertThat(error.retryAfter()).isBetween(Duration.ofSeconds(80), Duration.ofSeconds(90));
	}

	@Test
	void rateLimitedWithoutHeaderUsesTheProblemMember() {
		this.server.problem(429, rateLimited(7));
		RateLimitedException error = catchThrowableOfType(RateLimitedException.class,
				() -> this.client.workflows().list());
		assertThat(error.retryAfter()).isEqualTo(Duration.ofSeconds(7));
	}

	@Test
	void serviceUnavailableNamesTheService() {
		this.server.problem(503, """
				{"type":"https://smartermcp.dev/problems/service_unavailable","title":"Service unavailable",
				 "status":503,"detail":"Service 'odoo' is currently unavailable","code":"service_unavailable",
				 "request_id":"req_3","service":"odoo"}""", "Retry-After", "30");
		ServiceUnavailableException error = catchThrowableOfType(ServiceUnavailableException.class,
				() -> this.client.crm().pipeline());
		assertThat(error.service()).contains("odoo");
		assertThat(error.retryAfter()).contains(Duration.ofSeconds(30));
		assertThat(error.getMessage()).isEqualTo("crm_pipeline_status: Service 'odoo' is currently unavailable");
	}

	@Test
	void aBackendTheTenantHasNotConfiguredIsTypedAndNotRetryable() {
		this.server.problem(503,
				"""
						{"type":"https://smartermcp.dev/problems/backend_not_configured","title":"Service Unavailable",
						 "status":503,"detail":"The odoo backend is not configured for this tenant: add backends.odoo to the tenants file (see docs/configuration.md)",
						 "code":"backend_not_configured","request_id":"req_4","service":"odoo","config_key":"backends.odoo"}""");
		NotConfiguredException error = catchThrowableOfType(NotConfiguredException.class,
				() -> this.client.crm().pipeline());
		assertThat(error).isInstanceOf(ServiceUnavailableException.class);
		assertThat(error.retryable()).isFalse();
		assertThat(error.service()).contains("odoo");
		assertThat(error.configKey()).contains("backends.odoo");
		assertThat(error.retryAfter()).isEmpty();
	}

	@Test
	void backendErrorNamesTheService() {
		this.server.problem(502, """
				{"type":"https://smartermcp.dev/problems/backend_error","title":"Backend error","status":502,
				 "detail":"Service 'n8n' reported an error: workflow has no webhook trigger","code":"backend_error",
				 "request_id":"req_4","service":"n8n"}""");
		BackendException error = catchThrowableOfType(BackendException.class,
				() -> this.client.workflows().trigger("Xq3", java.util.Map.of()));
		assertThat(error.service()).contains("n8n");
	}

	@Test
	void asyncCallsFailWithTheTypedExceptionAsCause() {
		this.server.problem(401, problem(401, "unauthorized", "Unauthorized - Invalid or expired API token"));
		assertThatThrownBy(() -> this.client.services().listAsync(ServicesClient.Filter.ALL).join())
			.isInstanceOf(CompletionException.class)
			.cause()
			.isExactlyInstanceOf(UnauthorizedException.class)
			.hasMessage("services_list: Unauthorized - Invalid or expired API token");
	}

	@Test
	void theTokenIsNeverInAMessage() {
		this.server.problem(401, problem(401, "unauthorized", "Unauthorized - Invalid or expired API token"));
		UnauthorizedException error = catchThrowableOfType(UnauthorizedException.class,
				() -> this.client.services().list());
		assertThat(error.getMessage()).doesNotContain(MockServer.TOKEN);
		assertThat(error.problem().orElseThrow().members().toString()).doesNotContain(MockServer.TOKEN);
	}

	private static String problem(int status, String code, String detail) {
		return """
				{"type":"https://smartermcp.dev/problems/%s","title":"%s","status":%d,"detail":"%s","code":"%s",\
				"request_id":"req_7f3a9c"}""".formatted(code, code, status, detail, code);
	}

	private static String rateLimited(int seconds) {
		return """
				{"type":"https://smartermcp.dev/problems/rate_limited","title":"Rate limited","status":429,
				 "detail":"Rate limit exceeded for category 'workflows'","code":"rate_limited","request_id":"req_5",
				 "category":"workflows","limit":"30/min","retry_after_seconds":%d}""".formatted(seconds);
	}

}
