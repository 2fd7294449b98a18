package cl.smartercl.mcp.server.dispatch;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import cl.smartercl.mcp.connectors.config.ConfirmationConfig;
import cl.smartercl.mcp.connectors.config.TenantConfig;
import cl.smartercl.mcp.core.auth.Principal;
import cl.smartercl.mcp.core.auth.ScopeSet;
import cl.smartercl.mcp.core.error.NotConfirmedException;
import cl.smartercl.mcp.core.schema.ArgumentBinder;
import cl.smartercl.mcp.core.schema.ToolJson;
import cl.smartercl.mcp.core.tool.Catalog;
import cl.smartercl.mcp.core.tool.ClientChannel;
import cl.smartercl.mcp.core.tool.LogLevel;
import cl.smartercl.mcp.core.tool.Confirmation;
import cl.smartercl.mcp.core.tool.ToolDefinition;
import cl.smartercl.mcp.core.tool.Transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfirmationGateTests {

	private static final Catalog CATALOG = Catalog.standard();

	private static final Principal CALLER = new Principal("acme", "tok-1", "agent", ScopeSet.all());

	private static final Map<String, String> ARGUMENTS = Map.of("services_deploy",
			"{\"service_id\":\"n8n\",\"version\":\"1.2.3\"}", "services_restart", "{\"service_id\":\"n8n\"}",
			"containers_restart", "{\"container_id\":\"odoo-db\"}", "bots_deploy", "{\"bot_id\":\"bot_1\"}",
			"crm_contacts_upsert", "{\"contact\":{\"name\":\"Ana Pérez\"},\"id\":42}", "workflows_create",
			"{\"name\":\"Daily DB Backup\",\"workflow_json\":{\"nodes\":[],\"connections\":{}}}");

	private final AtomicReference<Confirmation.Request> asked = new AtomicReference<>();

	@Test
	void theSixToolsAreTheCatalogsDestructiveWritesAndEachIsDescribedWithItsTarget() {
		assertThat(ConfirmationGate.TOOLS).hasSize(6);
		for (String name : ConfirmationGate.TOOLS) {
			ToolDefinition<?, ?> tool = CATALOG.find(name).orElseThrow();
			assertThat(tool.isWrite()).as(name).isTrue();
			Confirmation.Request request = ConfirmationGate.describe(name, input(name));
			assertThat(request.tool()).isEqualTo(name);
			assertThat(request.message()).startsWith("Run " + name + " on ");
		}
		assertThat(ConfirmationGate.describe("services_deploy", input("services_deploy")).message())
			.isEqualTo("Run services_deploy on service 'n8n'? Pulls version 1.2.3, recreates the service's container "
					+ "and health-checks it; rolls back if the check fails. The service is briefly unavailable.");
		assertThat(ConfirmationGate.describe("crm_contacts_upsert", input("crm_contacts_upsert")).target())
			.isEqualTo("CRM contact 42");
		assertThat(ConfirmationGate.describe("workflows_create", input("workflows_create")).effect())
			.contains("activates it");
	}

	@Test
	void aToolThatNeedsNoConfirmationIsNotAskedAndLeavesNoOutcome() {
		ToolCall call = call("workflows_trigger", Transport.MCP);
		assertThat(gate(true).check(call, null, answering(Confirmation.Answer.DECLINED)).blockOptional()).isEmpty();
		assertThat(this.asked.get()).isNull();
		assertThat(call.metadata().confirmation()).isNull();
	}

	@Test
	void restIsNeverAsked() {
		ToolCall call = call("services_restart", Transport.REST);
		gate(false).check(call, input("services_restart"), answering(Confirmation.Answer.DECLINED)).block();
		assertThat(this.asked.get()).isNull();
		assertThat(call.metadata().confirmation()).isEqualTo(ConfirmationOutcome.NOT_ASKED);
	}

	@Test
	void aConfirmedCallRunsAfterTheQuestionNamedItsTarget() {
		ToolCall call = call("services_restart", Transport.MCP);
		gate(true).check(call, input("services_restart"), answering(Confirmation.Answer.CONFIRMED)).block();
		assertThat(this.asked.get().target()).isEqualTo("service 'n8n'");
		assertThat(call.metadata().confirmation()).isEqualTo(ConfirmationOutcome.CONFIRMED);
	}

	@Test
	void aDeclinedOrCancelledCallDoesNotRunAndSaysSo() {
		ToolCall declined = call("containers_restart", Transport.MCP);
		assertThatThrownBy(
				() -> gate(true).check(declined, input("containers_restart"), answering(Confirmation.Answer.DECLINED))
					.block())
			.isInstanceOfSatisfying(NotConfirmedException.class, (ex) -> {
				assertThat(ex.code()).isEqualTo("not_confirmed");
				assertThat(ex.confirmation()).isEqualTo("declined");
				assertThat(ex.getMessage())
					.isEqualTo("containers_restart was not run: the user declined it " + "(container 'odoo-db')");
			});
		assertThat(declined.metadata().confirmation()).isEqualTo(ConfirmationOutcome.DECLINED);
		ToolCall cancelled = call("bots_deploy", Transport.MCP);
		assertThatThrownBy(
				() -> gate(true).check(cancelled, input("bots_deploy"), answering(Confirmation.Answer.CANCELLED))
					.block())
			.isInstanceOfSatisfying(NotConfirmedException.class,
					(ex) -> assertThat(ex.details()).containsEntry("confirmation", "cancelled"));
		assertThat(cancelled.metadata().confirmation()).isEqualTo(ConfirmationOutcome.CANCELLED);
	}

	@Test
	void aQuestionThatGetsNoAnswerCountsAsCancelled() {
		ToolCall call = call("workflows_create", Transport.MCP);
		ClientChannel failing = channel(new Confirmation() {
			@Override
			public boolean canAsk() {
				return true;
			}

			@Override
			public Mono<Answer> ask(Request request) {
				return Mono.error(new IllegalStateException("the client went away"));
			}
		});
		assertThatThrownBy(() -> gate(true).check(call, input("workflows_create"), failing).block())
			.isInstanceOf(NotConfirmedException.class);
		assertThat(call.metadata().confirmation()).isEqualTo(ConfirmationOutcome.CANCELLED);
	}

	@Test
	void aClientThatCannotBeAskedProceedsOrIsRefusedAsTheTenantSays() {
		ToolCall proceeds = call("crm_contacts_upsert", Transport.MCP);
		gate(true).check(proceeds, input("crm_contacts_upsert"), ClientChannel.NONE).block();
		assertThat(proceeds.metadata().confirmation()).isEqualTo(ConfirmationOutcome.NOT_ASKED);

		ToolCall refused = call("crm_contacts_upsert", Transport.MCP);
		assertThatThrownBy(() -> gate(false).check(refused, input("crm_contacts_upsert"), ClientChannel.NONE).block())
			.isInstanceOfSatisfying(NotConfirmedException.class, (ex) -> {
				assertThat(ex.confirmation()).isEqualTo("unavailable");
				assertThat(ex.getMessage()).contains("elicitation");
			});
		assertThat(refused.metadata().confirmation()).isEqualTo(ConfirmationOutcome.NOT_ASKED);

		// a tenant the directory does not know gets the default: proceed
		ToolCall unknownTenant = call("crm_contacts_upsert", Transport.MCP);
		new ConfirmationGate((tenant) -> Optional.empty())
			.check(unknownTenant, input("crm_contacts_upsert"), ClientChannel.NONE)
			.block();
		assertThat(unknownTenant.metadata().confirmation()).isEqualTo(ConfirmationOutcome.NOT_ASKED);
	}

	private static ConfirmationGate gate(boolean proceedWithoutElicitation) {
		TenantConfig tenant = new TenantConfig("acme", null, null, null,
				new ConfirmationConfig(proceedWithoutElicitation));
		return new ConfirmationGate((id) -> Optional.of(tenant).filter((t) -> t.id().equals(id)));
	}

	private ClientChannel answering(Confirmation.Answer answer) {
		return channel(new Confirmation() {
			@Override
			public boolean canAsk() {
				return true;
			}

			@Override
			public Mono<Answer> ask(Request request) {
				ConfirmationGateTests.this.asked.set(request);
				return Mono.just(answer);
			}
		});
	}

	private static ClientChannel channel(Confirmation confirmation) {
		return new ClientChannel() {
			@Override
			public Mono<Void> progress(double progress, Double total, String message) {
				return Mono.empty();
			}

			@Override
			public Mono<Void> log(LogLevel level, String logger, String message) {
				return Mono.empty();
			}

			@Override
			public boolean canSample() {
				return false;
			}

			@Override
			public Mono<String> sample(String systemPrompt, String userMessage, int maxTokens) {
				return Mono.empty();
			}

			@Override
			public Confirmation confirmation() {
				return confirmation;
			}
		};
	}

	private static ToolCall call(String tool, Transport transport) {
		JsonNode arguments = ToolJson.mapper().readTree(ARGUMENTS.getOrDefault(tool, "{}"));
		return new ToolCall(CATALOG.find(tool).orElseThrow(), CALLER, "req-1", transport, arguments,
				new CallMetadata());
	}

	private static Object input(String tool) {
		return ArgumentBinder.bind(ToolJson.mapper().readTree(ARGUMENTS.get(tool)),
				CATALOG.find(tool).orElseThrow().inputType());
	}

}
