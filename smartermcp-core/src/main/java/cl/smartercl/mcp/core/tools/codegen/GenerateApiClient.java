package cl.smartercl.mcp.core.tools.codegen;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import cl.smartercl.mcp.core.tools.common.GeneratedFile;

/** Contract of {@code generate_api_client}. */
public final class GenerateApiClient {

	private GenerateApiClient() {
	}

	public enum Language {

		@JsonProperty("typescript")
		TYPESCRIPT,

		@JsonProperty("python")
		PYTHON,

		@JsonProperty("java")
		JAVA,

		@JsonProperty("go")
		GO

	}

	public record Input(@JsonProperty(
			required = true) @JsonPropertyDescription("Service id from services_list, or a backend name such as n8n.") String serviceId,
			@JsonProperty(
					defaultValue = "typescript") @JsonPropertyDescription("typescript, python, java or go; default typescript.") Language language) {

		public Input {
			language = (language == null) ? Language.TYPESCRIPT : language;
		}

	}

	public record Output(String serviceId, Language language, List<GeneratedFile> files, long totalBytes,
			@JsonPropertyDescription("True when files were left out to stay within the size bound.") boolean truncated) {
	}

}
