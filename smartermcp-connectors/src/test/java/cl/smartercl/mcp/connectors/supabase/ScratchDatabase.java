package cl.smartercl.mcp.connectors.supabase;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A fresh database on the machine's real PostgreSQL (127.0.0.1:5432, trust auth, superuser
 * {@code postgres}) for one test class, with the login roles it created; {@link #close()} drops both.
 * Point the tests elsewhere with {@code SMARTERMCP_TEST_PG_HOST}/{@code SMARTERMCP_TEST_PG_PORT}.
 */
final class ScratchDatabase implements AutoCloseable {

	static final String HOST = System.getenv().getOrDefault("SMARTERMCP_TEST_PG_HOST", "127.0.0.1");

	static final String PORT = System.getenv().getOrDefault("SMARTERMCP_TEST_PG_PORT", "5432");

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	final String name;

	private final String suffix;

	private final List<String> roles = new ArrayList<>();

	private ScratchDatabase(String name, String suffix) {
		this.name = name;
		this.suffix = suffix;
	}

	static ScratchDatabase create(String prefix) {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		ScratchDatabase database = new ScratchDatabase(prefix + "_" + suffix, suffix);
		database.onAdmin("CREATE DATABASE " + database.name);
		return database;
	}

	String url() {
		return "r2dbc:postgresql://" + HOST + ":" + PORT + "/" + this.name;
	}

	/** A LOGIN role with no privileges of its own, dropped with the database; returns its name. */
	String role(String base) {
		String role = base + "_" + this.suffix;
		onAdmin("CREATE ROLE " + role + " LOGIN");
		this.roles.add(role);
		return role;
	}

	/** Runs SQL (several statements allowed) in this database as the superuser. */
	void sql(String sql) {
		run(url(), sql);
	}

	/** The first column of the first row of a query in this database, as text. */
	String value(String sql) {
		return Mono.usingWhen(Mono.from(ConnectionFactories.get(withUser(url())).create()),
				(connection) -> Flux.from(connection.createStatement(sql).execute())
					.flatMap((result) -> result.map((row, meta) -> String.valueOf(row.get(0))))
					.next(),
				Connection::close)
			.block(TIMEOUT);
	}

	private void onAdmin(String sql) {
		run("r2dbc:postgresql://" + HOST + ":" + PORT + "/postgres", sql);
	}

	private static void run(String url, String sql) {
		Mono.usingWhen(Mono.from(ConnectionFactories.get(withUser(url)).create()),
				(connection) -> Flux.from(connection.createStatement(sql).execute())
					.flatMap((result) -> result.getRowsUpdated())
					.then(),
				Connection::close)
			.block(TIMEOUT);
	}

	private static String withUser(String url) {
		return url.replace("://", "://postgres@");
	}

	@Override
	public void close() {
		onAdmin("DROP DATABASE IF EXISTS " + this.name + " WITH (FORCE)");
		for (String role : this.roles) {
			onAdmin("DROP ROLE IF EXISTS " + role);
		}
	}

}
