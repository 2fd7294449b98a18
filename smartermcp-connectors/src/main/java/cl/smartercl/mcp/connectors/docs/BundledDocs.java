package cl.smartercl.mcp.connectors.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The documentation shipped in this jar: {@code docs/<kind>.md} (what a backend is, what
 * SmarterMCP does with it, how to configure it) and {@code apis/<kind>.yaml} (an OpenAPI
 * summary of the endpoints our connectors call, for backends that publish no description
 * of their own).
 */
final class BundledDocs {

	private final Map<String, String> cache = new ConcurrentHashMap<>();

	private final Map<BackendKind, String> descriptions = new ConcurrentHashMap<>();

	String markdown(BackendKind kind) {
		return read("docs/" + kind.id() + ".md");
	}

	String apiSummary(BackendKind kind) {
		return read("apis/" + kind.id() + ".yaml");
	}

	/**
	 * The first paragraph after the title (worked out once per kind: the bundled text
	 * does not change).
	 */
	String description(BackendKind kind) {
		return this.descriptions.computeIfAbsent(kind, this::firstParagraph);
	}

	private String firstParagraph(BackendKind kind) {
		String body = markdown(kind).replaceFirst("(?s)^#[^\n]*\n+", "");
		int end = body.indexOf("\n\n");
		return ((end < 0) ? body : body.substring(0, end)).replace('\n', ' ').strip();
	}

	private String read(String resource) {
		return this.cache.computeIfAbsent(resource, (name) -> {
			try (InputStream in = BundledDocs.class.getClassLoader().getResourceAsStream(name)) {
				if (in == null) {
					throw new IllegalStateException("bundled documentation " + name + " is missing from the build");
				}
				return new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

}
