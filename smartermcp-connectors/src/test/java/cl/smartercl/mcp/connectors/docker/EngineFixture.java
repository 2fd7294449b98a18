package cl.smartercl.mcp.connectors.docker;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.netty.buffer.Unpooled;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.handler.codec.http.HttpMethod;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import cl.smartercl.mcp.testsupport.DockerPeer;

/**
 * Test setup straight on the Engine API, independent of the code under test: creates,
 * starts, tags and removes what the integration tests need, every container with network
 * {@code none}, every name carrying this fixture's own prefix so that cleanup finds
 * exactly its own.
 */
final class EngineFixture implements AutoCloseable {

	final String prefix = "smcp-it-" + UUID.randomUUID().toString().substring(0, 8);

	final String image;

	private final HttpClient http;

	private final JsonMapper json = JsonMapper.builder().build();

	EngineFixture(DockerPeer peer) {
		this.image = peer.image();
		this.http = HttpClient.create()
			.remoteAddress(() -> new DomainSocketAddress(peer.socket()))
			.headers((h) -> h.set("Host", "fixture"))
			.responseTimeout(Duration.ofSeconds(60));
	}

	/**
	 * Creates (and, unless {@code start} is false, starts) a container; returns its full
	 * id.
	 */
	String container(String name, List<String> cmd, Map<String, String> labels, boolean start) {
		return container(name, this.image, cmd, labels, start);
	}

	String container(String name, String image, List<String> cmd, Map<String, String> labels, boolean start) {
		Map<String, Object> body = Map.of("Image", image, "Cmd", cmd, "Labels", labels, "HostConfig",
				Map.of("NetworkMode", "none"));
		JsonNode created = call(HttpMethod.POST, "/containers/create?name=" + name, this.json.writeValueAsString(body));
		String id = created.path("Id").asString();
		if (start) {
			call(HttpMethod.POST, "/containers/" + id + "/start", null);
		}
		return id;
	}

	JsonNode inspect(String ref) {
		return call(HttpMethod.GET, "/containers/" + ref + "/json", null);
	}

	void tag(String source, String repository, String tag) {
		call(HttpMethod.POST, "/images/" + source + "/tag?repo=" + repository + "&tag=" + tag, null);
	}

	/**
	 * A new image from a container, with a Dockerfile instruction such as
	 * {@code ENTRYPOINT ["false"]}.
	 */
	void commit(String container, String repository, String tag, String change) {
		call(HttpMethod.POST, "/commit?container=" + container + "&repo=" + repository + "&tag=" + tag + "&changes="
				+ DockerApi.query(change), "{}");
	}

	void removeImage(String reference) {
		try {
			call(HttpMethod.DELETE, "/images/" + reference + "?force=true", null);
		}
		catch (IllegalStateException ex) {
			// already gone
		}
	}

	void stop(String ref) {
		call(HttpMethod.POST, "/containers/" + ref + "/stop?t=1", null);
	}

	/** Removes every container whose name carries this fixture's prefix. */
	void removeOwnContainers() {
		JsonNode all = call(HttpMethod.GET, "/containers/json?all=true", null);
		for (JsonNode c : all.values()) {
			String name = DockerMapper.name(c);
			if (name.contains(this.prefix)) {
				call(HttpMethod.DELETE, "/containers/" + c.path("Id").asString() + "?force=true&t=1", null);
			}
		}
	}

	int ownContainerCount() {
		JsonNode all = call(HttpMethod.GET, "/containers/json?all=true", null);
		int n = 0;
		for (JsonNode c : all.values()) {
			if (DockerMapper.name(c).contains(this.prefix)) {
				n++;
			}
		}
		return n;
	}

	JsonNode call(HttpMethod method, String path, String body) {
		HttpClient client = (body == null) ? this.http
				: this.http.headers((h) -> h.set("Content-Type", "application/json"));
		HttpClient.RequestSender sender = client.request(method).uri("/v1.44" + path);
		return ((body != null) ? sender.send(Mono.just(Unpooled.wrappedBuffer(body.getBytes(StandardCharsets.UTF_8))))
				: sender)
			.responseSingle((res, content) -> content.asString().defaultIfEmpty("").map((text) -> {
				if (res.status().code() >= 400) {
					throw new IllegalStateException(method + " " + path + " -> " + res.status().code() + " " + text);
				}
				return text.isBlank() ? this.json.createObjectNode() : this.json.readTree(text);
			}))
			.block(Duration.ofSeconds(90));
	}

	@Override
	public void close() {
		removeOwnContainers();
	}

}
