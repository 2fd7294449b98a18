package cl.smartercl.mcp.server.guide;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

import cl.smartercl.mcp.connectors.config.ServiceConfig;
import cl.smartercl.mcp.connectors.config.TenantConfig;
import cl.smartercl.mcp.core.auth.Principal;
import cl.smartercl.mcp.core.error.NotFoundException;
import cl.smartercl.mcp.core.schema.ToolJson;
import cl.smartercl.mcp.core.tool.ClientChannel;
import cl.smartercl.mcp.core.tool.Transport;
import cl.smartercl.mcp.server.dispatch.ToolDispatcher;
import cl.smartercl.mcp.server.tenant.TenantDirectory;

/**
 * The documentation tools' content as read-only resources, independent of the MCP
 * revision: a URI names a tool and its argument, and reading it IS that tool call,
 * through the {@link ToolDispatcher} (same scope check, tenant, limits, metrics and audit
 * as {@code tools/call}). One more resource, the index, lists the URIs the caller's
 * tenant can read.
 */
@Component
public class DocsResources {

	public static final String INDEX = "smartermcp://docs/index";

	/** The readable resource kinds, each the template of one documentation tool. */
	public static final List<Template> TEMPLATES = List.of(
			new Template("smartermcp://docs/services/{service_id}", "docs_services", "service_id",
					"Service documentation",
					"Documentation of a configured service: what it is, which tools use it, how it is configured for "
							+ "this tenant (no secrets), its live version and health (the docs_services tool)."),
			new Template("smartermcp://docs/apis/{service_id}", "docs_apis", "service_id", "Service API description",
					"A service's API summarised as operations (method, path, summary) with its auth scheme, first "
							+ "page (the docs_apis tool; call it for further pages)."),
			new Template("smartermcp://docs/schemas/{schema}", "docs_schemas", "schema", "Database schema",
					"A schema of the tenant's PostgreSQL/Supabase: tables, columns, keys, indexes, row-level "
							+ "security and policies, comments, first page (the docs_schemas tool)."));

	public static final String MIME_TYPE = "application/json";

	private final ToolDispatcher dispatcher;

	private final TenantDirectory tenants;

	public DocsResources(ToolDispatcher dispatcher, TenantDirectory tenants) {
		this.dispatcher = dispatcher;
		this.tenants = tenants;
	}

	/**
	 * One resource URI template.
	 *
	 * @param uriTemplate RFC 6570 level 1, one variable
	 * @param tool the tool a read calls
	 * @param argument the tool argument the variable fills
	 * @param title short title
	 * @param description what a read returns
	 */
	public record Template(String uriTemplate, String tool, String argument, String title, String description) {

		String prefix() {
			return this.uriTemplate.substring(0, this.uriTemplate.indexOf('{'));
		}

		/**
		 * The argument's value when {@code uri} is one of this template's, else empty.
		 */
		Optional<String> match(String uri) {
			if (!uri.startsWith(prefix())) {
				return Optional.empty();
			}
			String value = uri.substring(prefix().length());
			if (value.isEmpty() || value.contains("/") || value.contains("?") || value.contains("#")) {
				return Optional.empty();
			}
			return Optional.of(URLDecoder.decode(value, StandardCharsets.UTF_8));
		}

	}

	/**
	 * Reads a resource as {@code principal}.
	 * @return the content as JSON; fails with {@link NotFoundException} for a URI that
	 * names no resource, and with the tool's own errors otherwise
	 */
	public Mono<JsonNode> read(Principal principal, String uri, String requestId, Transport transport) {
		if (INDEX.equals(uri)) {
			return Mono.fromSupplier(() -> index(principal));
		}
		for (Template template : TEMPLATES) {
			Optional<String> value = template.match(uri);
			if (value.isPresent()) {
				ObjectNode arguments = ToolJson.mapper().createObjectNode().put(template.argument(), value.get());
				return this.dispatcher.call(principal, template.tool(), arguments, ClientChannel.NONE, requestId,
						transport);
			}
		}
		return Mono.error(new NotFoundException("resource", uri));
	}

	/**
	 * The URIs the caller can read: per service of its tenant, and the templates it may
	 * use.
	 */
	JsonNode index(Principal principal) {
		ObjectNode index = ToolJson.mapper().createObjectNode();
		ArrayNode resources = index.putArray("resources");
		ArrayNode templates = index.putArray("templates");
		List<ServiceConfig> services = this.tenants.config(principal.tenantId())
			.map(TenantConfig::services)
			.orElse(List.of());
		for (Template template : TEMPLATES) {
			if (!this.dispatcher.isVisible(principal, template.tool())) {
				continue;
			}
			templates.addObject()
				.put("uri_template", template.uriTemplate())
				.put("tool", template.tool())
				.put("description", template.description());
			if (template.argument().equals("service_id")) {
				for (ServiceConfig service : services) {
					resources.addObject()
						.put("uri", template.prefix() + service.id())
						.put("name", service.name() + ": " + template.title().toLowerCase(java.util.Locale.ROOT));
				}
			}
		}
		index.put("note",
				templates.isEmpty()
						? "This token cannot read the documentation resources: they need the scope read:services."
						: "Schemas are not listed: read smartermcp://docs/schemas/public or any other schema by name.");
		return index;
	}

}
