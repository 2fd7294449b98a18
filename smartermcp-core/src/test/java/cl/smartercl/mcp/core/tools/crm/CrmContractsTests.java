package cl.smartercl.mcp.core.tools.crm;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import cl.smartercl.mcp.core.error.InvalidArgumentsException;
import cl.smartercl.mcp.core.schema.ArgumentBinder;
import cl.smartercl.mcp.core.schema.ToolJson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CrmContractsTests {

	private static JsonNode json(String text) {
		return ToolJson.mapper().readTree(text);
	}

	@Test
	void theContactFilterIsATypedObject() {
		CrmContactsList.Input input = ArgumentBinder.bind(
				json("{\"limit\":50,\"filter\":{\"country\":\" Chile \",\"type\":\"lead\",\"salesperson\":\"Carla\"}}"),
				CrmContactsList.Input.class);
		assertThat(input.filter().country()).isEqualTo("Chile");
		assertThat(input.filter().type()).isEqualTo(ContactFilter.Type.LEAD);
		assertThat(input.filter().salesperson()).isEqualTo("Carla");
		assertThat(input.filter().tag()).isNull();
	}

	@Test
	void noFilterIsTheEmptyFilter() {
		CrmContactsList.Input input = ArgumentBinder.bind(json("{}"), CrmContactsList.Input.class);
		assertThat(input.filter()).isEqualTo(ContactFilter.NONE);
		assertThat(input.limit()).isEqualTo(50);
	}

	@Test
	void anUnknownFilterKeyIsRefusedNamingTheValidOnes() {
		assertThatThrownBy(
				() -> ArgumentBinder.bind(json("{\"filter\":{\"state\":\"open\"}}"), CrmContactsList.Input.class))
			.isInstanceOfSatisfying(InvalidArgumentsException.class,
					(ex) -> assertThat(ex.argument()).isEqualTo("filter.state"))
			.hasMessageContaining("unknown argument 'state' in 'filter'")
			.hasMessageContaining("valid arguments: city, country, salesperson, tag, text, type");
	}

	@Test
	void anUnknownTypeIsRefusedWithTheThreeTypes() {
		assertThatThrownBy(
				() -> ArgumentBinder.bind(json("{\"filter\":{\"type\":\"vendor\"}}"), CrmContactsList.Input.class))
			.hasMessageContaining("filter.type")
			.hasMessageContaining("[\"contact\",\"company\",\"lead\"]");
	}

	@Test
	void theFilterAsTextIsRefused() {
		assertThatThrownBy(() -> ArgumentBinder.bind(json("{\"filter\":\"acme\"}"), CrmContactsList.Input.class))
			.hasMessage("Invalid argument 'filter': expected object, got string");
	}

	@Test
	void aBlankFilterValueIsRefused() {
		assertThatThrownBy(
				() -> ArgumentBinder.bind(json("{\"filter\":{\"city\":\"  \"}}"), CrmContactsList.Input.class))
			.hasMessageStartingWith("Invalid argument 'filter.city'");
	}

	@Test
	void anUpsertNeedsAnEmailThatLooksLikeOne() {
		assertThatThrownBy(() -> ArgumentBinder.bind(json("{\"contact\":{\"name\":\"A\",\"email\":\"nope\"}}"),
				CrmContactsUpsert.Input.class))
			.hasMessageStartingWith("Invalid argument 'contact.email'");
	}

	@Test
	void opportunitiesArePagedWithinBounds() {
		assertThatThrownBy(() -> ArgumentBinder.bind(json("{\"limit\":501}"), CrmOpportunitiesList.Input.class))
			.hasMessageStartingWith("Invalid argument 'limit'");
		assertThat(ArgumentBinder.bind(json("{\"stage\":\"Won\"}"), CrmOpportunitiesList.Input.class).limit())
			.isEqualTo(50);
	}

}
