package cl.smartercl.mcp.core.tools.common;

import cl.smartercl.mcp.core.error.InvalidArgumentsException;

/**
 * The one check of a bounded whole-number argument. Its bounds and default are declared
 * on the input record's component with the same constants ({@code @Min}, {@code @Max},
 * {@code @JsonProperty(defaultValue = ...)}), which is where the JSON Schema reads them,
 * so a schema says what this enforces; arguments bound from JSON are checked against that
 * schema first, with the same wording.
 */
public final class Bounds {

	private Bounds() {
	}

	/**
	 * {@code value}, or {@code defaultValue} when absent; refused outside
	 * {@code min..max}.
	 */
	public static int within(String argument, Integer value, int defaultValue, int min, int max) {
		int given = (value == null) ? defaultValue : value;
		if (given < min || given > max) {
			throw new InvalidArgumentsException(argument, range(min, max) + ", got " + given);
		}
		return given;
	}

	/**
	 * The wording of a range: {@code must be between 1 and 500},
	 * {@code must be 1 or more}.
	 */
	public static String range(Long min, Long max) {
		if (min != null && max != null) {
			return "must be between " + min + " and " + max;
		}
		return (min != null) ? "must be " + min + " or more" : "must be at most " + max;
	}

	private static String range(int min, int max) {
		return range((long) min, (max == Integer.MAX_VALUE) ? null : (long) max);
	}

}
