package cl.smartercl.mcp.server.audit;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.r2dbc.core.DatabaseClient;

import cl.smartercl.mcp.core.auth.Principal;
import cl.smartercl.mcp.core.tool.Transport;
import cl.smartercl.mcp.core.auth.ScopeSet;
import cl.smartercl.mcp.core.schema.ToolJson;
import cl.smartercl.mcp.core.tool.ToolDefinition;
import cl.smartercl.mcp.core.tools.services.ServicesTools;
import cl.smartercl.mcp.core.tools.workflows.WorkflowsTools;
import cl.smartercl.mcp.server.dispatch.CallMetadata;
import cl.smartercl.mcp.server.dispatch.ToolCall;
import cl.smartercl.mcp.server.store.StoreClient;
import cl.smartercl.mcp.server.support.HostileStrings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A property over arbitrary strings: every call leaves exactly one audit row, whatever
 * its arguments (quotes, backslashes, NULs, newlines, unpaired surrogates, any length up
 * to well past the column), through the real interceptor into the real
 * {@code audit_records} table (the migrations on an in-memory H2). Seeded, so a failure
 * names the seed and the sample and reproduces. Issue 15 #1: a prefix cut BEFORE the
 * final escape outgrew {@code VARCHAR(16384)} and the row was lost.
 */
class AuditArgumentsPropertyTests {

	private static final long SEED = 15;

	private static DatabaseClient sql;

	private static AuditWriter writer;

	private static AuditInterceptor interceptor;

	@BeforeAll
	static void store() {
		Flyway.configure()
			.dataSource("jdbc:h2:mem:audit-properties;DB_CLOSE_DELAY=-1", "sa", "")
			.locations("classpath:db/migration")
			.load()
			.migrate();
		ConnectionFactoryOptions options = ConnectionFactoryOptions
			.parse("r2dbc:h2:mem:///audit-properties;DB_CLOSE_DELAY=-1")
			.mutate()
			.option(ConnectionFactoryOptions.USER, "sa")
			.option(ConnectionFactoryOptions.PASSWORD, "")
			.build();
		sql = DatabaseClient.create(ConnectionFactories.get(options));
		writer = new AuditWriter(new AuditStore(new StoreClient(sql, Schedulers.boundedElastic())),
				new AuditProperties(null, null, null, null), Schedulers.parallel());
		interceptor = new AuditInterceptor(writer, Clock.systemUTC());
	}

	@AfterAll
	static void drop() {
		writer.close();
		sql.sql("DROP ALL OBJECTS").then().block(Duration.ofSeconds(10));
	}

	@Test
	void storedArgumentsAreJsonThatFitsTheColumnAndSayHowMuchWasCut() {
		HostileStrings strings = new HostileStrings(SEED);
		for (int i = 0; i < 400; i++) {
			String value = strings.next(40_000);
			ObjectNode arguments = ToolJson.mapper().createObjectNode().put("service_id", value);
			String stored = AuditInterceptor.arguments(arguments);
			String sample = "seed " + SEED + ", sample " + i;
			assertThat(stored.length()).as(sample).isLessThanOrEqualTo(AuditInterceptor.MAX_ARGUMENTS_CHARS);
			JsonNode parsed = ToolJson.mapper().readTree(stored);
			String encoded = ToolJson.mapper().writeValueAsString(arguments);
			if (encoded.length() > AuditInterceptor.MAX_ARGUMENTS_CHARS) {
				assertThat(parsed.get("truncated").asBoolean()).as(sample).isTrue();
				String prefix = parsed.get("prefix").asString();
				assertThat(encoded).as(sample).startsWith(prefix);
				assertThat(prefix.length() + parsed.get("cut_chars").asLong()).as(sample).isEqualTo(encoded.length());
				// the cut keeps as much as fits: at least a sixth of the room (the worst
				// escape is 6 characters)
				assertThat(prefix.length()).as(sample).isGreaterThan(AuditInterceptor.MAX_ARGUMENTS_CHARS / 6 - 100);
			}
			else {
				assertThat(stored).as(sample).isEqualTo(encoded);
			}
		}
	}

	@Test
	void everyCallLeavesExactlyOneRow() {
		HostileStrings strings = new HostileStrings(SEED + 1);
		for (int i = 0; i < 120; i++) {
			boolean write = strings.random().nextBoolean();
			String value = strings.next(40_000);
			ToolDefinition<?, ?> tool = write ? WorkflowsTools.WORKFLOWS_TRIGGER : ServicesTools.SERVICES_HEALTH;
			ObjectNode arguments = ToolJson.mapper().createObjectNode();
			if (write) {
				arguments.put("workflow_id", "wf-1").putObject("input_data").put("note", value);
			}
			else {
				arguments.put("service_id", value);
			}
			String requestId = UUID.randomUUID().toString();
			ToolCall call = new ToolCall(tool, new Principal("acme", "token-1", "prop-agent", ScopeSet.all()),
					requestId, Transport.REST, arguments, new CallMetadata());
			JsonNode answer = interceptor
				.intercept(call, Mono.just(ToolJson.mapper().createObjectNode().put("ok", true)))
				.block(Duration.ofSeconds(30));
			String sample = "seed " + (SEED + 1) + ", sample " + i + " (" + value.length() + " chars, write " + write
					+ ")";
			assertThat(answer).as(sample).isNotNull();
			Long rows = sql.sql("SELECT COUNT(*) AS n FROM audit_records WHERE request_id = :id AND outcome = 'ok'")
				.bind("id", requestId)
				.map((row) -> row.get("n", Long.class))
				.one()
				.block(Duration.ofSeconds(10));
			assertThat(rows).as(sample).isEqualTo(1L);
		}
	}

}
