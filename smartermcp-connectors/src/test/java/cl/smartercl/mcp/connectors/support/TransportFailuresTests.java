package cl.smartercl.mcp.connectors.support;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import cl.smartercl.mcp.connectors.support.FaultyHttpDouble.Fault;
import cl.smartercl.mcp.core.error.BackendException;
import cl.smartercl.mcp.core.error.ServiceUnavailableException;
import cl.smartercl.mcp.core.error.ToolException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real Reactor Netty client against a backend failing each way; each failure worded
 * by the one classifier.
 */
class TransportFailuresTests {

	private static final Duration TIMEOUT = Duration.ofMillis(700);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static FaultyHttpDouble backend;

	@BeforeAll
	static void start() throws IOException {
		backend = new FaultyHttpDouble();
	}

	@AfterAll
	static void stop() throws IOException {
		backend.close();
	}

	private static BackendHttpClient client(URI url) {
		return BackendHttpClient.builder(BackendAddress.of("n8n", "n8n", url), "test")
			.connectTimeout(Duration.ofSeconds(2))
			.build();
	}

	/** One GET through the client, its body parsed as JSON, failures classified. */
	private static ToolException failure(URI url) {
		return failure(url, Duration.ofSeconds(20));
	}

	private static ToolException failure(URI url, Duration timeout) {
		try (BackendHttpClient client = client(url)) {
			Throwable thrown = client.web()
				.get()
				.uri(url)
				.exchangeToMono((response) -> response.bodyToMono(String.class).defaultIfEmpty("").map((body) -> {
					try {
						return JSON.readTree(body);
					}
					catch (JacksonException ex) {
						throw TransportFailures.notJson(client.address(), "list workflows",
								response.statusCode().value(), ex);
					}
				}))
				.timeout(timeout)
				.onErrorMap((ex) -> client.failure(ex, timeout))
				.then(Mono.<Throwable>empty())
				.onErrorResume(Mono::just)
				.block(Duration.ofSeconds(30));
			assertThat(thrown).as("the call failed").isInstanceOf(ToolException.class);
			return (ToolException) thrown;
		}
	}

	private static ToolException failure(Fault fault) {
		backend.fault(fault);
		try {
			return failure(URI.create("http://127.0.0.1:" + backend.port() + "/api/v1/workflows"));
		}
		finally {
			backend.fault(Fault.OK);
		}
	}

	@Test
	void aRefusedConnectionCannotConnect() throws IOException {
		int port = FaultyHttpDouble.closedPort();
		ToolException ex = failure(URI.create("http://127.0.0.1:" + port + "/"));
		assertThat(ex).isInstanceOf(ServiceUnavailableException.class)
			.hasMessage("Service 'n8n' is currently unavailable: cannot connect to n8n at 127.0.0.1:" + port
					+ " (connection refused)");
	}

	@Test
	void aMissingUnixSocketCannotConnect() {
		String path = "/tmp/smartermcp-no-such-" + System.nanoTime() + ".sock";
		try (BackendHttpClient client = BackendHttpClient
			.builder(new BackendAddress("docker", "the Docker engine", path), "test")
			.customize((http) -> http.remoteAddress(() -> new io.netty.channel.unix.DomainSocketAddress(path)))
			.build()) {
			Throwable thrown = client.http()
				.get()
				.uri("/_ping")
				.responseContent()
				.aggregate()
				.asString()
				.then(Mono.<Throwable>empty())
				.onErrorResume(Mono::just)
				.block(Duration.ofSeconds(30));
			assertThat(client.failure(thrown, TIMEOUT)).isInstanceOf(ServiceUnavailableException.class)
				.hasMessage("Service 'docker' is currently unavailable: cannot connect to the Docker engine at " + path
						+ " (no such socket)");
		}
	}

	@Test
	void anUnknownHostCannotConnect() {
		// as WebClient raises it; name resolution on the build machine may be slower than
		// any short time-out
		Throwable raised = new org.springframework.web.reactive.function.client.WebClientRequestException(
				new java.net.UnknownHostException("no-such-host.invalid: Name or service not known"),
				org.springframework.http.HttpMethod.GET, URI.create("http://no-such-host.invalid:5678/"),
				new org.springframework.http.HttpHeaders());
		ToolException ex = TransportFailures.classify(raised,
				BackendAddress.of("n8n", "n8n", URI.create("http://no-such-host.invalid:5678/")), TIMEOUT, 1);
		assertThat(ex).isInstanceOf(ServiceUnavailableException.class)
			.hasMessage("Service 'n8n' is currently unavailable: cannot connect to n8n at no-such-host.invalid:5678"
					+ " (the host name does not resolve)");
	}

	@Test
	void garbageIsNotHttp() {
		ToolException ex = failure(Fault.GARBAGE);
		assertThat(ex).isInstanceOf(BackendException.class)
			.hasMessage("Service 'n8n' reported an error: n8n at 127.0.0.1:" + backend.port()
					+ " answered something that is not HTTP");
	}

	@Test
	void silenceIsNoAnswerWithinTheTimeGiven() {
		backend.fault(Fault.HANG);
		ToolException ex = failure(URI.create("http://127.0.0.1:" + backend.port() + "/api/v1/workflows"), TIMEOUT);
		backend.fault(Fault.OK);
		assertThat(ex).isInstanceOf(ServiceUnavailableException.class)
			.hasMessage("Service 'n8n' is currently unavailable: no answer within 700 ms from n8n at 127.0.0.1:"
					+ backend.port());
	}

	@Test
	void aConnectionClosedMidAnswerIsAnIncompleteAnswer() {
		assertThat(failure(Fault.CLOSE_MID_ANSWER)).isInstanceOf(ServiceUnavailableException.class)
			.hasMessage("Service 'n8n' is currently unavailable: incomplete answer: n8n at 127.0.0.1:" + backend.port()
					+ " closed the connection mid-answer");
		assertThat(failure(Fault.CLOSE_BEFORE_ANSWER)).isInstanceOf(ServiceUnavailableException.class)
			.hasMessage("Service 'n8n' is currently unavailable: incomplete answer: n8n at 127.0.0.1:" + backend.port()
					+ " closed the connection before answering");
	}

	@Test
	void jsonCutShortIsIncompleteAndHtmlIsNotJson() {
		assertThat(failure(Fault.JSON_CUT_SHORT)).isInstanceOf(BackendException.class)
			.hasMessage(
					"Service 'n8n' reported an error: could not list workflows: incomplete answer: the JSON of n8n at 127.0.0.1:"
							+ backend.port() + " ends early (HTTP 200)");
		assertThat(failure(Fault.NOT_JSON)).isInstanceOf(BackendException.class)
			.hasMessage("Service 'n8n' reported an error: could not list workflows: n8n at 127.0.0.1:" + backend.port()
					+ " answered something that is not valid JSON (HTTP 200)");
	}

	@Test
	void anUntrustedCertificateAndAPlainBackendAreTlsFailures() throws IOException {
		HeldCertificate certificate = new HeldCertificate.Builder().addSubjectAlternativeName("127.0.0.1").build();
		HandshakeCertificates server = new HandshakeCertificates.Builder().heldCertificate(certificate).build();
		try (MockWebServer tls = new MockWebServer()) {
			tls.useHttps(server.sslSocketFactory());
			tls.enqueue(new MockResponse.Builder().body("{}").build());
			tls.start();
			ToolException ex = failure(URI.create("https://127.0.0.1:" + tls.getPort() + "/"));
			assertThat(ex).isInstanceOf(ServiceUnavailableException.class)
				.hasMessage("Service 'n8n' is currently unavailable: cannot connect securely to n8n at 127.0.0.1:"
						+ tls.getPort()
						+ ": its certificate is not trusted or does not name this host (check the configured CA)");
		}
		ToolException plain = failure(URI.create("https://127.0.0.1:" + backend.port() + "/"));
		assertThat(plain).isInstanceOf(ServiceUnavailableException.class)
			.hasMessageStartingWith(
					"Service 'n8n' is currently unavailable: cannot connect securely to n8n at 127.0.0.1:"
							+ backend.port() + ": ");
	}

	@Test
	void aToolExceptionPassesAsItIs() {
		ToolException given = new BackendException("n8n", "x");
		assertThat(TransportFailures.classify(given, new BackendAddress("n8n", "n8n", "h:1"), TIMEOUT, 1))
			.isSameAs(given);
	}

}
