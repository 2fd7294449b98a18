package cl.smartercl.mcp.connectors.metabase;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cl.smartercl.mcp.core.error.BackendException;
import cl.smartercl.mcp.core.error.InvalidArgumentsException;
import cl.smartercl.mcp.core.error.NotFoundException;
import cl.smartercl.mcp.core.tool.ClientChannel;
import cl.smartercl.mcp.core.tools.analytics.AnalyticsReports;
import cl.smartercl.mcp.core.tools.analytics.AnalyticsReports.Format;
import cl.smartercl.mcp.core.tools.analytics.AnalyticsReports.Source;
import cl.smartercl.mcp.testsupport.metabase.MetabaseDouble;
import cl.smartercl.mcp.testsupport.metabase.MetabaseSeed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetabaseReportsTests extends MetabaseTestSupport {

	private MetabaseConnector acme;

	@BeforeEach
	void acme() {
		this.acme = this.fixture.acme(Map.of());
		metabase.clearRequests();
	}

	private AnalyticsReports.Output report(String query, Format format, Integer limit) {
		return this.acme.report(new AnalyticsReports.Input(query, format, limit), ClientChannel.NONE).block();
	}

	@Test
	void aQuestionById() {
		AnalyticsReports.Output out = report("6", null, null);
		assertThat(out.source()).isEqualTo(Source.QUESTION);
		assertThat(out.question().name()).isEqualTo("Top customers by revenue");
		assertThat(out.format()).isEqualTo(Format.JSON);
		assertThat(out.columns()).extracting(AnalyticsReports.Column::name).containsExactly("name", "revenue");
		assertThat(out.columns().get(1).type()).isEqualTo("type/Decimal");
		assertThat(out.rows()).hasSize(5);
		assertThat(out.rows().get(0)).containsExactly("Andes Foods", new java.math.BigDecimal("15000.00"));
		assertThat(out.total()).isEqualTo(5L);
		assertThat(out.truncated()).isFalse();
		assertThat(metabase.requests()).extracting((r) -> r.method() + " " + r.path())
			.containsExactly("GET /api/card/6", "POST /api/card/6/query");
	}

	@Test
	void aQuestionByNameAndAnAmbiguousName() {
		AnalyticsReports.Output out = report("all events", Format.JSON, 10);
		assertThat(out.question().id()).isEqualTo(MetabaseSeed.ALL_EVENTS);
		assertThat(out.rows()).hasSize(10);
		assertThat(out.truncated()).isTrue();
		MetabaseDouble.Request search = metabase.requests().get(0);
		assertThat(search.path()).isEqualTo("/api/search");
		assertThat(URLDecoder.decode(search.query(), StandardCharsets.UTF_8)).contains("models=card")
			.contains("q=all events");
		assertThatThrownBy(() -> report("Weekly revenue", null, null)).isInstanceOf(InvalidArgumentsException.class)
			.hasMessageContaining("'Weekly revenue' names 2 saved questions")
			.hasMessageContaining("7 (Revenue per week (by order date))")
			.hasMessageContaining("8 (Revenue per week, paid only)");
	}

	@Test
	void aQuestionOfAnotherTenantIsNotFound() {
		assertThatThrownBy(() -> report(Long.toString(MetabaseSeed.GLOBEX_REVENUE), null, null))
			.isInstanceOf(NotFoundException.class)
			.hasMessageContaining("Question '20' not found");
		// another collection's question is not found by name either: its name reads as a
		// request in words
		AnalyticsReports.Output byName = report("Admin secret", null, null);
		assertThat(byName.source()).isEqualTo(Source.SUGGESTIONS);
		assertThat(byName.suggestions()).extracting(AnalyticsReports.Suggestion::id)
			.doesNotContain(MetabaseSeed.OTHER_SECRET);
		assertThatThrownBy(() -> report("999", null, null)).isInstanceOf(NotFoundException.class);
	}

	@Test
	void threeThousandRowsAsJsonAreCutAt2000AndSaySo() {
		AnalyticsReports.Output out = report("9", Format.JSON, null);
		assertThat(out.rows()).hasSize(2000);
		assertThat(out.rowCount()).isEqualTo(2000);
		assertThat(out.truncated()).isTrue();
		assertThat(out.total()).isNull();
		assertThat(out.note()).contains("at most 2000 rows").contains("csv");
	}

	@Test
	void threeThousandRowsAsCsvAreAllThere() {
		AnalyticsReports.Output out = report("9", Format.CSV, null);
		assertThat(out.files()).hasSize(1);
		assertThat(out.files().get(0).path()).isEqualTo("all_events.csv");
		String csv = out.files().get(0).content();
		assertThat(csv.split("\r\n")).hasSize(MetabaseSeed.EVENT_ROWS + 1);
		assertThat(csv).startsWith("Id,Kind,Happened at\r\n1,visit,");
		assertThat(out.rowCount()).isEqualTo(3000);
		assertThat(out.total()).isEqualTo(3000L);
		assertThat(out.truncated()).isFalse();
		MetabaseDouble.Request export = metabase.requests().get(1);
		assertThat(export.path()).isEqualTo("/api/card/9/query/csv");
		assertThat(export.contentType()).startsWith("application/x-www-form-urlencoded");
		assertThat(URLDecoder.decode(export.body(), StandardCharsets.UTF_8))
			.isEqualTo("parameters=[]&format_rows=false");
	}

	@Test
	void aCsvLargerThanTheConfiguredMaximumIsRefused() {
		MetabaseConnector small = this.fixture.connector("acme", MetabaseDouble.API_KEY, MetabaseSeed.ACME_COLLECTION,
				MetabaseSeed.ACME_DATABASE, 10_000L, Map.of());
		assertThatThrownBy(
				() -> small.report(new AnalyticsReports.Input("9", Format.CSV, null), ClientChannel.NONE).block())
			.isInstanceOf(BackendException.class)
			.hasMessageContaining("larger than 10000 bytes (backends.metabase.max-csv-bytes)");
	}

	@Test
	void markdownWritesNumbersDatesNullsAndPipesSafely() {
		AnalyticsReports.Output out = report("Markdown sample", Format.MARKDOWN, null);
		assertThat(out.rows()).isNull();
		assertThat(out.text()).isEqualTo("""
				| Id | Label | Amount | Happened on | Note |
				| ---: | --- | ---: | --- | --- |
				| 1 | plain | 1234.50 | 2026-11-03 | first |
				| 2 | a \\| b |  | 2026-11-04 |  |
				| 3 | big | 1000000.00 |  | two<br>lines |
				""");
	}

	@Test
	void aQueryFailingWith202AndStatusFailedIsAnError() {
		assertThatThrownBy(() -> report("5", null, null)).isInstanceOf(BackendException.class)
			.hasMessageContaining("the query failed: Table \"dropped_table\" not found");
	}

	@Test
	void anExportFailingBeforeStreamingCarriesTheRealStatus() {
		assertThatThrownBy(() -> report("5", Format.CSV, null)).isInstanceOf(BackendException.class)
			.hasMessageContaining("the export failed before it started (HTTP 400)")
			.hasMessageContaining("dropped_table");
	}

	@Test
	void readOnlySqlRunsOnTheTenantsDatabaseAndWritesAreRefused() {
		AnalyticsReports.Output out = report("SELECT COUNT(*) AS n FROM events;", null, null);
		assertThat(out.source()).isEqualTo(Source.SQL);
		assertThat(out.sql()).isEqualTo("SELECT COUNT(*) AS n FROM events");
		assertThat(out.rows()).containsExactly(List.of(3000L));
		MetabaseDouble.Request dataset = metabase.requests().get(0);
		assertThat(dataset.path()).isEqualTo("/api/dataset");
		assertThat(dataset.body()).isEqualTo("{\"database\":1,\"type\":\"native\",\"native\":{\"query\":"
				+ "\"SELECT COUNT(*) AS n FROM events\",\"template-tags\":{}}}");
		metabase.clearRequests();
		assertThatThrownBy(() -> report("SELECT 1; DELETE FROM events", null, null))
			.isInstanceOf(InvalidArgumentsException.class)
			.hasMessageContaining("2 statements");
		assertThatThrownBy(() -> report("WITH x AS (SELECT 1) SELECT * INTO copy FROM x", null, null))
			.isInstanceOf(InvalidArgumentsException.class);
		assertThat(metabase.requests()).isEmpty();
	}

	@Test
	void aRequestInWordsWithSamplingRunsTheModelsSqlAndShowsIt() {
		MetabaseFixture.ScriptedModel model = new MetabaseFixture.ScriptedModel(
				"""
						```sql
						SELECT c.name, SUM(o.total) AS revenue FROM orders o JOIN customers c ON c.id = o.customer_id
						WHERE o.status = 'paid' AND o.ordered_on >= DATE '2026-11-01' GROUP BY c.name ORDER BY revenue DESC LIMIT 3
						```""");
		AnalyticsReports.Output out = this.acme
			.report(new AnalyticsReports.Input("top 3 customers by revenue this month", Format.MARKDOWN, null), model)
			.block();
		assertThat(out.source()).isEqualTo(Source.SQL);
		assertThat(out.sql()).startsWith("SELECT c.name, SUM(o.total) AS revenue").endsWith("LIMIT 3");
		assertThat(out.text()).contains("| Andes Foods | 15000.00 |");
		assertThat(out.rowCount()).isEqualTo(3);
		assertThat(out.note()).contains("written by the client's model");
		assertThat(model.asked.get(0)).contains("Request: top 3 customers by revenue this month")
			.contains("orders(id integer, customer_id integer, total decimal")
			.contains("Database engine: h2");
		assertThat(metabase.requests()).extracting(MetabaseDouble.Request::path)
			.containsExactly("/api/search", "/api/database/1/metadata", "/api/dataset");
	}

	@Test
	void aModelThatWritesAChangeIsNotRun() {
		MetabaseFixture.ScriptedModel model = new MetabaseFixture.ScriptedModel("DELETE FROM orders");
		assertThatThrownBy(
				() -> this.acme.report(new AnalyticsReports.Input("remove every order", null, null), model).block())
			.isInstanceOf(BackendException.class)
			.hasMessageContaining("was not run")
			.hasMessageContaining("DELETE");
		assertThat(metabase.requests()).extracting(MetabaseDouble.Request::path).doesNotContain("/api/dataset");
	}

	@Test
	void aRequestInWordsWithoutSamplingSuggestsSavedQuestionsAndRunsNothing() {
		AnalyticsReports.Output out = report("top 10 customers by revenue this month", Format.MARKDOWN, null);
		assertThat(out.source()).isEqualTo(Source.SUGGESTIONS);
		assertThat(out.rows()).isNull();
		assertThat(out.text()).isNull();
		assertThat(out.suggestions()).isNotEmpty();
		assertThat(out.suggestions().get(0).id()).isEqualTo(MetabaseSeed.TOP_CUSTOMERS);
		assertThat(out.suggestions().get(0).why()).contains("customer").contains("revenue");
		assertThat(out.suggestions()).extracting(AnalyticsReports.Suggestion::id)
			.doesNotContain(MetabaseSeed.GLOBEX_REVENUE);
		assertThat(out.note()).contains("offers no sampling").contains("nothing ran");
		assertThat(metabase.requests()).extracting(MetabaseDouble.Request::path)
			.doesNotContain("/api/dataset")
			.allMatch((path) -> path.equals("/api/search"));
	}

	@Test
	void aLimitOutsideItsRangeNamesTheArgument() {
		assertThatThrownBy(() -> report("6", null, 2001)).isInstanceOf(InvalidArgumentsException.class)
			.hasMessageContaining("'limit'");
	}

}
