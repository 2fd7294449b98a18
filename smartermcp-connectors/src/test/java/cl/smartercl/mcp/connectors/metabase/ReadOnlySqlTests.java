package cl.smartercl.mcp.connectors.metabase;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import cl.smartercl.mcp.core.error.InvalidArgumentsException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReadOnlySqlTests {

	@ParameterizedTest
	@ValueSource(strings = { "SELECT 1", "select name from customers where name = 'drop table x; delete'",
			"WITH t AS (SELECT id FROM orders) SELECT COUNT(*) FROM t",
			"SELECT a FROM x UNION ALL SELECT b FROM y -- update later", "SELECT replace(name, 'a', 'b') FROM c;" })
	void oneReadOnlySelectPasses(String sql) {
		assertThat(ReadOnlySql.check(sql, "query")).doesNotEndWith(";");
	}

	@ParameterizedTest
	@ValueSource(strings = { "DELETE FROM orders", "UPDATE orders SET total = 0", "DROP TABLE orders",
			"SELECT 1; SELECT 2", "SELECT * INTO backup FROM orders", "SELECT * FROM orders FOR UPDATE",
			"WITH d AS (DELETE FROM orders RETURNING *) SELECT * FROM d", "SELECT pg_sleep(100)",
			"CREATE TABLE t (a int)", "this is not sql", "" })
	void anythingElseIsRefusedNamingTheArgument(String sql) {
		assertThatThrownBy(() -> ReadOnlySql.check(sql, "query")).isInstanceOf(InvalidArgumentsException.class)
			.hasMessageStartingWith("Invalid argument 'query'");
	}

	@Test
	void wordsInsideLiteralsAndCommentsDoNotCount() {
		assertThat(ReadOnlySql.code("SELECT 'delete' /* drop */ FROM \"update\" -- insert")).doesNotContain("delete",
				"drop", "update", "insert");
	}

}
