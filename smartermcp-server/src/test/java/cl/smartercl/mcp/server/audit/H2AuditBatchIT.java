package cl.smartercl.mcp.server.audit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit batches on the embedded H2 file store, with the store's settings in force.
 */
class H2AuditBatchIT extends AuditBatchStoreSuite {

	private Path dataDir;

	@Override
	protected Map<String, Object> newStore() throws Exception {
		this.dataDir = Files.createTempDirectory("smartermcp-audit-batch");
		return Map.of("smartermcp.data-dir", this.dataDir.toString());
	}

	@Override
	protected void dropStore() throws Exception {
		FileSystemUtils.deleteRecursively(this.dataDir);
	}

	@Test
	void theEmbeddedStoreRunsWithItsDocumentedSettings() {
		Map<String, String> settings = new java.util.HashMap<>();
		this.sql.sql("SELECT SETTING_NAME AS name, SETTING_VALUE AS v FROM INFORMATION_SCHEMA.SETTINGS")
			.map((row) -> Map.entry(row.get("name", String.class), String.valueOf(row.get("v", String.class))))
			.all()
			.doOnNext((entry) -> settings.put(entry.getKey(), entry.getValue()))
			.blockLast();
		assertThat(settings).containsEntry("WRITE_DELAY", "0")
			.containsEntry("AUTO_COMPACT_FILL_RATE", "50")
			.containsEntry("info.CACHE_MAX_SIZE", "64");
	}

}
