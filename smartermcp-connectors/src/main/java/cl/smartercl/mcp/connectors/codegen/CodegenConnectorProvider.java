package cl.smartercl.mcp.connectors.codegen;

import java.util.function.Supplier;

import cl.smartercl.mcp.connectors.config.TenantConfig;
import cl.smartercl.mcp.connectors.docs.DocumentationService;
import cl.smartercl.mcp.connectors.ports.ConnectorProvider;
import cl.smartercl.mcp.connectors.ports.PortRegistrar;
import cl.smartercl.mcp.connectors.ports.TenantPorts;

/**
 * The code generators, for every tenant: they need no backend of their own (the API
 * client generator reads the tenant's API descriptions through its documentation port).
 */
public final class CodegenConnectorProvider implements ConnectorProvider {

	private final N8nWorkflowGenerator workflows = new N8nWorkflowGenerator();

	private final BotpressSkillGenerator skills = new BotpressSkillGenerator();

	@Override
	public void contribute(TenantConfig tenant, PortRegistrar registrar) {
		Supplier<TenantPorts> finished = registrar.finished();
		Supplier<ApiClientGenerator> apiClients = () -> ApiClientGenerator.from(finished.get()
			.find(DocumentationService.class)
			.orElseThrow(() -> new IllegalStateException("the documentation port is missing")));
		registrar.port(cl.smartercl.mcp.core.tools.codegen.CodegenPort.class,
				new CodegenService(this.workflows, this.skills, memoize(apiClients)));
	}

	private static <T> Supplier<T> memoize(Supplier<T> supplier) {
		return new Supplier<>() {
			private volatile T value;

			@Override
			public T get() {
				T current = this.value;
				if (current == null) {
					synchronized (this) {
						if (this.value == null) {
							this.value = supplier.get();
						}
						current = this.value;
					}
				}
				return current;
			}
		};
	}

}
