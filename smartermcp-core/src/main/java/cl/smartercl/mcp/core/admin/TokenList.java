package cl.smartercl.mcp.core.admin;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The answer of {@code GET /auth/tokens}. */
public record TokenList(@JsonProperty(required = true) List<TokenInfo> tokens) {

	public TokenList {
		tokens = List.copyOf(tokens);
	}

}
