package cl.smartercl.mcp.core.tools.infrastructure;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Contract of {@code infra_status}. */
public final class InfraStatus {

	private InfraStatus() {
	}

	public record Input() {
	}

	public record Output(Engine engine, Host host, Containers containers,
			@JsonPropertyDescription("Images stored on the host.") int images) {
	}

	public record Engine(String version, String apiVersion, String os, String kernel, String storageDriver) {
	}

	public record Host(String name, int cpus, long memoryBytes,
			@JsonPropertyDescription("CPU used by all containers, in percent of the host's CPUs; absent when not measurable.") Double containersCpuPercent,
			@JsonPropertyDescription("Memory used by all containers, in bytes.") Long containersMemoryBytes,
			@JsonPropertyDescription("Disk used by images, containers and volumes, in bytes.") Long diskUsedBytes,
			@JsonPropertyDescription("Host load averages over 1, 5 and 15 minutes, when known.") java.util.List<Double> load) {
	}

	public record Containers(int total, int running, int paused, int stopped, int unhealthy) {
	}

}
