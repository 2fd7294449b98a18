package cl.smartercl.mcp.core.tool;

import java.util.Arrays;
import java.util.Optional;

/** The nine tool categories; each has its own rate limit and its own port. */
public enum Category {

	SERVICES("services"), WORKFLOWS("workflows"), ANALYTICS("analytics"), CRM("crm"), SUPPORT("support"), BOTS("bots"),
	INFRASTRUCTURE("infrastructure"), DOCUMENTATION("documentation"), CODEGEN("codegen");

	private final String value;

	Category(String value) {
		this.value = value;
	}

	public String value() {
		return this.value;
	}

	public static Optional<Category> fromValue(String value) {
		return Arrays.stream(values()).filter((c) -> c.value.equals(value)).findFirst();
	}

	@Override
	public String toString() {
		return this.value;
	}

}
