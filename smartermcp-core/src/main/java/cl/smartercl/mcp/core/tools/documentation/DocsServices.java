package cl.smartercl.mcp.core.tools.documentation;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Contract of {@code docs_services}. */
public final class DocsServices {

	private DocsServices() {
	}

	public record Input(@JsonProperty(
			required = true) @JsonPropertyDescription("Service id from services_list, or a backend name such as n8n, docker, supabase.") String serviceId) {
	}

	public record Output(String serviceId, String name,
			@JsonPropertyDescription("The kind of backend: n8n, docker, supabase, odoo, chatwoot, botpress, metabase, prometheus.") String kind,
			String description, @JsonPropertyDescription("The tools that use this service.") List<String> tools,
			@JsonPropertyDescription("How it is configured for this tenant; secrets are never shown.") Map<String, String> configuration,
			@JsonPropertyDescription("The live version, when the service answers.") String version, String health,
			@JsonPropertyDescription("The whole documentation, rendered as markdown.") String markdown) {
	}

}
