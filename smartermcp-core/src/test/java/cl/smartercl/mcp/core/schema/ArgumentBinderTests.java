package cl.smartercl.mcp.core.schema;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import cl.smartercl.mcp.core.error.InvalidArgumentsException;
import cl.smartercl.mcp.core.tools.crm.CrmContactsUpsert;
import cl.smartercl.mcp.core.tools.infrastructure.InfraMetrics;
import cl.smartercl.mcp.core.tools.services.ServicesList;
import cl.smartercl.mcp.core.tools.services.ServicesLogs;
import cl.smartercl.mcp.core.tools.workflows.WorkflowsTrigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArgumentBinderTests {

	private static JsonNode json(String text) {
		return ToolJson.mapper().readTree(text);
	}

	@Test
	void bindsSnakeCaseArgumentsAndAppliesDefaults() {
		ServicesLogs.Input input = ArgumentBinder.bind(json("{\"service_id\":\"n8n\"}"), ServicesLogs.Input.class);
		assertThat(input.serviceId()).isEqualTo("n8n");
		assertThat(input.lines()).isEqualTo(100);
		assertThat(input.follow()).isFalse();
	}

	@Test
	void missingArgumentsCountAsAnEmptyObject() {
		assertThat(ArgumentBinder.bind(null, ServicesList.Input.class).filter()).isEqualTo(ServicesList.Filter.ALL);
	}

	@Test
	void anUnknownArgumentIsNamedWithTheValidNames() {
		assertThatThrownBy(
				() -> ArgumentBinder.bind(json("{\"service_id\":\"a\",\"line\":5}"), ServicesLogs.Input.class))
			.isInstanceOfSatisfying(InvalidArgumentsException.class,
					(ex) -> assertThat(ex.argument()).isEqualTo("line"))
			.hasMessage("Invalid argument 'line': unknown argument 'line'; valid arguments: follow, lines, service_id");
	}

	@Test
	void anUnknownNestedArgumentIsNamedWithItsPath() {
		assertThatThrownBy(() -> ArgumentBinder.bind(json("{\"contact\":{\"name\":\"A\",\"mail\":\"x\"}}"),
				CrmContactsUpsert.Input.class))
			.hasMessageContaining("unknown argument 'mail' in 'contact'")
			.hasMessageContaining("valid arguments: city, company, country, email, is_company, name, phone, street");
	}

	@Test
	void aWrongTypeSaysWhatWasExpected() {
		assertThatThrownBy(
				() -> ArgumentBinder.bind(json("{\"service_id\":\"a\",\"lines\":\"ten\"}"), ServicesLogs.Input.class))
			.hasMessage("Invalid argument 'lines': expected integer, got string");
	}

	@Test
	void aMissingRequiredArgumentIsNamed() {
		assertThatThrownBy(() -> ArgumentBinder.bind(json("{}"), ServicesLogs.Input.class))
			.hasMessage("Invalid argument 'service_id': required argument is missing");
	}

	@Test
	void anEnumValueOutsideTheListIsRefusedWithTheList() {
		assertThatThrownBy(() -> ArgumentBinder.bind(json("{\"filter\":\"databases\"}"), ServicesList.Input.class))
			.hasMessageContaining("'filter'")
			.hasMessageContaining("\"all\",\"frontend\",\"backend\",\"infrastructure\"");
	}

	@Test
	void rulesOfTheRecordsThemselvesKeepTheirWording() {
		assertThatThrownBy(
				() -> ArgumentBinder.bind(json("{\"service_id\":\"a\",\"lines\":0}"), ServicesLogs.Input.class))
			.hasMessage("Invalid argument 'lines': must be between 1 and 5000, got 0");
		assertThatThrownBy(() -> ArgumentBinder.bind(json("{\"period\":\"2 weeks\"}"), InfraMetrics.Input.class))
			.hasMessageContaining("'period'")
			.hasMessageContaining("2 weeks");
	}

	@Test
	void argumentsMustBeAnObject() {
		assertThatThrownBy(() -> ArgumentBinder.bind(json("[1,2]"), ServicesList.Input.class))
			.hasMessage("Invalid arguments: arguments must be a JSON object, got array");
	}

	@Test
	void freeFormFieldsAcceptAnyObject() {
		WorkflowsTrigger.Input input = ArgumentBinder.bind(
				json("{\"workflow_id\":\"7\",\"input_data\":{\"a\":[1,{\"b\":null}],\"c\":\"d\"}}"),
				WorkflowsTrigger.Input.class);
		assertThat(input.inputData()).containsKeys("a", "c");
	}

}
