package cl.smartercl.mcp.client.error;

import java.util.Optional;

/**
 * HTTP 503 {@code backend_not_configured}: the tenant of the token has not configured the
 * backend the tool needs. Retrying does not help; an operator adds the backend to the
 * tenants file ({@link #configKey()}, e.g. {@code backends.odoo}; see the server's
 * {@code docs/configuration.md}). A kind of {@link ServiceUnavailableException}, so code
 * that handles any unavailability still does.
 */
public class NotConfiguredException extends ServiceUnavailableException {

	public NotConfiguredException(String message, ProblemDetails problem) {
		super(message, problem, null);
	}

	/**
	 * The tenants-file key that would configure the backend, e.g. {@code backends.odoo}.
	 */
	public Optional<String> configKey() {
		return problem().flatMap((p) -> p.member("config_key"));
	}

	@Override
	public boolean retryable() {
		return false;
	}

}
