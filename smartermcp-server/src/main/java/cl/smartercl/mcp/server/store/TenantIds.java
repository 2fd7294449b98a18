package cl.smartercl.mcp.server.store;

import java.util.regex.Pattern;

import cl.smartercl.mcp.core.error.InvalidArgumentsException;

/**
 * The one rule for tenant ids: lower-case letters, digits, {@code _} and {@code -},
 * starting with a letter or digit, at most 63 characters. Ids appear in headers, the
 * tenants file, metrics and URLs, so they are kept plain.
 */
public final class TenantIds {

	/** The tenant id rule as a regular expression. */
	public static final String PATTERN = "[a-z0-9][a-z0-9_-]{0,62}";

	private static final Pattern COMPILED = Pattern.compile(PATTERN);

	private TenantIds() {
	}

	public static boolean isValid(String id) {
		return id != null && COMPILED.matcher(id).matches();
	}

	/**
	 * Returns {@code id} when it follows the rule.
	 * @throws InvalidArgumentsException naming {@code tenant_id} otherwise
	 */
	public static String requireValid(String id) {
		if (id == null || id.isEmpty()) {
			throw new InvalidArgumentsException("tenant_id", "a tenant id is required");
		}
		if (!isValid(id)) {
			throw new InvalidArgumentsException("tenant_id",
					"must be 1 to 63 characters of a-z, 0-9, '_' or '-', starting with a letter or digit (" + PATTERN
							+ ")");
		}
		return id;
	}

}
