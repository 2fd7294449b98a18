package cl.smartercl.mcp.server.tenant;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import cl.smartercl.mcp.connectors.config.BackendsConfig;
import cl.smartercl.mcp.connectors.config.TenantConfig;

/**
 * The embedded default that serves on first start: when this machine has a Docker Engine
 * API the server may use ({@code DOCKER_HOST}, else a readable and writable
 * {@code /var/run/docker.sock}), the tenant {@value #DEFAULT_TENANT} gets it as its
 * Docker backend, so {@code containers_list}, {@code infra_status} and {@code services_*}
 * work without a tenants file. A tenants file that names the tenant keeps its own
 * configuration; {@code SMARTERMCP_LOCAL_DOCKER=false} turns this off.
 */
public final class LocalDocker {

	public static final String DEFAULT_TENANT = "default";

	static final String DEFAULT_SOCKET = "/var/run/docker.sock";

	private final UnaryOperator<String> environment;

	private final Path defaultSocket;

	/**
	 * @param environment looks up an environment variable, {@code null} when unset
	 * @param defaultSocket the socket to use when {@code DOCKER_HOST} is unset
	 */
	public LocalDocker(UnaryOperator<String> environment, Path defaultSocket) {
		this.environment = environment;
		this.defaultSocket = defaultSocket;
	}

	public static LocalDocker ofSystem() {
		return new LocalDocker(System::getenv, Path.of(DEFAULT_SOCKET));
	}

	/** The local Docker host's configuration, when there is one the server may use. */
	public Optional<BackendsConfig.Docker> find() {
		String host = this.environment.apply("DOCKER_HOST");
		if (host != null && !host.isBlank()) {
			host = host.strip();
			if (host.startsWith("unix://")) {
				return usableSocket(Path.of(host.substring("unix://".length()))) ? Optional.of(docker(host))
						: Optional.empty();
			}
			return host.startsWith("tcp://") ? Optional.of(docker(host)) : Optional.empty();
		}
		return usableSocket(this.defaultSocket) ? Optional.of(docker("unix://" + this.defaultSocket))
				: Optional.empty();
	}

	/**
	 * The tenants with the local Docker host added to {@value #DEFAULT_TENANT}, when the
	 * tenants file does not name that tenant and there is a local Docker host.
	 */
	public List<TenantConfig> addTo(List<TenantConfig> tenants) {
		if (tenants.stream().anyMatch((tenant) -> tenant.id().equals(DEFAULT_TENANT))) {
			return tenants;
		}
		return find().map((docker) -> {
			List<TenantConfig> withDefault = new ArrayList<>(tenants);
			withDefault.add(new TenantConfig(DEFAULT_TENANT,
					new BackendsConfig(null, docker, null, null, null, null, null, null), null, null));
			return List.copyOf(withDefault);
		}).orElse(tenants);
	}

	/**
	 * {@code DOCKER_TLS_VERIFY} and {@code DOCKER_CERT_PATH} as the Docker CLI reads
	 * them.
	 */
	private BackendsConfig.Docker docker(String host) {
		String certPath = this.environment.apply("DOCKER_CERT_PATH");
		String verify = this.environment.apply("DOCKER_TLS_VERIFY");
		if (host.startsWith("tcp://") && certPath != null && !certPath.isBlank() && verify != null && !verify.isBlank()
				&& !verify.equals("0")) {
			Path dir = Path.of(certPath);
			return new BackendsConfig.Docker(host, dir.resolve("ca.pem").toString(), dir.resolve("cert.pem").toString(),
					dir.resolve("key.pem").toString());
		}
		return new BackendsConfig.Docker(host, null, null, null);
	}

	private static boolean usableSocket(Path socket) {
		return Files.exists(socket) && Files.isReadable(socket) && Files.isWritable(socket);
	}

}
