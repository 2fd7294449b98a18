package cl.smartercl.mcp.connectors.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The arrows point one way, server → connectors → core (DESIGN.md). Core knows no web
 * framework, no MCP SDK and no module above it; a connector knows nothing of MCP, REST or
 * tokens. The enforcer's bannedDependencies keep such jars off each module's class path;
 * this test keeps the code honest too, imports and fully qualified names alike (comments
 * may name anything). It lives here, the lowest module that sees both source trees.
 */
class ModuleBoundariesTests {

	private static final Path CORE = Path.of("../smartermcp-core/src/main/java");

	private static final Path CONNECTORS = Path.of("src/main/java");

	@Test
	void coreNamesNoFrameworkAndNoModuleAboveIt() {
		assertThat(CORE.resolve("cl/smartercl/mcp/core")).isDirectory();
		assertThat(references(CORE, List.of("org.springframework.", "io.modelcontextprotocol.", "reactor.netty.",
				"cl.smartercl.mcp.connectors.", "cl.smartercl.mcp.server.")))
			.isEmpty();
	}

	@Test
	void connectorsNameNoMcpAndNoServerClass() {
		assertThat(CONNECTORS.resolve("cl/smartercl/mcp/connectors")).isDirectory();
		assertThat(references(CONNECTORS,
				List.of("io.modelcontextprotocol.", "org.springframework.ai.", "cl.smartercl.mcp.server.")))
			.isEmpty();
	}

	@Test
	void theScanFindsImportsAndQualifiedNamesButNotComments() throws IOException {
		Path dir = Files.createTempDirectory("boundaries");
		Files.writeString(dir.resolve("A.java"), """
				package x;

				import io.modelcontextprotocol.spec.McpSchema;
				// a comment may name cl.smartercl.mcp.server.Thing freely
				class A {
					Object server = new cl.smartercl.mcp.server.Thing();
					Object fine = new my.cl.smartercl.mcp.server.Other();
				}
				""");
		assertThat(references(dir, List.of("io.modelcontextprotocol.", "cl.smartercl.mcp.server.")))
			.containsExactly("A.java:3 io.modelcontextprotocol.", "A.java:6 cl.smartercl.mcp.server.");
	}

	/**
	 * {@code file:line package} for every line of code under {@code root} that names one
	 * of the packages.
	 */
	private static List<String> references(Path root, List<String> packages) {
		Pattern pattern = Pattern
			.compile("(?<![\\w.])(" + String.join("|", packages.stream().map(Pattern::quote).toList()) + ")");
		List<String> found = new ArrayList<>();
		try (Stream<Path> files = Files.walk(root)) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".java")).sorted().toList()) {
				List<String> lines = Files.readAllLines(file);
				for (int i = 0; i < lines.size(); i++) {
					String line = lines.get(i).strip();
					if (line.startsWith("//") || line.startsWith("*") || line.startsWith("/*")) {
						continue;
					}
					Matcher matcher = pattern.matcher(line);
					if (matcher.find()) {
						found.add(root.relativize(file) + ":" + (i + 1) + " " + matcher.group(1));
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return found;
	}

}
