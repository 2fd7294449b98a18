package cl.smartercl.mcp.server.ratelimit;

/** The store contract in memory. */
class InMemoryRateLimitStoreTests extends RateLimitStoreContract {

	private final InMemoryRateLimitStore store = new InMemoryRateLimitStore();

	@Override
	RateLimitStore store() {
		return this.store;
	}

}
