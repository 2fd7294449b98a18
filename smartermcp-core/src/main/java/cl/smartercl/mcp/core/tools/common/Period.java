package cl.smartercl.mcp.core.tools.common;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A reporting period ending now. */
public enum Period {

	@JsonProperty("today")
	TODAY,

	@JsonProperty("week")
	WEEK,

	@JsonProperty("month")
	MONTH

}
