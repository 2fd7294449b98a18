package cl.smartercl.mcp.server.store;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where tokens, tenants (and later the audit trail) are kept.
 * <p>
 * Environment: {@code SMARTERMCP_DATA_DIR} binds to {@code smartermcp.data-dir},
 * {@code SMARTERMCP_DB_URL} to {@code smartermcp.db-url} (Spring's relaxed binding maps
 * the underscores to the dashes).
 *
 * @param dataDir directory of the embedded H2 file database, used when {@code dbUrl} is
 * not set
 * @param dbUrl PostgreSQL instead of the embedded store:
 * {@code postgresql://user:password@host:5432/database} (also {@code postgres://} or
 * {@code r2dbc:postgresql://}; optional {@code ?sslmode=require}); see
 * {@link StoreLocation#of(StoreProperties)}
 */
@ConfigurationProperties("smartermcp")
public record StoreProperties(@DefaultValue("./data") Path dataDir, String dbUrl) {

	public StoreProperties {
		if (dataDir == null) {
			dataDir = Path.of("./data");
		}
	}

	public boolean usesPostgres() {
		return this.dbUrl != null && !this.dbUrl.isBlank();
	}

	// The record's own toString would print the database password of dbUrl.
	@Override
	public String toString() {
		return "StoreProperties[dataDir=" + this.dataDir + ", dbUrl=" + (usesPostgres() ? "****" : "none") + "]";
	}

}
