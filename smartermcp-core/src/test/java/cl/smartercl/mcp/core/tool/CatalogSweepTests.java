package cl.smartercl.mcp.core.tool;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import cl.smartercl.mcp.core.auth.AgentProfile;
import cl.smartercl.mcp.core.auth.Scope;
import cl.smartercl.mcp.core.auth.ScopeSet;
import cl.smartercl.mcp.core.schema.ToolSchemas;

import static org.assertj.core.api.Assertions.assertThat;

/** Rules that hold for every tool at once. */
class CatalogSweepTests {

	private final Catalog catalog = Catalog.standard();

	@Test
	void thirtyFiveToolsInNineCategoriesWithUniqueNames() {
		assertThat(this.catalog.size()).isEqualTo(35);
		Set<String> names = new HashSet<>();
		this.catalog.tools().forEach((tool) -> assertThat(names.add(tool.name())).as(tool.name()).isTrue());
		assertThat(this.catalog.tools().stream().map(ToolDefinition::category).collect(Collectors.toSet()))
			.containsExactlyInAnyOrder(Category.values());
	}

	@Test
	void writeToolsNeedAWriteScopeAndAreNotReadOnly() {
		for (ToolDefinition<?, ?> tool : this.catalog.tools()) {
			if (tool.scope().isWrite()) {
				assertThat(tool.hints().readOnly()).as("%s is a write tool", tool.name()).isFalse();
			}
			else {
				assertThat(tool.hints().readOnly()).as("%s reads only", tool.name()).isTrue();
				assertThat(tool.hints().destructive()).as("%s reads only", tool.name()).isFalse();
			}
			assertThat(tool.scope()).as(tool.name()).isNotEqualTo(Scope.ADMIN_TENANTS);
		}
		assertThat(this.catalog.tools().stream().filter(ToolDefinition::isWrite).map(ToolDefinition::name))
			.containsExactlyInAnyOrder("services_deploy", "services_restart", "workflows_trigger", "workflows_create",
					"crm_contacts_upsert", "bots_deploy", "containers_restart");
	}

	@Test
	void everySchemaIsAClosedObjectAndDescribesItself() {
		for (ToolDefinition<?, ?> tool : this.catalog.tools()) {
			ObjectNode input = ToolSchemas.schemaOf(tool.inputType());
			assertThat(input.path("type").asString()).as(tool.name()).isEqualTo("object");
			assertThat(input.path("additionalProperties").asBoolean(true)).as(tool.name()).isFalse();
			assertThat(ToolSchemas.schemaOf(tool.outputType()).path("type").asString()).as(tool.name())
				.isEqualTo("object");
			assertThat(tool.description()).as(tool.name()).hasSizeBetween(20, 300);
			for (JsonNode property : input.path("properties")) {
				assertThat(property.has("type") || property.has("enum") || property.has("anyOf")).as(tool.name())
					.isTrue();
			}
		}
	}

	@Test
	void noOutputHasATopLevelErrorPropertyWhichMcpReservesForFailures() {
		for (ToolDefinition<?, ?> tool : this.catalog.tools()) {
			assertThat(ToolSchemas.schemaOf(tool.outputType()).path("properties").has("error")).as(tool.name())
				.isFalse();
		}
	}

	@Test
	void nameMatchesTheCategoryPrefixOrIsAGenerator() {
		for (ToolDefinition<?, ?> tool : this.catalog.tools()) {
			String name = tool.name();
			boolean ok = switch (tool.category()) {
				case INFRASTRUCTURE -> name.startsWith("infra_") || name.startsWith("containers_");
				case DOCUMENTATION -> name.startsWith("docs_");
				case CODEGEN -> name.startsWith("generate_");
				default -> name.startsWith(tool.category().value() + "_");
			};
			assertThat(ok).as(name).isTrue();
		}
	}

	@Test
	void writeImpliesReadAndProfilesCoverTheirTools() {
		ScopeSet write = ScopeSet.of(Scope.WRITE_CRM);
		assertThat(write.allows(Scope.READ_CRM)).isTrue();
		assertThat(write.allows(Scope.WRITE_CRM)).isTrue();
		assertThat(ScopeSet.of(Scope.READ_CRM).allows(Scope.WRITE_CRM)).isFalse();
		assertThat(ScopeSet.of(Scope.ADMIN_TENANTS).allows(Scope.READ_SERVICES)).isFalse();
		assertThat(Arrays.stream(Scope.values()).map(Scope::value)).hasSize(11).doesNotHaveDuplicates();
		EnumSet<Category> executor = EnumSet.noneOf(Category.class);
		this.catalog.tools()
			.stream()
			.filter((tool) -> AgentProfile.EXECUTOR.scopes().allows(tool.scope()))
			.forEach((tool) -> executor.add(tool.category()));
		assertThat(executor).contains(Category.SERVICES, Category.WORKFLOWS, Category.INFRASTRUCTURE);
		assertThat(this.catalog.tools()
			.stream()
			.filter((tool) -> tool.category() == Category.DOCUMENTATION || tool.category() == Category.CODEGEN)
			.allMatch((tool) -> AgentProfile.WRITER.scopes().allows(tool.scope()))).isTrue();
		assertThat(this.catalog.tools()
			.stream()
			.filter((tool) -> EnumSet.of(Category.ANALYTICS, Category.CRM, Category.SUPPORT, Category.BOTS)
				.contains(tool.category()) && !tool.isWrite())
			.allMatch((tool) -> AgentProfile.DIRECTOR.scopes().allows(tool.scope()))).isTrue();
	}

}
