package cl.smartercl.mcp.connectors.docker;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SynchronousSink;
import reactor.netty.http.client.HttpClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import cl.smartercl.mcp.connectors.support.TransportFailures;
import cl.smartercl.mcp.core.error.BackendException;
import cl.smartercl.mcp.core.error.ServiceUnavailableException;
import cl.smartercl.mcp.core.error.ToolException;

/**
 * Every wire detail of the Docker Engine API: paths, verbs, query encoding, stream
 * formats and error bodies. Callers get {@link Engine} records (built by
 * {@link DockerMapper}), decoded lines, and typed failures: {@link NotFound} for a 404
 * (the caller knows what was looked for), {@link BackendException} with a sanitised
 * message for other engine errors, {@link ServiceUnavailableException} when the engine
 * cannot be reached.
 * <p>
 * Writes are never retried here or anywhere: a restart or a create sent twice is not the
 * same as once.
 */
final class DockerApi implements AutoCloseable {

	/**
	 * Every path is version-pinned (an unversioned path means "the daemon's newest",
	 * which changes under us). 1.44 is the lowest version every Docker Engine 25 to 29
	 * accepts — 29.0 to 29.6 refuse anything older (backend-notes/docker.md §1, §5.1) —
	 * and podman's compat API serves it too (it answers any prefix as its own 1.41).
	 * Nothing here needs a newer one: the summary's Health field (1.52) is read from the
	 * Status text instead.
	 */
	static final String VERSION = "/v1.44";

	static final String SERVICE = "docker";

	/**
	 * Container ids and names as the engine allows them; anything else must never reach a
	 * path.
	 */
	static final Pattern CONTAINER_REF = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,254}");

	private final DockerTransport transport;

	private final HttpClient http;

	private final DockerSettings settings;

	private final JsonMapper json = JsonMapper.builder().build();

	DockerApi(DockerTransport transport, DockerSettings settings, String name) {
		this.transport = transport;
		this.http = transport.client();
		this.settings = settings;
		// no breaker or retry of its own: the server's one resilience layer wraps every
		// call (issue 15 #6)
	}

	DockerSettings settings() {
		return this.settings;
	}

	boolean local() {
		return this.transport.local();
	}

	JsonMapper json() {
		return this.json;
	}

	// ---- system

	Mono<String> ping() {
		return exchange("ping", HttpMethod.GET, "/_ping", null, this.settings.requestTimeout())
			.map((bytes) -> new String(bytes, StandardCharsets.UTF_8).trim());
	}

	Mono<DockerEngineVersion> version() {
		return getJson("read version", "/version").map(DockerMapper::engineVersion);
	}

	/**
	 * {@code GET /version} unversioned, on purpose: it is how a client learns which API
	 * versions an engine accepts, even one that would refuse {@link #VERSION}.
	 */
	Mono<DockerEngineVersion> engineVersion() {
		return exchange("read version", HttpMethod.GET, "/version", null, this.settings.requestTimeout(), false)
			.map(this::parse)
			.map(DockerMapper::engineVersion);
	}

	Mono<Engine.Info> info() {
		return getJson("read system info", "/info").map(DockerMapper::info);
	}

	/** Bytes of image layers, container layers and volumes. */
	Mono<Long> diskUsage() {
		return getJson("read disk usage", "/system/df").map(DockerMapper::diskUsed);
	}

	// ---- containers

	/**
	 * {@code filters} is a JSON map of lists inside one query parameter; values of one
	 * key are OR-ed, keys AND-ed (backend-notes/docker.md §2).
	 */
	Mono<List<Engine.ContainerSummary>> listContainers(boolean all, Map<String, List<String>> filters) {
		StringBuilder path = new StringBuilder("/containers/json?all=").append(all);
		if (filters != null && !filters.isEmpty()) {
			path.append("&filters=").append(query(this.json.writeValueAsString(filters)));
		}
		return getJson("list containers", path.toString()).map(DockerMapper::summaries);
	}

	Mono<Engine.ContainerDetails> inspectContainer(String ref) {
		return getJson("inspect container", "/containers/" + segment(ref) + "/json").map(DockerMapper::details);
	}

	/**
	 * The engine waits up to the stop timeout for the container to exit, so the answer
	 * may take that long.
	 */
	Mono<Void> restartContainer(String ref) {
		return exchange("restart container", HttpMethod.POST,
				"/containers/" + segment(ref) + "/restart?t=" + this.settings.stopTimeout().toSeconds(), null,
				this.settings.requestTimeout().plus(this.settings.stopTimeout()))
			.then();
	}

	/** 204 started, 304 already running: both fine. */
	Mono<Void> startContainer(String ref) {
		return exchange("start container", HttpMethod.POST, "/containers/" + segment(ref) + "/start", null,
				this.settings.requestTimeout())
			.then();
	}

	/** 204 stopped, 304 already stopped: both fine. */
	Mono<Void> stopContainer(String ref) {
		return exchange("stop container", HttpMethod.POST,
				"/containers/" + segment(ref) + "/stop?t=" + this.settings.stopTimeout().toSeconds(), null,
				this.settings.requestTimeout().plus(this.settings.stopTimeout()))
			.then();
	}

	Mono<Void> renameContainer(String ref, String newName) {
		return exchange("rename container", HttpMethod.POST,
				"/containers/" + segment(ref) + "/rename?name=" + query(newName), null, this.settings.requestTimeout())
			.then();
	}

	/**
	 * @return the new container's id
	 */
	Mono<String> createContainer(String name, ObjectNode body) {
		return exchange("create container", HttpMethod.POST, "/containers/create?name=" + query(name),
				this.json.writeValueAsBytes(body), this.settings.requestTimeout())
			.map(this::parse)
			.map(DockerMapper::createdId);
	}

	Mono<Void> removeContainer(String ref, boolean force) {
		return exchange("remove container", HttpMethod.DELETE, "/containers/" + segment(ref) + "?force=" + force, null,
				this.settings.requestTimeout())
			.then();
	}

	/**
	 * One stats reading. {@code stream=false} without {@code one-shot}: Docker then waits
	 * for a second cycle and fills {@code precpu_stats} (backend-notes/docker.md §5.4);
	 * podman leaves it empty, which is why the sampler computes CPU from its own
	 * consecutive readings.
	 */
	Mono<StatsReading> stats(String ref, String name) {
		return getJson("read container stats", "/containers/" + segment(ref) + "/stats?stream=false")
			.map((stats) -> DockerMapper.stats(name, stats));
	}

	/**
	 * The log lines of a container, timestamped. {@code stdout} and {@code stderr}
	 * default to false and must be asked for (backend-notes/docker.md §2). Podman labels
	 * a multiplexed body {@code application/octet-stream}, so the framing is decided by
	 * the container's TTY, not by the content type. With {@code follow} the response
	 * never ends by itself: the caller bounds it.
	 */
	Flux<StreamDecoder.RawLine> logs(String ref, int tail, boolean follow, boolean tty) {
		String path = "/containers/" + segment(ref) + "/logs?stdout=true&stderr=true&timestamps=true&tail=" + tail
				+ "&follow=" + follow;
		Duration idle = follow ? this.settings.followMaxDuration().plus(this.settings.requestTimeout())
				: this.settings.requestTimeout();
		return stream("read logs", HttpMethod.GET, path, !tty, idle);
	}

	// ---- images

	/** The image, or empty when the engine has no image of that reference. */
	Mono<Engine.Image> inspectImage(String reference) {
		// image names hold slashes, which the engine's route {name:.*} takes as they are
		return getJson("inspect image", "/images/" + imagePath(reference) + "/json").map(DockerMapper::image)
			.onErrorResume(NotFound.class, (ex) -> Mono.empty());
	}

	/**
	 * Pulls {@code repository:tag}. The engine answers 200 at once and streams JSON
	 * progress lines; a failure mid-way is a line with {@code errorDetail}/{@code error}
	 * while the status stays 200 (backend-notes/docker.md §3). Both that and an HTTP
	 * error become {@link PullFailed}.
	 * @return the last status line, e.g. "Status: Downloaded newer image for ..."
	 */
	Mono<String> pull(String repository, String tag) {
		String path = "/images/create?fromImage=" + query(repository) + "&tag=" + query(tag);
		return stream("pull image", HttpMethod.POST, path, false, this.settings.requestTimeout())
			.filter((line) -> !line.text().isBlank())
			.map((line) -> parse(line.text().getBytes(StandardCharsets.UTF_8)))
			.map(DockerMapper::pullProgress)
			.handle((DockerMapper.PullProgress progress, SynchronousSink<String> sink) -> {
				if (progress.error() != null) {
					sink.error(new PullFailed(DockerMapper.sanitize(progress.error())));
					return;
				}
				sink.next(progress.status());
			})
			.last("")
			.timeout(this.settings.pullTimeout(),
					Mono.error(() -> new PullFailed(
							"the pull did not finish within " + this.settings.pullTimeout().toSeconds() + " s")))
			.onErrorMap(BackendException.class, (ex) -> new PullFailed(ex.getMessage()))
			.onErrorMap(NotFound.class, (ex) -> new PullFailed(ex.getMessage()));
	}

	// ---- plumbing

	private Mono<JsonNode> getJson(String operation, String path) {
		return exchange(operation, HttpMethod.GET, path, null, this.settings.requestTimeout()).map(this::parse);
	}

	private Mono<byte[]> exchange(String operation, HttpMethod method, String path, byte[] body, Duration timeout) {
		return exchange(operation, method, path, body, timeout, true);
	}

	private Mono<byte[]> exchange(String operation, HttpMethod method, String path, byte[] body, Duration timeout,
			boolean pinned) {
		HttpClient client = this.http.responseTimeout(timeout);
		if (body != null) {
			client = client.headers((h) -> h.set(HttpHeaderNames.CONTENT_TYPE, "application/json"));
		}
		HttpClient.RequestSender sender = client.request(method).uri(pinned ? VERSION + path : path);
		return ((body != null) ? sender.send(Mono.just(Unpooled.wrappedBuffer(body))) : sender)
			.responseSingle((response, content) -> content.asByteArray()
				.defaultIfEmpty(new byte[0])
				.map((bytes) -> checked(operation, response.status().code(), bytes)))
			.onErrorMap((ex) -> unreachable(ex, timeout));
	}

	private Flux<StreamDecoder.RawLine> stream(String operation, HttpMethod method, String path, boolean multiplexed,
			Duration idleTimeout) {
		return Flux.defer(() -> {
			StreamDecoder decoder = new StreamDecoder(multiplexed);
			return this.http.responseTimeout(idleTimeout)
				.request(method)
				.uri(VERSION + path)
				.response((response, content) -> {
					int status = response.status().code();
					if (status >= 300) {
						return content.aggregate()
							.asByteArray()
							.defaultIfEmpty(new byte[0])
							.flatMapMany((bytes) -> Flux.<StreamDecoder.RawLine>error(
									() -> failure(operation, status, bytes)));
					}
					return content.asByteArray()
						.concatMapIterable(decoder::feed)
						.concatWith(Flux.defer(() -> Flux.fromIterable(decoder.finish())));
				});
		}).onErrorMap((ex) -> unreachable(ex, idleTimeout));
	}

	private byte[] checked(String operation, int status, byte[] body) {
		if (status < 300 || status == 304) {
			return body;
		}
		throw failure(operation, status, body);
	}

	/**
	 * Error bodies are {@code {"message": "..."}}; only a sanitised message goes further.
	 */
	private RuntimeException failure(String operation, int status, byte[] body) {
		String message;
		try {
			message = this.json.readTree(body).path("message").asString("");
		}
		catch (JacksonException ex) {
			message = "";
		}
		message = DockerMapper.sanitize(message);
		if (status == 404) {
			return new NotFound(message);
		}
		return new BackendException(SERVICE,
				operation + " failed (HTTP " + status + ")" + (message.isEmpty() ? "" : ": " + message));
	}

	private JsonNode parse(byte[] bytes) {
		try {
			return this.json.readTree(bytes);
		}
		catch (JacksonException ex) {
			throw TransportFailures.notJson(this.transport.address(), "read the engine's answer", 200, ex);
		}
	}

	private Throwable unreachable(Throwable ex, Duration timeout) {
		if (ex instanceof ToolException || ex instanceof NotFound || ex instanceof PullFailed) {
			return ex;
		}
		return this.transport.failure(ex, timeout);
	}

	static String query(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private static String segment(String ref) {
		if (!CONTAINER_REF.matcher(ref).matches()) {
			// callers validate first; this guards the path against anything that slipped
			// through
			throw new IllegalArgumentException("not a container id or name: " + ref);
		}
		return ref;
	}

	private static String imagePath(String reference) {
		return String.join("/",
				Arrays.stream(reference.split("/", -1))
					.map(DockerApi::query)
					.map((s) -> s.replace("%3A", ":").replace("%40", "@"))
					.toList());
	}

	@Override
	public void close() {
		this.transport.close();
	}

	/** The engine answered 404; the caller knows what it looked for. */
	static final class NotFound extends RuntimeException {

		NotFound(String message) {
			super(message, null, false, false);
		}

	}

	/**
	 * An image pull that failed, over HTTP or inside its 200 stream; the message is
	 * sanitised.
	 */
	static final class PullFailed extends RuntimeException {

		PullFailed(String message) {
			super(message, null, false, false);
		}

	}

}
