package cl.smartercl.mcp.connectors.config;

/**
 * A tenant's {@code confirmation:} block: what happens to a destructive MCP call (a
 * deploy, a restart, a CRM write, a workflow created) when the client cannot ask its user
 * to confirm it.
 *
 * @param proceedWithoutElicitation {@code true} (the default,
 * {@code without-elicitation: proceed}): the call runs, as over REST, on the authority of
 * the token's write scope; {@code false} ({@code without-elicitation: refuse}): it does
 * not run and the answer says it needs a client that can ask
 */
public record ConfirmationConfig(boolean proceedWithoutElicitation) {

	/** The default: clients without elicitation proceed. */
	public static final ConfirmationConfig DEFAULT = new ConfirmationConfig(true);

}
