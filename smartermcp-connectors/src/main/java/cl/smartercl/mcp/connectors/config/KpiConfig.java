package cl.smartercl.mcp.connectors.config;

import java.util.List;
import java.util.Map;

/**
 * One KPI of a tenant's {@code kpis:} block: the Metabase saved question that computes
 * it, how its value reads, and the values of the question's parameters (template tags) if
 * it has any. The short form {@code revenue_mtd: 12} is a question id with the format
 * {@code number}.
 *
 * @param question the saved question's id
 * @param format {@code currency}, {@code percent}, {@code integer} or {@code number}
 * @param unit an ISO currency code for {@code currency} (e.g. USD), else a word shown
 * after the number
 * @param decimals fraction digits shown; {@code null} for the format's default
 * @param parameters template tag name → value, sent as the question's parameters
 */
public record KpiConfig(long question, String format, String unit, Integer decimals, Map<String, String> parameters) {

	/** The formats a KPI may have. */
	public static final List<String> FORMATS = List.of("currency", "percent", "integer", "number");

	public KpiConfig {
		format = (format == null || format.isBlank()) ? "number" : format;
		if (!FORMATS.contains(format)) {
			throw new IllegalArgumentException(
					"KPI format must be one of " + String.join(", ", FORMATS) + ", not " + format);
		}
		parameters = (parameters == null) ? Map.of() : Map.copyOf(parameters);
	}

	/** The short form: just the question. */
	public static KpiConfig of(long question) {
		return new KpiConfig(question, null, null, null, null);
	}

}
