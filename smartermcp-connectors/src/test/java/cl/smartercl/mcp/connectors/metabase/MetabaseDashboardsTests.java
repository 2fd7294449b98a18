package cl.smartercl.mcp.connectors.metabase;

import java.util.Map;

import org.junit.jupiter.api.Test;

import cl.smartercl.mcp.core.tools.analytics.AnalyticsDashboards;
import cl.smartercl.mcp.testsupport.metabase.MetabaseDouble;
import cl.smartercl.mcp.testsupport.metabase.MetabaseSeed;

import static org.assertj.core.api.Assertions.assertThat;

class MetabaseDashboardsTests extends MetabaseTestSupport {

	@Test
	void eachTenantSeesOnlyItsCollectionsDashboards() {
		AnalyticsDashboards.Output acme = this.fixture.acme(Map.of())
			.dashboards(new AnalyticsDashboards.Input())
			.block();
		AnalyticsDashboards.Output globex = this.fixture.globex().dashboards(new AnalyticsDashboards.Input()).block();
		assertThat(acme.dashboards()).extracting(AnalyticsDashboards.Dashboard::name)
			.containsExactly("Sales overview", "Operations");
		assertThat(globex.dashboards()).extracting(AnalyticsDashboards.Dashboard::name).containsExactly("Globex board");
		assertThat(acme.count()).isEqualTo(2);
		assertThat(acme.truncated()).isFalse();
		// the other tenant's and the admin's dashboards are never even read
		assertThat(metabase.requests()).extracting(MetabaseDouble.Request::path)
			.doesNotContain("/api/dashboard/300")
			.filteredOn((path) -> path.startsWith("/api/dashboard/"))
			.containsExactlyInAnyOrder("/api/dashboard/100", "/api/dashboard/101", "/api/dashboard/200");
	}

	@Test
	void aDashboardCarriesItsCollectionCardsFiltersAndLink() {
		AnalyticsDashboards.Dashboard sales = this.fixture.acme(Map.of())
			.dashboards(new AnalyticsDashboards.Input())
			.block()
			.dashboards()
			.get(0);
		assertThat(sales.id()).isEqualTo(MetabaseSeed.ACME_SALES_DASHBOARD);
		assertThat(sales.description()).isEqualTo("Revenue and conversion");
		assertThat(sales.collection()).isEqualTo(new AnalyticsDashboards.Collection(10, "Acme analytics"));
		assertThat(sales.cards()).extracting(AnalyticsDashboards.Card::questionId).containsExactly(1L, 2L, 6L);
		assertThat(sales.cards().get(2).name()).isEqualTo("Top customers by revenue");
		assertThat(sales.cards().get(2).display()).isEqualTo("table");
		assertThat(sales.filters()).extracting(AnalyticsDashboards.Filter::slug).containsExactly("date", "country");
		assertThat(sales.filters().get(0).type()).isEqualTo("date/all-options");
		assertThat(sales.url()).isEqualTo(metabase.url() + "/dashboard/100");
		assertThat(sales.updatedAt()).hasToString("2026-11-20T10:15:30.123Z");
		MetabaseDouble.Request search = metabase.requests().get(0);
		assertThat(search.method() + " " + search.path() + "?" + search.query())
			.isEqualTo("GET /api/search?models=dashboard&limit=50&offset=0");
		assertThat(search.apiKey()).isEqualTo(MetabaseDouble.API_KEY);
		AnalyticsDashboards.Dashboard operations = this.fixture.acme(Map.of())
			.dashboards(new AnalyticsDashboards.Input())
			.block()
			.dashboards()
			.get(1);
		// a text card has no question behind it
		assertThat(operations.cards()).extracting(AnalyticsDashboards.Card::questionId).containsExactly(9L, null);
		assertThat(operations.cards().get(1).display()).isEqualTo("text");
	}

}
