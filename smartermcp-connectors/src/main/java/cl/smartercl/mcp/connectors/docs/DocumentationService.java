package cl.smartercl.mcp.connectors.docs;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

import reactor.core.publisher.Mono;

import cl.smartercl.mcp.connectors.config.TenantConfig;
import cl.smartercl.mcp.connectors.docker.DockerEngineVersion;
import cl.smartercl.mcp.core.tool.Backend;
import cl.smartercl.mcp.core.error.BackendNotConfiguredException;
import cl.smartercl.mcp.connectors.metabase.MetabaseApiDescription;
import cl.smartercl.mcp.connectors.n8n.N8nApiDescription;
import cl.smartercl.mcp.connectors.supabase.SupabaseConnector;
import cl.smartercl.mcp.core.error.BackendException;
import cl.smartercl.mcp.core.error.NotFoundException;
import cl.smartercl.mcp.core.error.ToolException;
import cl.smartercl.mcp.core.health.BackendProbe;
import cl.smartercl.mcp.core.health.ProbeResult;
import cl.smartercl.mcp.core.tool.Catalog;
import cl.smartercl.mcp.core.tool.ToolDefinition;
import cl.smartercl.mcp.core.tools.documentation.DocsApis;
import cl.smartercl.mcp.core.tools.documentation.DocsSchemas;
import cl.smartercl.mcp.core.tools.documentation.DocsServices;
import cl.smartercl.mcp.core.tools.documentation.DocumentationPort;
import cl.smartercl.mcp.core.tools.services.HealthStatus;

/**
 * The documentation tools of one tenant: bundled service docs joined with the tenant's
 * configuration (never its secrets) and the backends' live probes; API descriptions
 * fetched from the running backend when it serves one; schema descriptions from the
 * Supabase connector.
 */
public final class DocumentationService implements DocumentationPort {

	private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);

	/**
	 * Live descriptions are paged through call by call; fetching a 1.4 MB document per
	 * page would be silly.
	 */
	private static final Duration DESCRIPTION_TTL = Duration.ofMinutes(5);

	/**
	 * A fallback forced by a failure is not kept: the next call tries the live
	 * description again.
	 */
	private static final String UNAVAILABLE = "bundled summary; the live description is unavailable: ";

	/** Tools every service is documented, described and generated for. */
	private static final List<String> GENERAL_TOOLS = List.of("services_health", "docs_services", "docs_apis",
			"generate_api_client");

	private final TenantConfig tenant;

	private final Function<String, Optional<BackendProbe>> probes;

	private final Supplier<Optional<SupabaseConnector>> database;

	private final BundledDocs docs = new BundledDocs();

	private final Map<BackendKind, Mono<ApiDocument>> descriptions = new ConcurrentHashMap<>();

	/**
	 * @param tenant the tenant's configuration
	 * @param probes the live probe of a backend by name ({@code n8n}, {@code supabase},
	 * ...), if configured
	 * @param database the tenant's Supabase connector, if configured
	 */
	public DocumentationService(TenantConfig tenant, Function<String, Optional<BackendProbe>> probes,
			Supplier<Optional<SupabaseConnector>> database) {
		this.tenant = Objects.requireNonNull(tenant, "tenant");
		this.probes = Objects.requireNonNull(probes, "probes");
		this.database = Objects.requireNonNull(database, "database");
	}

	@Override
	public Mono<DocsSchemas.Output> schemas(DocsSchemas.Input input) {
		return Mono.defer(() -> this.database.get()
			.map((connector) -> connector.describe(input))
			.orElseGet(() -> Mono.error(new BackendNotConfiguredException(Backend.SUPABASE))));
	}

	@Override
	public Mono<DocsServices.Output> services(DocsServices.Input input) {
		return Mono.defer(() -> {
			ServiceTarget target = ServiceTarget.resolve(this.tenant, input.serviceId());
			BackendKind kind = target.kind();
			boolean configured = kind != null && kind.configuredIn(this.tenant.backends());
			Map<String, String> configuration = new LinkedHashMap<>();
			if (target.service() != null) {
				configuration.putAll(ConfigurationView.of(target.service()));
			}
			if (configured) {
				configuration.putAll(ConfigurationView.of(kind, this.tenant.backends()));
			}
			else if (kind != null) {
				configuration.put("backend", "not configured for this tenant");
			}
			String description = (kind != null) ? this.docs.description(kind)
					: "A service of this tenant's registry that is not one of the backends SmarterMCP connects to.";
			List<String> tools = tools(kind);
			return health(kind, configured).map((health) -> {
				String markdown = ServiceMarkdown.render(target, (kind == null) ? null : this.docs.markdown(kind),
						description, tools, configuration, health);
				return new DocsServices.Output(target.id(), target.name(), (kind == null) ? null : kind.id(),
						description, tools, configuration, health.version(), health.summary(), markdown);
			});
		});
	}

	/**
	 * The tools that act on a kind of backend, in catalog order; derived from the
	 * catalog, not written twice.
	 */
	static List<String> tools(BackendKind kind) {
		return Catalog.standard()
			.tools()
			.stream()
			.filter((tool) -> (kind == null)
					? tool.name().startsWith("services_") || tool.name().equals("docs_services")
					: tool.backend().equals(kind.id()) || kind.alsoUsedBy().contains(tool.name())
							|| GENERAL_TOOLS.contains(tool.name()))
			.map(ToolDefinition::name)
			.toList();
	}

	private Mono<Health> health(BackendKind kind, boolean configured) {
		if (kind == null) {
			return Mono.just(new Health("unknown", null, "no backend probe: check services_health for its container"));
		}
		if (!configured) {
			return Mono.just(new Health("not configured", null, null));
		}
		Optional<BackendProbe> probe = this.probes.apply(kind.id());
		if (probe.isEmpty()) {
			return Mono.just(new Health("unknown", null, "no live probe is registered for " + kind.id()));
		}
		return probe.get()
			.probe()
			.timeout(PROBE_TIMEOUT)
			.map(Health::of)
			.onErrorResume((error) -> Mono.just(new Health(HealthStatus.UNHEALTHY.name().toLowerCase(), null,
					"the probe did not answer within " + PROBE_TIMEOUT.toSeconds() + " s")));
	}

	/** A probe's result as {@code docs_services} shows it. */
	record Health(String status, String version, String detail) {

		static Health of(ProbeResult result) {
			return new Health(result.status().name().toLowerCase(), result.version(),
					result.detail() + " (" + result.latencyMs() + " ms)");
		}

		String summary() {
			return (this.detail == null || this.status.equals("healthy")) ? this.status
					: this.status + ": " + this.detail;
		}

	}

	@Override
	public Mono<DocsApis.Output> apis(DocsApis.Input input) {
		return apiDocument(input.serviceId()).map((document) -> {
			OpenApiSummary summary = OpenApiSummary.of(document.text());
			List<DocsApis.Operation> all = summary.operations();
			int from = (int) Math.min((long) (input.page() - 1) * input.pageSize(), all.size());
			int to = Math.min(from + input.pageSize(), all.size());
			Integer nextPage = (to < all.size()) ? input.page() + 1 : null;
			String title = (document.note() == null) ? summary.title() : summary.title() + " (" + document.note() + ")";
			String version = (document.version() != null) ? document.version() : summary.version();
			return new DocsApis.Output(input.serviceId(), document.source(), title, version, summary.auth(),
					all.subList(from, to), input.page(), all.size(), nextPage);
		});
	}

	/**
	 * The API description of a service: the live one when the tenant's instance serves
	 * it, else our bundled summary, saying why. Also the input of
	 * {@code generate_api_client}.
	 */
	public Mono<ApiDocument> apiDocument(String serviceId) {
		return Mono.defer(() -> {
			ServiceTarget target = ServiceTarget.resolve(this.tenant, serviceId);
			if (target.kind() == null) {
				return Mono.error(new NotFoundException("API description", target.id(),
						"It is a registered service, but not a backend SmarterMCP knows the API of"));
			}
			return this.descriptions
				.computeIfAbsent(
						target.kind(), (
								kind) -> describe(kind).cache(
										(doc) -> (doc.note() != null && doc.note().startsWith(UNAVAILABLE))
												? Duration.ZERO : DESCRIPTION_TTL,
										(error) -> Duration.ZERO, () -> Duration.ZERO));
		});
	}

	private Mono<ApiDocument> describe(BackendKind kind) {
		if (!kind.configuredIn(this.tenant.backends())) {
			return Mono
				.just(bundled(kind, null, "bundled summary; " + kind.id() + " is not configured for this tenant"));
		}
		Mono<Optional<ApiDocument>> live = switch (kind) {
			case N8N -> N8nApiDescription.fetch(this.tenant.id(), this.tenant.backends().n8n())
				.map((text) -> text.map((t) -> live(kind, t)));
			case METABASE -> MetabaseApiDescription.fetch(this.tenant.id(), this.tenant.backends().metabase())
				.map((text) -> text.map((t) -> live(kind, t)));
			case SUPABASE -> this.database.get()
				.filter(SupabaseConnector::hasRestApi)
				.map((connector) -> connector.restOpenApi().map((t) -> Optional.of(live(kind, t))))
				.orElseGet(() -> Mono.just(Optional.empty()));
			case DOCKER -> DockerEngineVersion.fetch(this.tenant.id(), this.tenant.backends().docker())
				.map((v) -> Optional.of(bundled(kind, v.apiVersion(),
						"endpoints SmarterMCP uses; live engine: " + v.engine() + " " + v.version() + ", API "
								+ v.apiVersion() + " (oldest accepted " + v.minApiVersion() + ")")));
			// Botpress serves no API description; say which of the summary's two flavours
			// applies
			case BOTPRESS -> Mono.just(Optional.of(bundled(kind, null,
					"endpoints SmarterMCP uses; this tenant runs Botpress "
							+ this.tenant.backends().botpress().flavour().label() + ": the operations tagged "
							+ this.tenant.backends().botpress().flavour().label() + " apply")));
			case ODOO -> this.probes.apply(kind.id())
				.filter(LiveApiDescription.class::isInstance)
				.map((probe) -> ((LiveApiDescription) probe).apiDescription().map((t) -> Optional.of(live(kind, t))))
				.orElseGet(() -> Mono.just(Optional.empty()));
			default -> Mono.just(Optional.empty());
		};
		return live
			.map((doc) -> doc.orElseGet(() -> bundled(kind, null,
					"bundled summary; this " + kind.id() + " instance serves no API description"
							+ (kind == BackendKind.SUPABASE ? " without a REST URL and key" : ""))))
			.onErrorResume(ToolException.class,
					(error) -> Mono.just(bundled(kind, null, UNAVAILABLE + error.getMessage())));
	}

	private static ApiDocument live(BackendKind kind, String text) {
		try {
			OpenApiSummary.parse(text);
		}
		catch (IllegalArgumentException ex) {
			throw new BackendException(kind.id(), "its API description is " + ex.getMessage());
		}
		return new ApiDocument(kind.id(), ApiDocument.LIVE, text, null, null);
	}

	private ApiDocument bundled(BackendKind kind, String version, String note) {
		return new ApiDocument(kind.id(), ApiDocument.BUNDLED, this.docs.apiSummary(kind), version, note);
	}

}
