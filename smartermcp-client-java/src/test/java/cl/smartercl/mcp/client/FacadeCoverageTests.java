package cl.smartercl.mcp.client;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the hand-written facade against the committed OpenAPI document: every tool of
 * the document is reached by some async facade method (and so by its blocking twin), and
 * the facade's idea of which tools are writes — never retried — is the document's
 * {@code readOnlyHint}.
 */
class FacadeCoverageTests {

	private static final Path DOCUMENT = Path.of("../smartermcp-openapi/src/main/resources/openapi/smartermcp.yaml");

	@Test
	void writeToolsAreTheDocumentsNonReadOnlyTools() throws IOException {
		Set<String> writes = new TreeSet<>();
		toolOperations().forEach((tool, operation) -> {
			if (!operation.path("x-smartermcp-annotations").path("readOnlyHint").asBoolean(true)) {
				writes.add(tool);
			}
		});
		assertThat(writes).isNotEmpty().isEqualTo(new TreeSet<>(Calls.WRITE_TOOLS));
	}

	@Test
	void everyToolOfTheDocumentIsReachableThroughTheFacade() throws Exception {
		Set<String> expected = new TreeSet<>();
		toolOperations().keySet().forEach((tool) -> expected.add("/tools/" + tool));
		assertThat(expected).hasSize(35);

		Set<String> reached = new ConcurrentSkipListSet<>();
		try (MockWebServer server = new MockWebServer()) {
			server.setDispatcher(new Dispatcher() {
				@Override
				public MockResponse dispatch(RecordedRequest request) {
					reached.add(request.getTarget());
					return new MockResponse.Builder().code(200)
						.addHeader("Content-Type", "application/json")
						.body("{}")
						.build();
				}
			});
			server.start();
			SmarterMCP client = SmarterMCP.builder()
				.apiToken(MockServer.TOKEN)
				.baseUrl(server.url("/").toString())
				.build();
			for (Object facade : List.of(client.services(), client.workflows(), client.analytics(), client.crm(),
					client.crm().contacts(), client.support(), client.bots(), client.infrastructure(),
					client.documentation(), client.codegen())) {
				callEveryAsyncMethod(facade);
			}
		}
		assertThat(new TreeSet<>(reached)).containsAll(expected);
	}

	private static void callEveryAsyncMethod(Object facade) throws Exception {
		for (Method method : facade.getClass().getDeclaredMethods()) {
			if (!Modifier.isPublic(method.getModifiers()) || method.getReturnType() != CompletableFuture.class) {
				continue;
			}
			Object[] arguments = new Object[method.getParameterCount()];
			for (int i = 0; i < arguments.length; i++) {
				arguments[i] = sample(method.getParameterTypes()[i]);
			}
			((CompletableFuture<?>) method.invoke(facade, arguments)).join();
		}
	}

	private static Object sample(Class<?> type) throws ReflectiveOperationException {
		if (type == String.class) {
			return "x";
		}
		if (type == List.class) {
			return List.of();
		}
		if (type == Map.class) {
			return Map.of();
		}
		if (type.isEnum()) {
			return type.getEnumConstants()[0];
		}
		// a generated input model: an empty one is enough to reach the path
		return type.getConstructor().newInstance();
	}

	private static Map<String, JsonNode> toolOperations() throws IOException {
		JsonNode document = new ObjectMapper(new YAMLFactory()).readTree(DOCUMENT.toFile());
		Map<String, JsonNode> tools = new TreeMap<>();
		for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext();) {
			Map.Entry<String, JsonNode> path = paths.next();
			JsonNode post = path.getValue().path("post");
			if (post.has("x-smartermcp-tool")) {
				tools.put(post.path("x-smartermcp-tool").asText(), post);
			}
		}
		return tools;
	}

}
