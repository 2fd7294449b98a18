package cl.smartercl.mcp.openapi;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import cl.smartercl.mcp.core.schema.ToolSchemas;
import cl.smartercl.mcp.core.tool.Catalog;
import cl.smartercl.mcp.core.tool.Category;
import cl.smartercl.mcp.core.tool.LogLevel;
import cl.smartercl.mcp.core.tool.ToolDefinition;
import cl.smartercl.mcp.core.tool.ToolDescriptor;

import static org.assertj.core.api.Assertions.assertThat;

class OpenApiDocumentTests {

	private final ObjectNode document = OpenApiDocument.build(Catalog.standard());

	@Test
	void isOpenApi31WithBearerSecurity() {
		assertThat(this.document.path("openapi").asString()).isEqualTo("3.1.0");
		JsonNode bearer = this.document.at("/components/securitySchemes/bearerAuth");
		assertThat(bearer.path("type").asString()).isEqualTo("http");
		assertThat(bearer.path("scheme").asString()).isEqualTo("bearer");
		assertThat(this.document.at("/security/0").has("bearerAuth")).isTrue();
		assertThat(this.document.at("/paths/~1health/get/security").isEmpty()).as("/health needs no token").isTrue();
	}

	@Test
	void everyToolIsOnePostOperationTaggedWithItsCategory() {
		Set<String> operationIds = new HashSet<>();
		for (ToolDefinition<?, ?> tool : Catalog.standard().tools()) {
			JsonNode operation = this.document.path("paths").path("/tools/" + tool.name()).path("post");
			assertThat(operation.isObject()).as(tool.name()).isTrue();
			assertThat(operation.path("tags").get(0).asString()).isEqualTo(tool.category().value());
			assertThat(operation.path("x-smartermcp-scope").asString()).isEqualTo(tool.scope().value());
			assertThat(operation.at("/x-smartermcp-annotations/readOnlyHint").asBoolean())
				.isEqualTo(tool.hints().readOnly());
			assertThat(operationIds.add(operation.path("operationId").asString())).isTrue();
		}
		assertThat(operationIds).hasSize(35).contains("servicesList", "crmContactsSearch", "generateN8nWorkflow");
		List<String> tags = new ArrayList<>();
		this.document.path("tags").forEach((tag) -> tags.add(tag.path("name").asString()));
		for (Category category : Category.values()) {
			assertThat(tags).contains(category.value());
		}
	}

	@Test
	void toolSchemasAreNamedComponents() {
		JsonNode list = this.document.at("/paths/~1tools~1services_list/post");
		assertThat(list.at("/requestBody/content/application~1json/schema/$ref").asString())
			.isEqualTo("#/components/schemas/ServicesListInput");
		assertThat(list.at("/responses/200/content/application~1json/schema/$ref").asString())
			.isEqualTo("#/components/schemas/ServicesListOutput");
		assertThat(this.document.at("/components/schemas/ServicesListService/type").asString()).isEqualTo("object");
		assertThat(this.document.at("/components/schemas/ServicesListFilter/enum").toString())
			.isEqualTo("[\"all\",\"frontend\",\"backend\",\"infrastructure\"]");
	}

	/**
	 * The components, references resolved, are exactly the schemas the REST and MCP
	 * binders validate against.
	 */
	@Test
	void resolvedComponentsEqualTheToolSchemas() {
		for (ToolDefinition<?, ?> tool : Catalog.standard().tools()) {
			JsonNode operation = this.document.path("paths").path("/tools/" + tool.name()).path("post");
			JsonNode input = operation.at("/requestBody/content/application~1json/schema");
			JsonNode output = operation.at("/responses/200/content/application~1json/schema");
			assertThat(withoutNumberFormats(resolve(input))).as("%s input", tool.name())
				.isEqualTo(ToolSchemas.schemaOf(tool.inputType()));
			assertThat(withoutNumberFormats(resolve(output))).as("%s output", tool.name())
				.isEqualTo(ToolSchemas.schemaOf(tool.outputType()));
		}
	}

	/**
	 * GET /tools answers ToolDescriptor.toJson(); the document's ToolDescriptor schema
	 * describes exactly that.
	 */
	@Test
	void theToolDescriptorSchemaDescribesTheOneRendering() {
		JsonNode schema = this.document.at("/components/schemas/ToolDescriptor");
		JsonNode annotations = this.document.at("/components/schemas/ToolAnnotations");
		for (ToolDefinition<?, ?> tool : Catalog.standard().tools()) {
			ObjectNode rendered = ToolDescriptor.of(tool).toJson();
			// GET /tools?all=true adds available and unavailable_reason to the one
			// rendering
			java.util.List<String> members = new java.util.ArrayList<>(rendered.propertyNames());
			members.addAll(List.of("available", "unavailable_reason"));
			assertThat(schema.path("properties").propertyNames()).as(tool.name())
				.containsExactlyInAnyOrderElementsOf(members);
			schema.path("required").forEach((name) -> assertThat(rendered.has(name.asString())).isTrue());
			assertThat(annotations.path("properties").propertyNames())
				.containsExactlyInAnyOrderElementsOf(rendered.path("annotations").propertyNames());
			assertThat(rendered.path("input_schema")).isEqualTo(ToolSchemas.schemaOf(tool.inputType()));
		}
	}

	@Test
	void everyErrorStatusOfTheDesignIsAProblem() {
		JsonNode responses = this.document.at("/paths/~1tools~1workflows_trigger/post/responses");
		for (String status : List.of("400", "401", "403", "404", "409", "413", "429", "500", "502", "503")) {
			String ref = responses.path(status).path("$ref").asString();
			assertThat(ref).as(status).startsWith("#/components/responses/");
			JsonNode response = this.document.at("/components/responses/" + ref.substring(ref.lastIndexOf('/') + 1));
			assertThat(response.at("/content/application~1problem+json/schema/$ref").asString())
				.isEqualTo("#/components/schemas/Problem");
		}
		assertThat(this.document.at("/components/responses/RateLimited/headers").has("Retry-After")).isTrue();
		assertThat(this.document.at("/components/schemas/Problem/required").toString())
			.isEqualTo("[\"type\",\"title\",\"status\",\"code\"]");
	}

	@Test
	void adminEndpointsAreDescribed() {
		assertThat(this.document.at("/paths/~1auth~1token/post/operationId").asString()).isEqualTo("issueToken");
		assertThat(this.document.at("/paths/~1auth~1tokens/get/operationId").asString()).isEqualTo("listTokens");
		assertThat(this.document.at("/paths/~1auth~1tokens~1{id}/delete/responses").has("204")).isTrue();
		assertThat(this.document.at("/paths/~1tenants/post/responses").has("201")).isTrue();
		assertThat(this.document.at("/paths/~1tools/get/operationId").asString()).isEqualTo("listTools");
		assertThat(this.document.at("/components/schemas/IssueTokenRequest/properties/profile/enum").toString())
			.isEqualTo("[\"executor\",\"director\",\"writer\"]");
	}

	/**
	 * The server takes {@code ?log_level=} on every tool call: each operation names the
	 * one shared parameter, whose values are the core's levels in order.
	 */
	@Test
	void everyToolCallTakesTheLogLevelOfItsEventStream() {
		for (ToolDefinition<?, ?> tool : Catalog.standard().tools()) {
			JsonNode parameters = this.document.path("paths")
				.path("/tools/" + tool.name())
				.path("post")
				.path("parameters");
			assertThat(parameters).as(tool.name()).hasSize(1);
			assertThat(parameters.get(0).path("$ref").asString()).isEqualTo("#/components/parameters/LogLevel");
		}
		JsonNode parameter = this.document.at("/components/parameters/LogLevel");
		assertThat(parameter.path("name").asString()).isEqualTo("log_level");
		assertThat(parameter.path("in").asString()).isEqualTo("query");
		assertThat(parameter.path("required").asBoolean(true)).isFalse();
		assertThat(parameter.path("description").asString()).contains("text/event-stream").contains("default `info`");
		assertThat(parameter.at("/schema/$ref").asString()).isEqualTo("#/components/schemas/LogLevel");
		assertThat(this.document.at("/components/schemas/LogLevel/enum").valueStream().map(JsonNode::asString))
			.containsExactlyElementsOf(LogLevel.spellings())
			.containsExactly("debug", "info", "notice", "warning", "error", "critical", "alert", "emergency");
		assertThat(this.document.at("/info/description").asString()).contains("text/event-stream")
			.contains("log_level");
	}

	@Test
	void numbersCarryTheirOpenApiFormat() {
		assertThat(this.document.at("/components/schemas/CrmContactsUpsertInput/properties/id/format").asString())
			.isEqualTo("int64");
		assertThat(this.document.at("/components/schemas/CrmPipelineStatusStage/properties/expected_revenue/format")
			.asString()).isEqualTo("double");
	}

	/**
	 * Removes the {@code format} of integer and number schemas, which the OpenAPI
	 * document adds.
	 */
	private static JsonNode withoutNumberFormats(JsonNode node) {
		if (node instanceof ObjectNode object) {
			String type = object.path("type").asString("");
			if (type.equals("integer") || type.equals("number")) {
				object.remove("format");
			}
			object.values().forEach(OpenApiDocumentTests::withoutNumberFormats);
		}
		else if (node != null && node.isArray()) {
			node.values().forEach(OpenApiDocumentTests::withoutNumberFormats);
		}
		return node;
	}

	private JsonNode resolve(JsonNode node) {
		if (node instanceof ObjectNode object) {
			ObjectNode resolved = object.deepCopy();
			JsonNode ref = resolved.remove("$ref");
			if (ref != null) {
				String name = ref.asString().substring(ComponentSchemas.REF_PREFIX.length());
				ObjectNode target = (ObjectNode) resolve(this.document.path("components").path("schemas").path(name));
				// a reference may carry its own description (a property's), which wins
				// over the target's
				target.setAll(resolved);
				resolved = target;
			}
			for (Map.Entry<String, JsonNode> entry : List.copyOf(resolved.properties())) {
				resolved.set(entry.getKey(), resolve(entry.getValue()));
			}
			return resolved;
		}
		if (node != null && node.isArray()) {
			var array = node.deepCopy();
			for (int i = 0; i < array.size(); i++) {
				((tools.jackson.databind.node.ArrayNode) array).set(i, resolve(array.get(i)));
			}
			return array;
		}
		return node;
	}

}
