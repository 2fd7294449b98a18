package cl.smartercl.mcp.server.ratelimit;

/**
 * Where one limit stands for a call.
 *
 * @param rule the limit
 * @param allowed whether it lets the call through
 * @param remaining calls left after this one (0 when refused)
 * @param resetMillis when refused, how long until it would let a call through; else how
 * long until {@code remaining} grows again (0 when nothing is used)
 */
record RuleState(LimitRule rule, boolean allowed, long remaining, long resetMillis) {
}
