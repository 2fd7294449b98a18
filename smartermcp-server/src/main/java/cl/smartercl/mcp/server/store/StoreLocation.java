package cl.smartercl.mcp.server.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.r2dbc.h2.H2ConnectionConfiguration;
import io.r2dbc.h2.H2ConnectionFactory;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.postgresql.client.SSLMode;
import io.r2dbc.spi.ConnectionFactory;

/**
 * One database, described once and reachable two ways: R2DBC for the application, JDBC
 * for Flyway's migrations. Either the embedded H2 file {@code <dataDir>/smartermcp} or a
 * PostgreSQL server.
 * <p>
 * The accepted PostgreSQL URL is
 * {@code postgresql://user[:password]@host[:port]/database[?sslmode=...]}, with the
 * scheme also written {@code postgres://} (libpq's and most hosting providers' form) or
 * {@code r2dbc:postgresql://} (the R2DBC form). Reserved characters in the user or
 * password are percent-encoded ({@code @} as {@code %40}). The password never appears in
 * a message or a log line.
 */
public final class StoreLocation {

	/** The two kinds of store. */
	public enum Kind {

		/** The embedded H2 file database. */
		H2,

		/** A PostgreSQL server. */
		POSTGRESQL

	}

	/**
	 * File name (without H2's {@code .mv.db}) of the embedded database inside the data
	 * directory.
	 */
	static final String H2_FILE_NAME = "smartermcp";

	// H2's embedded database is created with this administrator on first open and must be
	// opened
	// with the same credentials afterwards; the file lives in the operator's data
	// directory, so a
	// password would protect nothing the file permissions do not.
	private static final String H2_USER = "sa";

	/**
	 * The embedded store's settings, given on every open (docs/operations.md, "The
	 * embedded store's settings", says why each).
	 * <ul>
	 * <li>{@code WRITE_DELAY=0}: a commit is written to the file before it returns. H2's
	 * default (500 ms) keeps commits in memory for up to half a second, so a killed
	 * process lost calls already answered; the audit trail's group commit keeps the cost
	 * to one write per batch.</li>
	 * <li>{@code CACHE_SIZE=65536}: 64 MiB of page cache instead of 16, so the token,
	 * tenant and recent audit pages stay in memory (the profile of issue 17 found page
	 * reads from the file under load).</li>
	 * <li>{@code AUTO_COMPACT_FILL_RATE=50}: background compaction rewrites a chunk only
	 * once half of it is dead, not at 90 % (an earlier profile caught the rewriting at a
	 * third of the CPU with a large trail); the file may hold up to twice its live data
	 * in exchange.</li>
	 * </ul>
	 */
	static final Map<String, String> H2_SETTINGS = h2Settings();

	private static final int DEFAULT_POSTGRES_PORT = 5432;

	// libpq's sslmode values; both drivers accept them (r2dbc-postgresql through
	// SSLMode#fromValue).
	private static final List<String> SSL_MODES = List.of("disable", "allow", "prefer", "require", "verify-ca",
			"verify-full");

	private static final String EXPECTED_FORM = "expected postgresql://user:password@host:5432/database"
			+ " (or postgres://, r2dbc:postgresql://), optionally ?sslmode=require";

	private final Kind kind;

	private final String host;

	private final int port;

	private final String database;

	private final String username;

	private final String password;

	private final String sslMode;

	private StoreLocation(Kind kind, String host, int port, String database, String username, String password,
			String sslMode) {
		this.kind = kind;
		this.host = host;
		this.port = port;
		this.database = database;
		this.username = username;
		this.password = password;
		this.sslMode = sslMode;
	}

	private static Map<String, String> h2Settings() {
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("WRITE_DELAY", "0");
		settings.put("CACHE_SIZE", "65536");
		settings.put("AUTO_COMPACT_FILL_RATE", "50");
		return Collections.unmodifiableMap(settings);
	}

	/**
	 * PostgreSQL when {@code dbUrl} is set, else the embedded H2 file under
	 * {@code dataDir}.
	 */
	public static StoreLocation of(StoreProperties properties) {
		return properties.usesPostgres() ? postgres(properties.dbUrl()) : h2(properties.dataDir());
	}

	static StoreLocation h2(Path dataDir) {
		Path file = dataDir.toAbsolutePath().normalize().resolve(H2_FILE_NAME);
		// H2 reads ';' as the start of its settings in both the JDBC and the R2DBC URL.
		if (file.toString().contains(";")) {
			throw new IllegalStateException(
					"SMARTERMCP_DATA_DIR must not contain ';' (H2 reads it as a URL separator): " + dataDir);
		}
		return new StoreLocation(Kind.H2, null, -1, file.toString(), H2_USER, "", null);
	}

	static StoreLocation postgres(String dbUrl) {
		String text = dbUrl.strip();
		if (text.regionMatches(true, 0, "r2dbc:", 0, 6)) {
			text = text.substring(6);
		}
		URI uri;
		try {
			uri = new URI(text);
		}
		catch (URISyntaxException ex) {
			// The exception's own message quotes the whole URL, password included.
			throw invalid("it is not a valid URL");
		}
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		if (!scheme.equals("postgresql") && !scheme.equals("postgres")) {
			throw invalid("unsupported scheme '" + scheme + "'");
		}
		if (uri.getHost() == null || uri.getHost().isBlank()) {
			throw invalid("it names no host");
		}
		String path = uri.getPath() == null ? "" : uri.getPath();
		String database = path.startsWith("/") ? path.substring(1) : path;
		if (database.isBlank() || database.contains("/")) {
			throw invalid("it names no database");
		}
		String rawUserInfo = uri.getRawUserInfo();
		if (rawUserInfo == null || rawUserInfo.isBlank() || rawUserInfo.startsWith(":")) {
			throw invalid("it names no user");
		}
		int colon = rawUserInfo.indexOf(':');
		String user = decode(colon < 0 ? rawUserInfo : rawUserInfo.substring(0, colon));
		String password = colon < 0 ? null : decode(rawUserInfo.substring(colon + 1));
		String sslMode = parseQuery(uri.getRawQuery());
		int port = uri.getPort() < 0 ? DEFAULT_POSTGRES_PORT : uri.getPort();
		return new StoreLocation(Kind.POSTGRESQL, uri.getHost(), port, database, user, password, sslMode);
	}

	/**
	 * The {@code sslmode} of the query, {@code null} when absent; any other parameter is
	 * refused.
	 */
	private static String parseQuery(String rawQuery) {
		if (rawQuery == null || rawQuery.isEmpty()) {
			return null;
		}
		String sslMode = null;
		for (String pair : rawQuery.split("&")) {
			int eq = pair.indexOf('=');
			String key = decode(eq < 0 ? pair : pair.substring(0, eq));
			String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
			if (!key.equalsIgnoreCase("sslmode")) {
				throw invalid("unsupported parameter '" + key + "' (supported: sslmode)");
			}
			if (!SSL_MODES.contains(value.toLowerCase(Locale.ROOT))) {
				throw invalid("unsupported sslmode '" + value + "' (one of " + String.join(", ", SSL_MODES) + ")");
			}
			sslMode = value.toLowerCase(Locale.ROOT);
		}
		return sslMode;
	}

	private static String decode(String raw) {
		try {
			// '+' is a literal plus in a URL's user info, not a space as in a form body.
			return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw invalid("it holds a malformed %-escape");
		}
	}

	private static IllegalStateException invalid(String problem) {
		return new IllegalStateException("SMARTERMCP_DB_URL is not usable: " + problem + "; " + EXPECTED_FORM);
	}

	public Kind kind() {
		return this.kind;
	}

	/**
	 * Whether the R2DBC driver does its I/O on the subscribing thread. r2dbc-h2 runs the
	 * embedded engine synchronously, so its work must be moved off event-loop threads;
	 * r2dbc-postgresql is non-blocking.
	 */
	public boolean blockingDriver() {
		return this.kind == Kind.H2;
	}

	/** The URL Flyway migrates over; it never carries the password. */
	public String jdbcUrl() {
		if (this.kind == Kind.H2) {
			StringBuilder url = new StringBuilder("jdbc:h2:file:").append(this.database);
			H2_SETTINGS.forEach((name, value) -> url.append(';').append(name).append('=').append(value));
			return url.toString();
		}
		String url = "jdbc:postgresql://" + hostForUrl() + ":" + this.port + "/" + this.database;
		return (this.sslMode != null) ? url + "?sslmode=" + this.sslMode : url;
	}

	String username() {
		return this.username;
	}

	/** May be {@code null} (PostgreSQL trust or peer authentication). */
	String password() {
		return this.password;
	}

	/** The driver's connection factory, not yet pooled. */
	ConnectionFactory connectionFactory(Duration connectTimeout) {
		if (this.kind == Kind.H2) {
			H2ConnectionConfiguration.Builder builder = H2ConnectionConfiguration.builder()
				.file(this.database)
				.username(this.username)
				.password(this.password);
			H2_SETTINGS.forEach(builder::property);
			return new H2ConnectionFactory(builder.build());
		}
		PostgresqlConnectionConfiguration.Builder builder = PostgresqlConnectionConfiguration.builder()
			.host(unbracketed(this.host))
			.port(this.port)
			.database(this.database)
			.username(this.username)
			.applicationName("smartermcp")
			.connectTimeout(connectTimeout);
		if (this.password != null) {
			builder.password(this.password);
		}
		if (this.sslMode != null) {
			builder.sslMode(SSLMode.fromValue(this.sslMode));
		}
		return new PostgresqlConnectionFactory(builder.build());
	}

	/** Where the store is, for the start-up log: never the password. */
	public String description() {
		if (this.kind == Kind.H2) {
			return "embedded H2 database " + this.database;
		}
		return "PostgreSQL " + this.username + "@" + hostForUrl() + ":" + this.port + "/" + this.database;
	}

	// URI#getHost keeps the brackets of an IPv6 literal: URLs need them, a socket address
	// does not.
	private String hostForUrl() {
		return this.host;
	}

	private static String unbracketed(String host) {
		return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
	}

	@Override
	public String toString() {
		return description();
	}

}
