package cl.smartercl.mcp.connectors.docker;

import java.nio.charset.StandardCharsets;

import mockwebserver3.MockResponse;

import cl.smartercl.mcp.testsupport.TestFixtures;

/** Captured and hand-shaped Engine API answers under {@code fixtures/docker/}. */
final class Fixtures {

	private Fixtures() {
	}

	static String read(String name) {
		return TestFixtures.read(name);
	}

	static MockResponse json(int code, String fixture) {
		return new MockResponse.Builder().code(code)
			.setHeader("Content-Type", "application/json")
			.setHeader("Api-Version", "1.52")
			.body(read("docker/" + fixture))
			.build();
	}

	static MockResponse status(int code) {
		return new MockResponse.Builder().code(code).build();
	}

	/**
	 * One frame of a multiplexed log stream: [stream, 0, 0, 0, size big-endian] then the
	 * payload.
	 */
	static byte[] frame(int stream, String payload) {
		byte[] body = payload.getBytes(StandardCharsets.UTF_8);
		byte[] out = new byte[8 + body.length];
		out[0] = (byte) stream;
		out[4] = (byte) (body.length >>> 24);
		out[5] = (byte) (body.length >>> 16);
		out[6] = (byte) (body.length >>> 8);
		out[7] = (byte) body.length;
		System.arraycopy(body, 0, out, 8, body.length);
		return out;
	}

}
