package cl.smartercl.mcp.server.dispatch;

import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import cl.smartercl.mcp.connectors.config.ConfirmationConfig;
import cl.smartercl.mcp.connectors.config.TenantConfig;
import cl.smartercl.mcp.core.error.NotConfirmedException;
import cl.smartercl.mcp.core.tool.ClientChannel;
import cl.smartercl.mcp.core.tool.Confirmation;
import cl.smartercl.mcp.core.tools.bots.BotsDeploy;
import cl.smartercl.mcp.core.tools.crm.CrmContactsUpsert;
import cl.smartercl.mcp.core.tools.infrastructure.ContainersRestart;
import cl.smartercl.mcp.core.tools.services.ServicesDeploy;
import cl.smartercl.mcp.core.tools.services.ServicesRestart;
import cl.smartercl.mcp.core.tools.workflows.WorkflowsCreate;
import cl.smartercl.mcp.core.tool.Transport;

/**
 * Decides whether a destructive call may run: the six tools that change running systems
 * or business records ask the person behind an MCP client first, when the client can be
 * asked ({@link Confirmation}). A declined or dismissed question stops the call; a client
 * that cannot be asked proceeds or is refused as its tenant's
 * {@code confirmation.without-elicitation} says. REST is never asked: its caller sent the
 * request itself with a token holding the write scope.
 */
final class ConfirmationGate {

	private static final Logger log = LoggerFactory.getLogger(ConfirmationGate.class);

	/** The tools that ask, by name. */
	static final Set<String> TOOLS = Set.of("services_deploy", "services_restart", "containers_restart", "bots_deploy",
			"crm_contacts_upsert", "workflows_create");

	private final Function<String, Optional<TenantConfig>> tenants;

	ConfirmationGate(Function<String, Optional<TenantConfig>> tenants) {
		this.tenants = tenants;
	}

	/**
	 * Checks the call, putting the outcome in its metadata for the audit trail (none when
	 * the tool needs no confirmation); completes empty when the call may run, fails with
	 * {@link NotConfirmedException} when it must not.
	 */
	Mono<Void> check(ToolCall call, Object input, ClientChannel channel) {
		String tool = call.tool().name();
		if (!TOOLS.contains(tool)) {
			return Mono.empty();
		}
		if (call.transport() != Transport.MCP) {
			call.metadata().confirmation(ConfirmationOutcome.NOT_ASKED);
			return Mono.empty();
		}
		Confirmation confirmation = channel.confirmation();
		if (!confirmation.canAsk()) {
			call.metadata().confirmation(ConfirmationOutcome.NOT_ASKED);
			boolean proceed = this.tenants.apply(call.principal().tenantId())
				.map(TenantConfig::confirmation)
				.orElse(ConfirmationConfig.DEFAULT)
				.proceedWithoutElicitation();
			return proceed ? Mono.empty()
					: Mono.error(new NotConfirmedException("unavailable", tool + " was not run: it changes "
							+ "running systems or records and this tenant lets it run only after the user confirms, "
							+ "which needs a client that supports MCP elicitation (or the REST API)"));
		}
		Confirmation.Request request = describe(tool, input);
		return Mono.defer(() -> confirmation.ask(request)).onErrorResume((ex) -> {
			// no answer (the client failed the request or let it time out): nothing was
			// confirmed
			log.warn("confirmation of {} (request {}) got no answer: {}", tool, call.requestId(), ex.toString());
			return Mono.just(Confirmation.Answer.CANCELLED);
		}).defaultIfEmpty(Confirmation.Answer.CANCELLED).<Void>flatMap((answer) -> switch (answer) {
			case CONFIRMED -> {
				call.metadata().confirmation(ConfirmationOutcome.CONFIRMED);
				yield Mono.empty();
			}
			case DECLINED -> {
				call.metadata().confirmation(ConfirmationOutcome.DECLINED);
				yield Mono.error(new NotConfirmedException("declined",
						tool + " was not run: the user declined it (" + request.target() + ")"));
			}
			case CANCELLED -> {
				call.metadata().confirmation(ConfirmationOutcome.CANCELLED);
				yield Mono.error(new NotConfirmedException("cancelled", tool
						+ " was not run: the confirmation was dismissed or got no answer (" + request.target() + ")"));
			}
		}).then();
	}

	/** What the call will do, from its bound input. */
	static Confirmation.Request describe(String tool, Object input) {
		if (input instanceof ServicesDeploy.Input in) {
			String version = (in.version() != null) ? "version " + in.version() : "its current version again";
			return new Confirmation.Request(tool, "service '" + in.serviceId() + "'", "Pulls " + version
					+ ", recreates the service's container and health-checks it; rolls back if the check fails. "
					+ "The service is briefly unavailable.");
		}
		if (input instanceof ServicesRestart.Input in) {
			return new Confirmation.Request(tool, "service '" + in.serviceId() + "'",
					"Restarts the service's container; it is unavailable until it is up again.");
		}
		if (input instanceof ContainersRestart.Input in) {
			return new Confirmation.Request(tool, "container '" + in.containerId() + "'",
					"Restarts the container; what runs in it is unavailable until it is up again.");
		}
		if (input instanceof BotsDeploy.Input in) {
			String version = (in.version() != null) ? "version " + in.version() : "its newest version";
			return new Confirmation.Request(tool, "bot '" + in.botId() + "'",
					"Deploys " + version + " over the running bot; its users get the new version at once.");
		}
		if (input instanceof CrmContactsUpsert.Input in) {
			String name = in.contact().name();
			return (in.id() != null)
					? new Confirmation.Request(tool, "CRM contact " + in.id(),
							"Overwrites the contact's fields in the CRM (Odoo) with those given for '" + name + "'.")
					: new Confirmation.Request(tool, "a new CRM contact '" + name + "'",
							"Creates the contact in the CRM (Odoo), or updates the one contact with the same email.");
		}
		if (input instanceof WorkflowsCreate.Input in) {
			return new Confirmation.Request(tool, "n8n workflow '" + in.name() + "'", "Creates the workflow in n8n"
					+ (in.activate() ? " and activates it, so its triggers start running." : ", inactive."));
		}
		throw new IllegalArgumentException("no confirmation text for " + tool);
	}

}
