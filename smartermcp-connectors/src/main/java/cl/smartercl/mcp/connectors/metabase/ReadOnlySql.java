package cl.smartercl.mcp.connectors.metabase;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.WithItem;

import cl.smartercl.mcp.core.error.InvalidArgumentsException;

/**
 * The gate in front of {@code POST /api/dataset}: SQL runs only when JSqlParser reads it
 * as exactly one {@code SELECT} (a {@code WITH} holding only selects included) and, as a
 * second, conservative check, no word that writes, locks or changes a session appears
 * outside string literals, quoted names and comments ({@code SELECT … INTO},
 * {@code FOR UPDATE}, {@code pg_sleep}-style side effects are not parsed away by a
 * statement type). The Metabase key's group remains the real boundary; this keeps a
 * model's mistake from reaching it.
 */
final class ReadOnlySql {

	private static final Pattern FORBIDDEN = Pattern.compile("\\b(insert|update|delete|merge|upsert|drop|alter|create|"
			+ "truncate|grant|revoke|copy|call|exec|execute|into|lock|vacuum|analyze|set|reset|commit|rollback|begin|"
			+ "savepoint|prepare|deallocate|listen|notify|load|attach|detach|pragma|shutdown|runscript|script|backup|"
			+ "pg_sleep|pg_terminate_backend|pg_cancel_backend|dblink|lo_import|lo_export|sleep|benchmark)\\b");

	private ReadOnlySql() {
	}

	/**
	 * @return the statement, without a trailing semicolon
	 * @throws InvalidArgumentsException naming {@code argument} when it is not one
	 * read-only SELECT
	 */
	static String check(String sql, String argument) {
		String text = (sql == null) ? "" : sql.strip();
		while (text.endsWith(";")) {
			text = text.substring(0, text.length() - 1).strip();
		}
		if (text.isEmpty()) {
			throw new InvalidArgumentsException(argument, "the SQL is empty");
		}
		Statements statements;
		try {
			statements = CCJSqlParserUtil.parseStatements(text);
		}
		catch (JSQLParserException ex) {
			String reason = (ex.getMessage() == null) ? "" : ex.getMessage().lines().findFirst().orElse("");
			throw new InvalidArgumentsException(argument, "the SQL does not parse as one statement ("
					+ (reason.length() > 160 ? reason.substring(0, 160) + "…" : reason) + ")");
		}
		if (statements.size() != 1) {
			throw new InvalidArgumentsException(argument,
					"the SQL holds " + statements.size() + " statements; only one read-only SELECT may run");
		}
		Statement statement = statements.get(0);
		if (!(statement instanceof Select select)) {
			throw new InvalidArgumentsException(argument,
					"the SQL is a " + kind(statement) + " statement; only a read-only SELECT may run");
		}
		if (select.getWithItemsList() != null) {
			for (WithItem<?> with : select.getWithItemsList()) {
				// a data-modifying WITH (INSERT/UPDATE/DELETE … RETURNING) is not a
				// select
				if (!(with.getParenthesedStatement() instanceof Select)) {
					throw new InvalidArgumentsException(argument,
							"the SQL's WITH clause changes data; only reads may run");
				}
			}
		}
		Matcher word = FORBIDDEN.matcher(code(text).toLowerCase(Locale.ROOT));
		if (word.find()) {
			throw new InvalidArgumentsException(argument,
					"the SQL uses '" + word.group(1).toUpperCase(Locale.ROOT) + "'; only a read-only SELECT may run");
		}
		return text;
	}

	private static String kind(Statement statement) {
		return statement.getClass().getSimpleName().toUpperCase(Locale.ROOT);
	}

	/** The SQL with string literals, quoted names and comments blanked out. */
	static String code(String sql) {
		StringBuilder out = new StringBuilder(sql.length());
		int i = 0;
		while (i < sql.length()) {
			char c = sql.charAt(i);
			if (c == '\'' || c == '"' || c == '`') {
				int end = i + 1;
				while (end < sql.length()) {
					if (sql.charAt(end) == c) {
						if (end + 1 < sql.length() && sql.charAt(end + 1) == c) {
							end += 2;
							continue;
						}
						break;
					}
					end++;
				}
				out.append(' ');
				i = end + 1;
			}
			else if (c == '-' && i + 1 < sql.length() && sql.charAt(i + 1) == '-') {
				int end = sql.indexOf('\n', i);
				out.append(' ');
				i = (end < 0) ? sql.length() : end;
			}
			else if (c == '/' && i + 1 < sql.length() && sql.charAt(i + 1) == '*') {
				int end = sql.indexOf("*/", i + 2);
				out.append(' ');
				i = (end < 0) ? sql.length() : end + 2;
			}
			else {
				out.append(c);
				i++;
			}
		}
		return out.toString();
	}

}
