package cl.smartercl.mcp.server.auth;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cl.smartercl.mcp.server.store.StoreLocation;
import cl.smartercl.mcp.server.store.StoreProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store suite on the embedded H2 file database, each store in a directory of its own.
 */
class H2StoreIT extends StoreSuite {

	@TempDir
	static Path dataDirs;

	private final AtomicInteger stores = new AtomicInteger();

	private Path firstStore;

	@Override
	protected Map<String, Object> newStore() {
		Path dataDir = dataDirs.resolve("store-" + this.stores.incrementAndGet()).resolve("data");
		if (this.firstStore == null) {
			this.firstStore = dataDir;
		}
		return Map.of("smartermcp.data-dir", dataDir.toString());
	}

	@Override
	protected void dropStores() {
		// @TempDir removes the files.
	}

	@Test
	void storeIsAFileUnderTheDataDirectory() {
		assertThat(this.firstStore.resolve("smartermcp.mv.db")).isRegularFile();
	}

	@Test
	void blockingH2WorkRunsOffTheCallersThread() {
		// r2dbc-h2 does its I/O on the subscribing thread; StoreClient moves it to a
		// bounded elastic worker.
		List<String> threads = this.tenants.list()
			.map((tenant) -> Thread.currentThread().getName())
			.collectList()
			.block();
		assertThat(threads).isNotEmpty().allSatisfy((thread) -> assertThat(thread).startsWith("boundedElastic"));
		assertThat(Thread.currentThread().getName()).doesNotStartWith("boundedElastic");
	}

	@Test
	void locationDescribesTheEmbeddedFile() {
		StoreLocation location = StoreLocation.of(new StoreProperties(this.firstStore, null));
		assertThat(location.kind()).isEqualTo(StoreLocation.Kind.H2);
		assertThat(Files.exists(this.firstStore)).isTrue();
		assertThat(location.jdbcUrl())
			.isEqualTo("jdbc:h2:file:" + this.firstStore.toAbsolutePath().resolve("smartermcp")
					+ ";WRITE_DELAY=0;CACHE_SIZE=65536;AUTO_COMPACT_FILL_RATE=50");
	}

}
