package cl.smartercl.mcp.core.tools.documentation;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import cl.smartercl.mcp.core.tools.common.Bounds;

/** Contract of {@code docs_apis}. */
public final class DocsApis {

	public static final int MAX_PAGE_SIZE = 200;

	public static final int DEFAULT_PAGE_SIZE = 50;

	private DocsApis() {
	}

	public record Input(@JsonProperty(
			required = true) @JsonPropertyDescription("Service id from services_list, or a backend name such as n8n, docker, supabase.") String serviceId,
			@Min(1) @JsonProperty(
					defaultValue = "1") @JsonPropertyDescription("Page of operations, from 1; default 1.") Integer page,
			@Min(1) @Max(MAX_PAGE_SIZE) @JsonProperty(defaultValue = ""
					+ DEFAULT_PAGE_SIZE) @JsonPropertyDescription("Operations per page, 1 to 200; default 50.") Integer pageSize) {

		public Input {
			page = Bounds.within("page", page, 1, 1, Integer.MAX_VALUE);
			pageSize = Bounds.within("page_size", pageSize, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
		}

	}

	public record Output(String serviceId,
			@JsonPropertyDescription("live (fetched from the running service) or bundled (summary shipped with SmarterMCP).") String source,
			String title, String version, @JsonPropertyDescription("How clients authenticate.") String auth,
			List<Operation> operations, int page, int totalOperations,
			@JsonPropertyDescription("The next page number, absent on the last page.") Integer nextPage) {
	}

	public record Operation(String method, String path, String operationId, String summary, String tag) {
	}

}
