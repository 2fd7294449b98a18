package cl.smartercl.mcp.core.error;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Arguments that break a tool's contract: names the argument and what was expected. HTTP
 * 400.
 */
public final class InvalidArgumentsException extends ToolException {

	private final String argument;

	public InvalidArgumentsException(String argument, String problem) {
		super("invalid_arguments", 400, false,
				argument == null ? "Invalid arguments: " + problem : "Invalid argument '" + argument + "': " + problem,
				null);
		this.argument = argument;
	}

	/**
	 * The offending argument (a JSON path such as {@code contact.email}), or {@code null}
	 * for the whole body.
	 */
	public String argument() {
		return this.argument;
	}

	@Override
	public Map<String, Object> details() {
		Map<String, Object> details = new LinkedHashMap<>();
		if (this.argument != null) {
			details.put("argument", this.argument);
		}
		return details;
	}

}
