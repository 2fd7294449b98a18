package cl.smartercl.mcp.server.dispatch;

/**
 * The order of the server's own interceptors, outermost first: metrics and the audit
 * trail see every outcome (a refusal by a limit included), the limits run before anything
 * reaches a backend, and resilience wraps the backend call itself.
 */
public final class InterceptorOrder {

	public static final int METRICS = 100;

	public static final int AUDIT = 200;

	public static final int RATE_LIMIT = 300;

	public static final int RESILIENCE = 400;

	private InterceptorOrder() {
	}

}
