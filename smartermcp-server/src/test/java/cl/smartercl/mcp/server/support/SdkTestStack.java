package cl.smartercl.mcp.server.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import cl.smartercl.mcp.server.SmarterMcpApplication;
import cl.smartercl.mcp.testsupport.DockerPeer;
import cl.smartercl.mcp.testsupport.chatwoot.ChatwootDouble;
import cl.smartercl.mcp.testsupport.chatwoot.ChatwootSeed;
import cl.smartercl.mcp.testsupport.metabase.MetabaseDouble;
import cl.smartercl.mcp.testsupport.metabase.MetabaseSeed;
import cl.smartercl.mcp.testsupport.odoo.OdooDemo;
import cl.smartercl.mcp.testsupport.odoo.OdooDouble;

/**
 * The test stack of the SDK modules (smartermcp-client-typescript,
 * smartermcp-client-python), which use it from this module's test jar.
 * <p>
 * A real SmarterMCP server, in this JVM on a random port, whose tenant {@code default}
 * has the Odoo, Chatwoot and Metabase test doubles (smartermcp-test-support), a real
 * Docker Engine API (podman, from {@code ../shared/peers/docker/start.sh}, stopped by its
 * PID) running one container registered as the service {@code web}, and the local
 * PostgreSQL (database {@code test}) as backends; no n8n or Botpress (so their tools
 * answer "not configured"). Tenant {@code limited} allows one call at once and six a
 * minute, so its second call is a 429.
 */
public final class SdkTestStack implements AutoCloseable {

	/**
	 * The bootstrap admin token (tenant {@code default}, every scope); handed to child
	 * processes only.
	 */
	public static final String ADMIN_TOKEN = "smcp_sdk_it_admin_" + UUID.randomUUID().toString().replace("-", "");

	/** The container behind the service {@code web}. */
	public static final String WEB_CONTAINER = "smcp-sdk-it-" + UUID.randomUUID().toString().substring(0, 8);

	private final OdooDouble odoo;

	private final ChatwootDouble chatwoot;

	private final MetabaseDouble metabase;

	private final DockerPeer docker;

	private final String container;

	private final ConfigurableApplicationContext server;

	private final Path dir;

	private final String url;

	private SdkTestStack(OdooDouble odoo, ChatwootDouble chatwoot, MetabaseDouble metabase, DockerPeer docker,
			String container, ConfigurableApplicationContext server, Path dir) {
		this.dir = dir;
		this.odoo = odoo;
		this.docker = docker;
		this.container = container;
		this.chatwoot = chatwoot;
		this.metabase = metabase;
		this.server = server;
		this.url = "http://127.0.0.1:" + ((WebServerApplicationContext) server).getWebServer().getPort();
	}

	public static SdkTestStack start() throws IOException {
		OdooDouble odoo = OdooDouble.start();
		ChatwootDouble chatwoot = null;
		MetabaseDouble metabase = null;
		DockerPeer docker = null;
		String container = null;
		Path dir = null;
		try {
			String odooKey = OdooDemo.chile(odoo);
			chatwoot = ChatwootDouble.start(Instant.now());
			metabase = MetabaseDouble.start();
			docker = DockerPeer.start();
			container = docker.runContainer(WEB_CONTAINER, "echo web ready; echo GET / 200; sleep 900");
			dir = Files.createTempDirectory("sdk-it",
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
			Path tenants = dir.resolve("tenants.yaml");
			Files.writeString(tenants,
					"""
							tenants:
							  default:
							    backends:
							      docker: { host: "%11$s" }
							      supabase: { url: "r2dbc:postgresql://127.0.0.1:5432/test", username: postgres, password: unused-trust-auth }
							      odoo: { url: "%1$s", database: "%2$s", username: "carla@acme.cl", api-key: "%3$s", protocol: auto, company-ids: [2], shared-records: exclude }
							      chatwoot: { url: "%4$s", account-id: %5$d, api-token: "%6$s", timezone: UTC }
							      metabase: { url: "%7$s", api-key: "%8$s", collection-id: %9$d, database-id: %10$d }
							    kpis:
							      revenue_mtd: { question: 1, format: currency, unit: USD }
							      conversion_rate: { question: 2, format: percent }
							    services:
							      - { id: metabase, name: Metabase (test double), type: backend, health: backend }
							      - { id: odoo, name: Odoo (test double), type: backend, health: backend }
							      - { id: web, name: Web front end, type: frontend, container: %12$s }
							  limited: ~
							"""
						.formatted(odoo.url(), odoo.database(), odooKey, chatwoot.url(), ChatwootSeed.ACCOUNT,
								ChatwootSeed.ADMIN_TOKEN, metabase.url(), MetabaseDouble.API_KEY,
								MetabaseSeed.ACME_COLLECTION, MetabaseSeed.ACME_DATABASE, docker.host(),
								WEB_CONTAINER));
			ConfigurableApplicationContext server = new SpringApplicationBuilder(SmarterMcpApplication.class)
				.properties(Map.of("server.port", "0", "server.address", "127.0.0.1", "smartermcp.data-dir",
						dir.resolve("data").toString(), "smartermcp.admin-token", ADMIN_TOKEN,
						"smartermcp.tenants-file", tenants.toString(),
						"smartermcp.rate-limits.tenants.limited.general.per-minute", "6",
						"smartermcp.rate-limits.tenants.limited.general.burst", "1"))
				.run();
			return new SdkTestStack(odoo, chatwoot, metabase, docker, container, server, dir);
		}
		catch (IOException | RuntimeException ex) {
			if (docker != null) {
				if (container != null) {
					docker.removeContainer(container);
				}
				docker.close();
			}
			odoo.close();
			delete(dir);
			if (chatwoot != null) {
				chatwoot.close();
			}
			if (metabase != null) {
				metabase.close();
			}
			throw ex;
		}
	}

	public String url() {
		return this.url;
	}

	/**
	 * What the SDK tests read: the server's URL and the admin token of tenant
	 * {@code default}.
	 */
	public Map<String, String> environment() {
		return Map.of("SMARTERMCP_URL", this.url, "SMARTERMCP_API_TOKEN", ADMIN_TOKEN, "SMARTERMCP_TENANT_ID",
				"default", "SMARTERMCP_TEST_CONTAINER", WEB_CONTAINER);
	}

	@Override
	public void close() {
		try {
			this.server.close();
		}
		finally {
			try {
				this.docker.removeContainer(this.container);
				this.docker.close();
			}
			finally {
				this.odoo.close();
				this.chatwoot.close();
				this.metabase.close();
				delete(this.dir);
			}
		}
	}

	/** Deletes a folder this test made, with what is in it. */
	public static void delete(Path folder) {
		if (folder == null || !Files.exists(folder)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(folder)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			System.out.println("could not delete " + folder + ": " + ex.getMessage());
		}
	}

}
