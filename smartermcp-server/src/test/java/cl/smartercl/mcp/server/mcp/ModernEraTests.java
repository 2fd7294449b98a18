package cl.smartercl.mcp.server.mcp;

import java.util.Map;

import io.modelcontextprotocol.modern.JsonRpc;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;

import cl.smartercl.mcp.core.schema.ToolJson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Which era a POST is, the header rules of 2026-07-28, the argument digest and the state
 * key check.
 */
class ModernEraTests {

	private static JsonNode json(String text) {
		return ToolJson.mapper().readTree(text);
	}

	private static HttpHeaders headers(String... pairs) {
		HttpHeaders headers = new HttpHeaders();
		for (int i = 0; i < pairs.length; i += 2) {
			headers.add(pairs[i], pairs[i + 1]);
		}
		return headers;
	}

	@Test
	void anyOneMarkerMakesARequestModern() {
		JsonNode list = json("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{}}");
		assertThat(ModernEra.claims(headers("Mcp-Method", "tools/list"), list)).isTrue();
		assertThat(ModernEra.claims(headers("MCP-Protocol-Version", "2026-07-28"), list)).isTrue();
		assertThat(ModernEra.claims(headers(), json("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"server/discover\"}")))
			.isTrue();
		assertThat(ModernEra.claims(headers(),
				json("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\","
						+ "\"params\":{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2099-01-01\"}}}")))
			.as("an unknown modern version still goes to the server that can list the supported ones")
			.isTrue();
	}

	@Test
	void the2025RevisionsStayOnTheirTransport() {
		assertThat(ModernEra.claims(headers(), json("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
				+ "\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"x\",\"version\":\"1\"}}}")))
			.isFalse();
		assertThat(ModernEra.claims(headers("MCP-Protocol-Version", "2025-11-25", "Mcp-Session-Id", "abc"), json(
				"{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\",\"params\":{\"_meta\":{\"progressToken\":1}}}")))
			.isFalse();
		// mcp-remote 0.15.1 mirrors Mcp-Method onto 2025 traffic: initialize and session
		// requests stay
		assertThat(ModernEra.claims(headers("Mcp-Method", "initialize"), json("{\"jsonrpc\":\"2.0\",\"id\":1,"
				+ "\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{}}}")))
			.isFalse();
		assertThat(ModernEra.claims(headers("Mcp-Method", "tools/list", "Mcp-Session-Id", "abc"),
				json("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}")))
			.isFalse();
		assertThat(ModernEra.claims(headers("Mcp-Method", "notifications/initialized"),
				json("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")))
			.isFalse();
		assertThat(ModernEra.claims(headers(), null)).isFalse();
		assertThat(ModernEra.claims(headers(), json("[1,2]"))).isFalse();
	}

	@Test
	void headersMustMatchTheBodyAndSayWhichDoesNot() {
		String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"docs_apis\","
				+ "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\"}}}";
		JsonNode tree = json(body);
		JsonRpc.JSONRPCRequest rpc = new JsonRpc.JSONRPCRequest("tools/call", 1, Map.of("name", "docs_apis"));
		assertThat(ModernHttpTransport.headerMismatch(
				headers("Mcp-Method", "tools/call", "MCP-Protocol-Version", "2026-07-28", "Mcp-Name", "docs_apis"), rpc,
				tree))
			.isNull();
		assertThat(ModernHttpTransport.headerMismatch(headers(), rpc, tree))
			.contains("Missing required header: Mcp-Method");
		assertThat(ModernHttpTransport.headerMismatch(headers("Mcp-Method", "tools/list"), rpc, tree))
			.contains("does not match");
		assertThat(ModernHttpTransport.headerMismatch(headers("Mcp-Method", "tools/call"), rpc, tree))
			.contains("MCP-Protocol-Version");
		assertThat(ModernHttpTransport
			.headerMismatch(headers("Mcp-Method", "tools/call", "MCP-Protocol-Version", "2026-07-28"), rpc, tree))
			.contains("Missing required header: Mcp-Name");
		assertThat(ModernHttpTransport.headerMismatch(headers("Mcp-Method", "tools/call", "MCP-Protocol-Version",
				"2026-07-28", "Mcp-Name", "=?base64?ZG9jc19hcGlz?="), rpc, tree))
			.as("the Base64 form of the name")
			.isNull();
		assertThat(ModernHttpTransport.headerMismatch(
				headers("Mcp-Method", "tools/call", "MCP-Protocol-Version", "2026-07-28", "Mcp-Name", "docs_services"),
				rpc, tree))
			.contains("Mcp-Name header does not match");
	}

	@Test
	void theArgumentDigestIgnoresMemberOrderButNotValues() {
		String a = ModernTools.digest(json("{\"a\":1,\"b\":{\"x\":[1,2],\"y\":\"z\"}}"));
		String b = ModernTools.digest(json("{\"b\":{\"y\":\"z\",\"x\":[1,2]},\"a\":1}"));
		String c = ModernTools.digest(json("{\"a\":1,\"b\":{\"x\":[2,1],\"y\":\"z\"}}"));
		assertThat(a).isEqualTo(b).isNotEqualTo(c).hasSize(64);
	}

	@Test
	void aConfiguredStateKeyMustBeBase64OfAtLeast32Bytes() {
		assertThat(ModernMcpConfiguration.requestStateKey("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=")).hasSize(32);
		assertThatIllegalStateException().isThrownBy(() -> ModernMcpConfiguration.requestStateKey("c2hvcnQ="))
			.withMessageContaining("at least 32 bytes");
		assertThatIllegalStateException().isThrownBy(() -> ModernMcpConfiguration.requestStateKey("not base64 !"))
			.withMessageContaining("must be Base64");
	}

}
