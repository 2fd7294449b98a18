package cl.smartercl.mcp.server.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import cl.smartercl.mcp.core.auth.ScopeSet;
import cl.smartercl.mcp.server.auth.IssuedToken;
import cl.smartercl.mcp.server.auth.TenantService;
import cl.smartercl.mcp.server.auth.TokenService;
import cl.smartercl.mcp.server.support.ServerTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operations tests' view of the shared test server: tool calls as
 * {@link OpsServer.Answer}s, tokens issued with their ids (the audit trail and the
 * per-token limits are keyed by id), and a tenants file. Subclasses add their stub
 * backends as a {@code ConnectorProvider} bean of a nested test configuration.
 */
abstract class OpsTestSupport extends ServerTestSupport {

	@Autowired
	private TenantService tenantService;

	@Autowired
	private TokenService tokenService;

	/**
	 * A tenants file naming these tenants (without backends: the stub connectors provide
	 * them).
	 */
	static String tenantsFile(String... ids) {
		try {
			Path file = Files.createTempFile("smartermcp-ops-tenants", ".yaml");
			StringBuilder yaml = new StringBuilder("tenants:\n");
			for (String id : ids) {
				yaml.append("  ").append(id).append(": {}\n");
			}
			Files.writeString(file, yaml);
			file.toFile().deleteOnExit();
			return file.toString();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	IssuedToken issue(String tenant, String name) {
		return issue(tenant, name, ScopeSet.all());
	}

	IssuedToken issue(String tenant, String name, ScopeSet scopes) {
		return this.tenantService.ensureTenants(List.of(tenant))
			.then(this.tokenService.issue(tenant, name, scopes, null))
			.block(Duration.ofSeconds(30));
	}

	OpsServer.Answer call(String token, String tool, String arguments) {
		return callAsync(token, tool, arguments).join();
	}

	CompletableFuture<OpsServer.Answer> callAsync(String token, String tool, String arguments) {
		HttpRequest request = request("/tools/" + tool, token).timeout(Duration.ofSeconds(120))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(arguments))
			.build();
		return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(OpsServer.Answer::new);
	}

	OpsServer.Answer fetch(String pathAndQuery, String token) {
		return callAsyncGet(pathAndQuery, token).join();
	}

	private CompletableFuture<OpsServer.Answer> callAsyncGet(String pathAndQuery, String token) {
		return HTTP.sendAsync(request(pathAndQuery, token).GET().build(), HttpResponse.BodyHandlers.ofString())
			.thenApply(OpsServer.Answer::new);
	}

	/** The audit trail of one token of a tenant, newest first. */
	List<JsonNode> audit(String tenant, IssuedToken token) {
		OpsServer.Answer answer = fetch("/audit?tenant_id=" + tenant + "&token=" + token.tokenId(), ADMIN_TOKEN);
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		List<JsonNode> records = new ArrayList<>();
		answer.json().get("records").forEach(records::add);
		return records;
	}

	/** An audit record's outcome and confirmation, {@code outcome:confirmation}. */
	static String outcome(JsonNode record) {
		JsonNode confirmation = record.get("confirmation");
		return record.get("outcome").asString() + ":"
				+ ((confirmation == null || confirmation.isNull()) ? "null" : confirmation.asString());
	}

	McpTestClient mcp(String token) {
		return new McpTestClient(baseUrl(), token);
	}

}
