package cl.smartercl.mcp.connectors.metabase;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import cl.smartercl.mcp.core.tools.analytics.AnalyticsKpis.KpiFormat;

import static org.assertj.core.api.Assertions.assertThat;

class MetabaseMapperTests {

	private static String display(String value, KpiFormat format, String unit, Integer decimals) {
		return MetabaseMapper.display(new BigDecimal(value), format, unit, decimals);
	}

	@Test
	void currency() {
		assertThat(display("45780", KpiFormat.CURRENCY, "USD", null)).isEqualTo("$45,780");
		assertThat(display("45780.5", KpiFormat.CURRENCY, "usd", null)).isEqualTo("$45,780.50");
		assertThat(display("-12.3", KpiFormat.CURRENCY, "EUR", null)).isEqualTo("-€12.30");
		assertThat(display("1500000", KpiFormat.CURRENCY, "CLP", null)).isEqualTo("CLP 1,500,000");
		assertThat(display("45780", KpiFormat.CURRENCY, null, 2)).isEqualTo("$45,780.00");
	}

	@Test
	void percentNumberAndInteger() {
		assertThat(display("0.032", KpiFormat.PERCENT, null, null)).isEqualTo("3.2%");
		assertThat(display("0.5", KpiFormat.PERCENT, null, null)).isEqualTo("50%");
		assertThat(display("0.12345", KpiFormat.PERCENT, null, 2)).isEqualTo("12.35%");
		assertThat(display("1204.4", KpiFormat.INTEGER, "orders", null)).isEqualTo("1,204 orders");
		assertThat(display("12.5", KpiFormat.NUMBER, "days", null)).isEqualTo("12.5 days");
		assertThat(display("1234567.891", KpiFormat.NUMBER, null, null)).isEqualTo("1,234,567.89");
	}

	@Test
	void csvRecordsCountQuotedLineBreaksAsOneRecord() {
		assertThat(MetabaseMapper.csvRecords("A,B\r\n1,\"two\nlines\"\r\n3,x\r\n")).isEqualTo(2);
		assertThat(MetabaseMapper.csvRecords("A,B\r\n")).isZero();
		assertThat(MetabaseMapper.csvRecords("")).isZero();
	}

}
