package cl.smartercl.mcp.connectors.docker;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import cl.smartercl.mcp.connectors.config.BackendsConfig;
import cl.smartercl.mcp.connectors.config.ServiceConfig;
import cl.smartercl.mcp.connectors.config.TenantConfig;
import cl.smartercl.mcp.connectors.ports.TenantPorts;
import cl.smartercl.mcp.core.error.ServiceUnavailableException;
import cl.smartercl.mcp.core.health.ProbeResult;
import cl.smartercl.mcp.core.tool.ClientChannel;
import cl.smartercl.mcp.core.tools.infrastructure.ContainersList;
import cl.smartercl.mcp.core.tools.infrastructure.InfrastructurePort;
import cl.smartercl.mcp.core.tools.services.HealthStatus;
import cl.smartercl.mcp.core.tools.services.ServiceType;
import cl.smartercl.mcp.core.tools.services.ServicesHealth;
import cl.smartercl.mcp.core.tools.services.ServicesLogs;
import cl.smartercl.mcp.core.tools.services.ServicesPort;
import cl.smartercl.mcp.testsupport.DockerPeer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A real engine that stops: the tools answer with the documented 503 wording, the probe
 * says unhealthy.
 */
class DockerEngineDownIT {

	private static final Duration BLOCK = Duration.ofSeconds(60);

	@Test
	void aStoppedEngineGetsTheUnavailableWording() {
		DockerPeer peer = DockerPeer.start();
		TenantConfig tenant = new TenantConfig("down",
				new BackendsConfig(null, new BackendsConfig.Docker(peer.host(), null, null, null), null, null, null,
						null, null, null),
				List.of(new ServiceConfig("web", null, ServiceType.FRONTEND, "web", null, null, null)), null);
		try (TenantPorts ports = TenantPorts.build(tenant, List.of(new DockerConnectorProvider()))) {
			InfrastructurePort infra = ports.find(InfrastructurePort.class).orElseThrow();
			ServicesPort services = ports.find(ServicesPort.class).orElseThrow();
			assertThat(infra.listContainers(new ContainersList.Input(ContainersList.Filter.ALL)).block(BLOCK))
				.isNotNull();
			assertThat(ports.probes().get(0).probe().block(BLOCK).status()).isEqualTo(HealthStatus.HEALTHY);

			peer.close();

			assertThatThrownBy(
					() -> infra.listContainers(new ContainersList.Input(ContainersList.Filter.ALL)).block(BLOCK))
				.isInstanceOf(ServiceUnavailableException.class)
				.hasMessageStartingWith(
						"Service 'docker' is currently unavailable: cannot connect to the Docker engine at "
								+ peer.host().substring("unix://".length()));
			assertThatThrownBy(
					() -> services.logs(new ServicesLogs.Input("web", 10, false), ClientChannel.NONE).block(BLOCK))
				.isInstanceOf(ServiceUnavailableException.class)
				.hasMessageStartingWith("Service 'docker' is currently unavailable");
			ProbeResult probe = ports.probes().get(0).probe().block(BLOCK);
			assertThat(probe.status()).isEqualTo(HealthStatus.UNHEALTHY);
			assertThat(probe.detail()).contains("currently unavailable");
			// health is a report, not a failure: the service's state is unknown while the
			// engine is down
			ServicesHealth.Output health = services.health(new ServicesHealth.Input(null)).block(BLOCK);
			assertThat(health.services().get(0).status()).isEqualTo(HealthStatus.UNKNOWN);
			assertThat(health.services().get(0).detail()).contains("cannot be reached");
		}
		finally {
			peer.close();
		}
	}

}
