package cl.smartercl.mcp.connectors.metabase;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cl.smartercl.mcp.connectors.config.KpiConfig;
import cl.smartercl.mcp.core.error.InvalidArgumentsException;
import cl.smartercl.mcp.core.tools.analytics.AnalyticsKpis;
import cl.smartercl.mcp.core.tools.analytics.AnalyticsKpis.KpiFormat;
import cl.smartercl.mcp.core.tools.analytics.AnalyticsKpis.KpiStatus;
import cl.smartercl.mcp.testsupport.metabase.MetabaseDouble;
import cl.smartercl.mcp.testsupport.metabase.MetabaseSeed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetabaseKpisTests extends MetabaseTestSupport {

	private static Map<String, KpiConfig> kpis() {
		Map<String, KpiConfig> kpis = new LinkedHashMap<>();
		kpis.put("revenue_mtd", new KpiConfig(MetabaseSeed.REVENUE_MTD, "currency", "USD", null, null));
		kpis.put("conversion_rate", new KpiConfig(MetabaseSeed.CONVERSION_RATE, "percent", null, null, null));
		kpis.put("paid_orders",
				new KpiConfig(MetabaseSeed.PAID_ORDERS, "integer", "orders", null, Map.of("since", "2026-11-10")));
		kpis.put("average_order", new KpiConfig(MetabaseSeed.AVERAGE_ORDER_VALUE, "number", "USD", 1, null));
		kpis.put("broken", KpiConfig.of(MetabaseSeed.BROKEN_METRIC));
		kpis.put("top_customers", KpiConfig.of(MetabaseSeed.TOP_CUSTOMERS));
		kpis.put("not_ours", KpiConfig.of(MetabaseSeed.GLOBEX_REVENUE));
		return kpis;
	}

	@Test
	void eachFormatReadsAsAPersonWritesIt() {
		AnalyticsKpis.Output out = this.fixture.acme(kpis())
			.kpis(new AnalyticsKpis.Input(List.of("revenue_mtd", "conversion_rate", "paid_orders", "average_order")))
			.block();
		assertThat(out.kpis()).extracting(AnalyticsKpis.Kpi::name)
			.containsExactly("revenue_mtd", "conversion_rate", "paid_orders", "average_order");
		assertThat(out.kpis()).allSatisfy((kpi) -> {
			assertThat(kpi.status()).isEqualTo(KpiStatus.OK);
			assertThat(kpi.computedAt()).isEqualTo(MetabaseFixture.NOW);
		});
		AnalyticsKpis.Kpi revenue = out.kpis().get(0);
		assertThat(revenue.value()).isEqualByComparingTo("45780");
		assertThat(revenue.display()).isEqualTo("$45,780");
		assertThat(revenue.unit()).isEqualTo("USD");
		assertThat(revenue.format()).isEqualTo(KpiFormat.CURRENCY);
		assertThat(revenue.question().name()).isEqualTo("Revenue MTD");
		assertThat(revenue.question().url()).isEqualTo(metabase.url() + "/question/1");
		assertThat(out.kpis().get(1).display()).isEqualTo("3.2%");
		assertThat(out.kpis().get(1).value()).isEqualByComparingTo(new BigDecimal("0.032"));
		// paid orders since 2026-11-10: orders 5..10 of the seed
		assertThat(out.kpis().get(2).display()).isEqualTo("6 orders");
		assertThat(out.kpis().get(3).display()).isEqualTo("4,578.0 USD");
		assertThat(out.ok()).isEqualTo(4);
		assertThat(out.failed()).isZero();
	}

	@Test
	void sendsTheKeyAndTheTemplateTagAsMetabaseParameters() {
		this.fixture.acme(kpis()).kpis(new AnalyticsKpis.Input(List.of("paid_orders"))).block();
		MetabaseDouble.Request query = metabase.requests()
			.stream()
			.filter((r) -> r.path().equals("/api/card/3/query"))
			.findFirst()
			.orElseThrow();
		assertThat(query.method()).isEqualTo("POST");
		assertThat(query.apiKey()).isEqualTo(MetabaseDouble.API_KEY);
		assertThat(query.contentType()).startsWith("application/json");
		assertThat(query.body()).isEqualTo(
				"{\"parameters\":[{\"type\":\"category\",\"target\":[\"variable\",[\"template-tag\",\"since\"]],\"value\":\"2026-11-10\"}]}");
		assertThat(metabase.requests()).extracting(MetabaseDouble.Request::path).contains("/api/card/3");
	}

	@Test
	void oneFailingKpiLeavesTheOthersStanding() {
		AnalyticsKpis.Output out = this.fixture.acme(kpis())
			.kpis(new AnalyticsKpis.Input(List.of("revenue_mtd", "broken", "top_customers", "not_ours")))
			.block();
		assertThat(out.kpis()).extracting(AnalyticsKpis.Kpi::status)
			.containsExactly(KpiStatus.OK, KpiStatus.ERROR, KpiStatus.NO_VALUE, KpiStatus.ERROR);
		assertThat(out.kpis().get(1).error()).contains("the query failed").contains("dropped_table");
		assertThat(out.kpis().get(1).value()).isNull();
		assertThat(out.kpis().get(2).error()).contains("'Top customers by revenue'").contains("5 rows");
		// a question of another collection reads as missing
		assertThat(out.kpis().get(3).error()).contains("Question '20' not found");
		assertThat(out.ok()).isEqualTo(1);
		assertThat(out.failed()).isEqualTo(3);
	}

	@Test
	void anUnknownKpiIsAnsweredWithTheConfiguredNames() {
		assertThatThrownBy(
				() -> this.fixture.acme(kpis()).kpis(new AnalyticsKpis.Input(List.of("revenue_ytd"))).block())
			.isInstanceOf(InvalidArgumentsException.class)
			.hasMessageContaining("unknown KPI 'revenue_ytd'")
			.hasMessageContaining("revenue_mtd, conversion_rate, paid_orders");
		assertThat(metabase.requests()).isEmpty();
	}

	@Test
	void noKpisAskedMeansAllConfigured() {
		Map<String, KpiConfig> two = new LinkedHashMap<>();
		two.put("revenue_mtd", KpiConfig.of(MetabaseSeed.REVENUE_MTD));
		two.put("conversion_rate", new KpiConfig(MetabaseSeed.CONVERSION_RATE, "percent", null, 2, null));
		AnalyticsKpis.Output out = this.fixture.acme(two).kpis(new AnalyticsKpis.Input(null)).block();
		assertThat(out.kpis()).extracting(AnalyticsKpis.Kpi::display).containsExactly("45,780", "3.20%");
	}

}
