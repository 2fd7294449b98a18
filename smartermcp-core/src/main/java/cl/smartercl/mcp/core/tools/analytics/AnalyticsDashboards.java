package cl.smartercl.mcp.core.tools.analytics;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * Contract of {@code analytics_dashboards}: the dashboards of the tenant's Metabase
 * collection.
 */
public final class AnalyticsDashboards {

	private AnalyticsDashboards() {
	}

	public record Input() {
	}

	public record Output(List<Dashboard> dashboards, int count,
			@JsonPropertyDescription("True when the collection holds more dashboards than were listed.") boolean truncated) {
	}

	public record Dashboard(long id, String name, String description,
			@JsonPropertyDescription("The Metabase collection that holds it.") Collection collection,
			@JsonPropertyDescription("The saved questions shown on it.") List<Card> cards,
			@JsonPropertyDescription("Its filters (Metabase dashboard parameters).") List<Filter> filters,
			@JsonPropertyDescription("Where a person opens it.") String url, Instant updatedAt) {
	}

	public record Collection(long id, String name) {
	}

	/**
	 * A card on a dashboard: the saved question behind it ({@code questionId}), absent
	 * for text cards.
	 */
	public record Card(long id, Long questionId, String name, String display) {
	}

	/** A dashboard filter, e.g. {@code {slug: "date", type: "date/all-options"}}. */
	public record Filter(String id, String name, String slug, String type) {
	}

}
