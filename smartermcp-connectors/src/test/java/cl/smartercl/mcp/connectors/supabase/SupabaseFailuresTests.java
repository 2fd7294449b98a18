package cl.smartercl.mcp.connectors.supabase;

import java.io.IOException;
import java.time.Duration;

import io.r2dbc.pool.ConnectionPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import cl.smartercl.mcp.connectors.config.BackendsConfig;
import cl.smartercl.mcp.connectors.config.Secret;
import cl.smartercl.mcp.connectors.support.FaultyHttpDouble;
import cl.smartercl.mcp.connectors.support.FaultyHttpDouble.Fault;
import cl.smartercl.mcp.core.error.ServiceUnavailableException;
import cl.smartercl.mcp.core.error.ToolException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The PostgreSQL driver meeting a server that is not there, not PostgreSQL, or silent:
 * the messages say so in the tool's words, never the driver's (its host/address form,
 * exception names, protocol detail).
 */
class SupabaseFailuresTests {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static FaultyHttpDouble backend;

	@BeforeAll
	static void start() throws IOException {
		backend = new FaultyHttpDouble();
	}

	@AfterAll
	static void stop() throws IOException {
		backend.close();
	}

	private static ToolException describe(int port, Duration timeout) {
		BackendsConfig.Supabase config = new BackendsConfig.Supabase(
				"r2dbc:postgresql://127.0.0.1:" + port + "/postgres", "reader", Secret.of("pg-SECRET-1"), null, null);
		ConnectionPool pool = SupabaseConnector.pool(config);
		try {
			SupabaseCatalog catalog = new SupabaseCatalog(pool, timeout);
			return catchThrowableOfType(ToolException.class,
					() -> catalog.readOnly((connection) -> catalog.schema(connection, "public")).block(WAIT));
		}
		finally {
			pool.dispose();
		}
	}

	private static void assertNoDriverText(ToolException ex, int port) {
		assertThat(ex.getMessage()).doesNotContain("127.0.0.1", ":" + port, "localhost/", "Exception", "r2dbc",
				"pg-SECRET-1", "reader");
	}

	@Test
	void aRefusedConnectionCannotConnect() throws IOException {
		int port = FaultyHttpDouble.closedPort();
		ToolException ex = describe(port, Duration.ofSeconds(20));
		assertThat(ex).isInstanceOf(ServiceUnavailableException.class)
			.hasMessage("Service 'supabase' is currently unavailable: cannot connect to the PostgreSQL server of "
					+ "backends.supabase.url (connection refused)");
		assertNoDriverText(ex, port);
	}

	@Test
	void aServerThatIsNotPostgresqlIsSaidToBeSo() {
		backend.fault(Fault.GARBAGE);
		ToolException ex = describe(backend.port(), Duration.ofSeconds(20));
		assertThat(ex).isInstanceOf(ServiceUnavailableException.class)
			.hasMessage(
					"Service 'supabase' is currently unavailable: the server of backends.supabase.url answered something "
							+ "that is not the PostgreSQL protocol");
		assertNoDriverText(ex, backend.port());
	}

	@Test
	void aServerClosingTheConnectionIsAnIncompleteAnswer() {
		backend.fault(Fault.CLOSE_BEFORE_ANSWER);
		ToolException ex = describe(backend.port(), Duration.ofSeconds(20));
		assertThat(ex).isInstanceOf(ServiceUnavailableException.class)
			.hasMessage("Service 'supabase' is currently unavailable: incomplete answer: the PostgreSQL server of "
					+ "backends.supabase.url closed the connection");
		assertNoDriverText(ex, backend.port());
	}

	@Test
	void aSilentServerIsNoAnswerWithinTheTimeGiven() {
		backend.fault(Fault.HANG);
		ToolException ex = describe(backend.port(), Duration.ofSeconds(1));
		backend.fault(Fault.OK);
		assertThat(ex).isInstanceOf(ServiceUnavailableException.class)
			.hasMessage(
					"Service 'supabase' is currently unavailable: no answer within 1 s from the PostgreSQL server of "
							+ "backends.supabase.url");
		assertNoDriverText(ex, backend.port());
	}

}
