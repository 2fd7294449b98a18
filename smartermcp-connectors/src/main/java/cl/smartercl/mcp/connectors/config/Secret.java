package cl.smartercl.mcp.connectors.config;

import java.util.Objects;

/**
 * A credential from the tenants file, already resolved from its {@code ${ENV}} or
 * {@code file:} reference. It prints as {@code ****} everywhere (logs, toString of
 * configs, errors); only a connector building a request calls {@link #reveal()}.
 */
public final class Secret {

	private final String value;

	private Secret(String value) {
		this.value = Objects.requireNonNull(value, "value");
	}

	public static Secret of(String value) {
		return new Secret(value);
	}

	/** The secret itself, for a request header or a connection; never log it. */
	public String reveal() {
		return this.value;
	}

	@Override
	public String toString() {
		return "****";
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Secret that && this.value.equals(that.value);
	}

	@Override
	public int hashCode() {
		return this.value.hashCode();
	}

}
