package cl.smartercl.mcp.connectors.codegen;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cl.smartercl.mcp.connectors.config.PeerTenants;
import cl.smartercl.mcp.connectors.docs.DocumentationService;
import cl.smartercl.mcp.core.tools.codegen.GenerateApiClient;
import cl.smartercl.mcp.core.tools.codegen.GenerateApiClient.Language;
import cl.smartercl.mcp.core.tools.common.GeneratedFile;
import cl.smartercl.mcp.testsupport.N8nPeer;
import cl.smartercl.mcp.testsupport.SharedPeers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code generate_api_client} over the live description of a real n8n (started from
 * {@code ../shared/peers}, stopped by PID): the TypeScript client compiles with
 * {@code tsc} (npm {@code typescript}, installed once into the peers cache, run on Node
 * 22) and the Java client with {@code javac} against the Jackson and Jakarta jars already
 * on this build's classpath.
 */
class ApiClientGeneratorIT {

	/**
	 * Pinned: TypeScript 7 is a native rewrite with platform binaries; 5.9 is plain
	 * JavaScript.
	 */
	static final String TYPESCRIPT = "5.9.3";

	private static final Duration WAIT = Duration.ofMinutes(3);

	private static N8nPeer n8n;

	private static ApiClientGenerator generator;

	@BeforeAll
	static void startN8n() {
		n8n = N8nPeer.start();
		generator = ApiClientGenerator
			.from(new DocumentationService(PeerTenants.n8n(n8n, "it"), (backend) -> Optional.empty(), Optional::empty));
	}

	@AfterAll
	static void stopN8n() {
		if (n8n != null) {
			n8n.close();
		}
	}

	@Test
	void aTypescriptClientOfTheLiveN8nApiCompilesWithTsc(@TempDir Path dir) throws IOException {
		GenerateApiClient.Output out = generator.generate(new GenerateApiClient.Input("n8n", Language.TYPESCRIPT))
			.block(WAIT);

		assertThat(out.truncated()).isFalse();
		assertThat(paths(out)).contains("package.json", "tsconfig.json", "src/runtime.ts", "src/apis/WorkflowApi.ts")
			.noneMatch((path) -> path.startsWith("docs/") || path.contains("test"));
		write(out, dir);

		String node = SharedPeers
			.run(Duration.ofMinutes(2), "bash", SharedPeers.shared().resolve("peers/node22.sh").toString())
			.strip();
		String result = SharedPeers.run(Duration.ofMinutes(3), node, typescriptCompiler().toString(), "-p",
				dir.resolve("tsconfig.json").toString(), "--noEmit", "--pretty", "false");
		assertThat(result).as("tsc output").isEmpty();
	}

	@Test
	void aJavaClientOfTheLiveN8nApiCompilesWithJavac(@TempDir Path dir) throws IOException {
		GenerateApiClient.Output out = generator.generate(new GenerateApiClient.Input("n8n", Language.JAVA))
			.block(WAIT);

		assertThat(out.truncated()).isFalse();
		assertThat(paths(out)).contains("pom.xml", "src/main/java/com/example/n8n/client/ApiClient.java",
				"src/main/java/com/example/n8n/client/api/WorkflowApi.java");
		write(out, dir);

		List<Path> sources;
		try (Stream<Path> walk = Files.walk(dir.resolve("src/main/java"))) {
			sources = walk.filter((p) -> p.toString().endsWith(".java")).toList();
		}
		assertThat(sources).hasSizeGreaterThan(20);
		JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
		DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
		try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
			// The client needs Jackson 2 (databind, jsr310) and jakarta.annotation: all
			// on this
			// module's test classpath through openapi-generator and the test
			// dependencies.
			List<String> options = List.of("-classpath", System.getProperty("java.class.path"), "-d",
					dir.resolve("classes").toString(), "-proc:none", "--release", "17");
			boolean ok = javac
				.getTask(new StringWriter(), files, diagnostics, options, null,
						files.getJavaFileObjectsFromPaths(sources))
				.call();
			List<String> errors = new ArrayList<>();
			for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
				if (d.getKind() == Diagnostic.Kind.ERROR) {
					errors.add(d.toString());
				}
			}
			assertThat(errors).as("javac errors").isEmpty();
			assertThat(ok).isTrue();
		}
		assertThat(dir.resolve("classes/com/example/n8n/client/api/WorkflowApi.class")).exists();
	}

	@Test
	void aPythonClientOfTheLiveN8nApiIsValidPython(@TempDir Path dir) throws IOException {
		GenerateApiClient.Output out = generator.generate(new GenerateApiClient.Input("n8n", Language.PYTHON))
			.block(WAIT);

		assertThat(paths(out)).contains("pyproject.toml", "n8n_client/api/workflow_api.py", "n8n_client/api_client.py");
		write(out, dir);

		// py_compile parses every module; the machine's python3 is the one CI has
		String result = SharedPeers.run(Duration.ofMinutes(2), "python3", "-m", "compileall", "-q",
				dir.resolve("n8n_client").toString());
		assertThat(result).as("compileall output").isEmpty();
		assertThat(dir.resolve("n8n_client/api/__pycache__")).isDirectory();
	}

	/**
	 * {@code tsc} from npm, installed once into the peers cache
	 * ({@code SMARTERMCP_PEERS_CACHE}).
	 */
	static Path typescriptCompiler() throws IOException {
		Path cache = Path.of(System.getenv()
			.getOrDefault("SMARTERMCP_PEERS_CACHE", System.getProperty("user.home") + "/.cache/smartermcp-peers"));
		Path dir = cache.resolve("typescript-" + TYPESCRIPT);
		Path tsc = dir.resolve("node_modules/typescript/bin/tsc");
		if (!Files.exists(tsc)) {
			Files.createDirectories(dir);
			SharedPeers.run(Duration.ofMinutes(5), "npm", "install", "--no-audit", "--no-fund", "--no-save", "--prefix",
					dir.toString(), "typescript@" + TYPESCRIPT);
		}
		return tsc;
	}

	static List<String> paths(GenerateApiClient.Output out) {
		return out.files().stream().map(GeneratedFile::path).toList();
	}

	static void write(GenerateApiClient.Output out, Path dir) throws IOException {
		for (GeneratedFile file : out.files()) {
			Path target = dir.resolve(file.path()).normalize();
			assertThat(target.startsWith(dir)).as("%s stays inside the output folder", file.path()).isTrue();
			Files.createDirectories(target.getParent());
			Files.writeString(target, file.content());
		}
	}

}
