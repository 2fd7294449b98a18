package cl.smartercl.mcp.connectors.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cl.smartercl.mcp.connectors.config.BackendsConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DockerTransportTests {

	@TempDir
	Path dir;

	@Test
	void tcpWithTlsFilesPresentsTheClientCertificateAndTrustsOnlyTheGivenCa() throws Exception {
		HeldCertificate ca = new HeldCertificate.Builder().commonName("docker-ca").certificateAuthority(0).build();
		HeldCertificate engine = new HeldCertificate.Builder().commonName("engine")
			.addSubjectAlternativeName("127.0.0.1")
			.addSubjectAlternativeName("localhost")
			.signedBy(ca)
			.build();
		HeldCertificate client = new HeldCertificate.Builder().commonName("smartermcp").signedBy(ca).rsa2048().build();
		HandshakeCertificates serverSide = new HandshakeCertificates.Builder().heldCertificate(engine)
			.addTrustedCertificate(ca.certificate())
			.build();
		Path caFile = write("ca.pem", ca.certificatePem());
		Path certFile = write("cert.pem", client.certificatePem());
		// as `openssl genrsa` and Docker's TLS guide write it: PKCS#1, read through
		// BouncyCastle
		Path keyFile = write("key.pem", client.privateKeyPkcs1Pem());
		assertThat(Files.readString(keyFile)).startsWith("-----BEGIN RSA PRIVATE KEY-----");
		try (MockWebServer server = new MockWebServer()) {
			server.useHttps(serverSide.sslSocketFactory());
			server.requireClientAuth();
			server.enqueue(new MockResponse.Builder().code(200).body("OK").build());
			server.start();
			BackendsConfig.Docker config = new BackendsConfig.Docker("tcp://127.0.0.1:" + server.getPort(),
					caFile.toString(), certFile.toString(), keyFile.toString());
			try (DockerApi api = new DockerApi(DockerTransport.create(config, "tls"), DockerSettings.DEFAULTS, "tls")) {
				assertThat(api.local()).isFalse();
				assertThat(api.ping().block(Duration.ofSeconds(10))).isEqualTo("OK");
			}
			RecordedRequest request = server.takeRequest();
			assertThat(request.getTarget()).isEqualTo("/v1.44/_ping");
			X509Certificate presented = (X509Certificate) request.getHandshake().peerCertificates().get(0);
			assertThat(presented.getSubjectX500Principal().getName()).isEqualTo("CN=smartermcp");
		}
	}

	@Test
	void aHostThatIsNeitherUnixNorTcpIsAConfigurationError() {
		assertThatThrownBy(
				() -> DockerTransport.create(new BackendsConfig.Docker("ssh://root@host", null, null, null), "x"))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("unix:///path/to/docker.sock or tcp://host:port");
		assertThatThrownBy(() -> DockerTransport.create(new BackendsConfig.Docker("unix://", null, null, null), "x"))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("names no socket path");
	}

	@Test
	void tlsFilesThatCannotBeReadAreAConfigurationError() {
		assertThatThrownBy(() -> DockerTransport.create(new BackendsConfig.Docker("tcp://127.0.0.1:2376",
				this.dir.resolve("missing-ca.pem").toString(), null, null), "x"))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageStartingWith("docker TLS files cannot be used");
	}

	@Test
	void theDefaultIsTheLocalSocket() {
		try (DockerTransport transport = DockerTransport.create(new BackendsConfig.Docker(null, null, null, null),
				"x")) {
			assertThat(transport.local()).isTrue();
		}
	}

	private Path write(String name, String content) throws IOException {
		return Files.writeString(this.dir.resolve(name), content);
	}

}
