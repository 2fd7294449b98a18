package cl.smartercl.mcp.core.auth;

import java.util.Arrays;
import java.util.Optional;

/**
 * The eleven documented scopes. A {@code write:X} scope implies {@code read:X};
 * {@code admin:tenants} governs tokens and tenants and implies nothing else.
 */
public enum Scope {

	READ_SERVICES("read:services"), WRITE_SERVICES("write:services"), READ_WORKFLOWS("read:workflows"),
	WRITE_WORKFLOWS("write:workflows"), READ_ANALYTICS("read:analytics"), READ_CRM("read:crm"), WRITE_CRM("write:crm"),
	READ_SUPPORT("read:support"), READ_BOTS("read:bots"), WRITE_BOTS("write:bots"), ADMIN_TENANTS("admin:tenants");

	private final String value;

	Scope(String value) {
		this.value = value;
	}

	/** The wire form, e.g. {@code read:crm}. */
	public String value() {
		return this.value;
	}

	/** {@code true} for the {@code write:*} scopes. */
	public boolean isWrite() {
		return this.value.startsWith("write:");
	}

	/**
	 * The read scope a write scope implies, if any.
	 */
	public Optional<Scope> impliedRead() {
		if (!isWrite()) {
			return Optional.empty();
		}
		return fromValue("read:" + this.value.substring("write:".length()));
	}

	/** Parses the wire form; empty for anything that is not one of the eleven scopes. */
	public static Optional<Scope> fromValue(String value) {
		return Arrays.stream(values()).filter((s) -> s.value.equals(value)).findFirst();
	}

	@Override
	public String toString() {
		return this.value;
	}

}
