package cl.smartercl.mcp.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Realistic responses of remote services captured as test fixtures, read from the test
 * class path under {@code fixtures/<backend>/<operation>-<case>.json}. A missing fixture
 * fails loudly, naming the path.
 */
public final class TestFixtures {

	private TestFixtures() {
	}

	/** The fixture {@code fixtures/<path>} as UTF-8 text. */
	public static String read(String path) {
		return resource("fixtures/" + path);
	}

	/** Any class-path resource ({@code name} without a leading slash) as UTF-8 text. */
	public static String resource(String name) {
		return new String(bytes(name), StandardCharsets.UTF_8);
	}

	/** Any class-path resource ({@code name} without a leading slash) as bytes. */
	public static byte[] bytes(String name) {
		ClassLoader loader = Thread.currentThread().getContextClassLoader();
		try (InputStream in = (loader != null ? loader : TestFixtures.class.getClassLoader())
			.getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalStateException("no test resource " + name + " on the class path");
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
