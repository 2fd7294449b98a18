package cl.smartercl.mcp.server.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * What a test opened (spools, writers, locks), closed after it in the order kept here: a
 * test class holds one in a field marked {@code @AutoClose}.
 */
final class Closeables implements AutoCloseable {

	private final List<AutoCloseable> open = new ArrayList<>();

	/** Closed after those added before it. */
	void add(AutoCloseable each) {
		this.open.add(each);
	}

	/** Closed before everything else (a writer before the spool it replays). */
	void addFirst(AutoCloseable each) {
		this.open.add(0, each);
	}

	@Override
	public void close() throws Exception {
		for (AutoCloseable each : this.open) {
			each.close();
		}
	}

}
