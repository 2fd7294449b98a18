package cl.smartercl.mcp.core.tools.documentation;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import cl.smartercl.mcp.core.error.InvalidArgumentsException;

/** Contract of {@code docs_apis}. */
public final class DocsApis {

	private DocsApis() {
	}

	public record Input(@JsonProperty(required = true) @JsonPropertyDescription("Service id from services_list, or a backend name such as n8n, docker, supabase.") String serviceId,
			@JsonPropertyDescription("Page of operations, from 1; default 1.") Integer page,
			@JsonPropertyDescription("Operations per page, 1 to 200; default 50.") Integer pageSize) {

		public Input {
			page = (page == null) ? 1 : page;
			pageSize = (pageSize == null) ? 50 : pageSize;
			if (page < 1) {
				throw new InvalidArgumentsException("page", "must be 1 or more, got " + page);
			}
			if (pageSize < 1 || pageSize > 200) {
				throw new InvalidArgumentsException("page_size", "must be between 1 and 200, got " + pageSize);
			}
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
