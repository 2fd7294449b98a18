package cl.smartercl.mcp.client.typescript;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import cl.smartercl.mcp.testsupport.ChildProcess;

import static org.assertj.core.api.Assertions.assertThat;
import cl.smartercl.mcp.server.support.SdkTestStack;

/**
 * The npm package against a real server ({@link SdkTestStack}): Node's test runner runs
 * {@code src/test/node/*.test.mjs} on the compiled package (build.sh ran tsc in the
 * compile phase), and the README's example runs as written from a clean folder into which
 * the {@code npm pack} tarball was installed. Node 22 comes from
 * {@code ../shared/peers/node22.sh}.
 */
class TypeScriptSdkIT {

	private static final Path MODULE = Path.of("").toAbsolutePath();

	private static SdkTestStack stack;

	private static String node;

	@BeforeAll
	static void start() throws IOException {
		ChildProcess found = ChildProcess.run(
				List.of("bash", MODULE.resolve("../../shared/peers/node22.sh").normalize().toString()), MODULE,
				Map.of(), 600);
		assertThat(found.exitCode()).as(found.output()).isZero();
		node = found.output().strip().lines().reduce((first, last) -> last).orElseThrow();
		stack = SdkTestStack.start();
	}

	@AfterAll
	static void stop() {
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void nodeTestsPassAgainstTheServer() throws IOException {
		List<String> command = new ArrayList<>(List.of(node, "--test", "--test-concurrency=1"));
		try (Stream<Path> tests = Files.list(MODULE.resolve("src/test/node"))) {
			tests.filter((p) -> p.toString().endsWith(".test.mjs")).sorted().forEach((p) -> command.add(p.toString()));
		}
		assertThat(command).hasSizeGreaterThan(3);
		Map<String, String> env = new HashMap<>(stack.environment());
		env.put("SMARTERMCP_OPENAPI_JSON", MODULE.resolve("target/openapi/openapi.json").toString());
		env.put("PATH", Path.of(node).getParent() + ":" + System.getenv("PATH"));

		ChildProcess run = ChildProcess.run(command, MODULE, env, 600);

		assertThat(run.exitCode()).as(run.output()).isZero();
		assertThat(run.output()).contains("# fail 0").doesNotContain(SdkTestStack.ADMIN_TOKEN);
	}

	@Test
	void theReadmeExampleRunsFromThePackedPackage() throws IOException {
		Path clean = Files.createTempDirectory("npm-clean");
		try {
			packAndRunTheReadmeExample(clean);
		}
		finally {
			SdkTestStack.delete(clean);
		}
	}

	private void packAndRunTheReadmeExample(Path clean) throws IOException {
		Map<String, String> path = Map.of("PATH", Path.of(node).getParent() + ":" + System.getenv("PATH"));
		// the npm of the machine (node22.sh needs it too), run by Node 22 first on the
		// PATH
		String npm = "npm";
		ChildProcess pack = ChildProcess.run(List.of(npm, "pack", "--pack-destination", clean.toString()), MODULE, path,
				300);
		assertThat(pack.exitCode()).as(pack.output()).isZero();
		Path tarball;
		try (Stream<Path> files = Files.list(clean)) {
			tarball = files.filter((p) -> p.toString().endsWith(".tgz")).findFirst().orElseThrow();
		}
		assertThat(tarball.getFileName().toString()).isEqualTo("smartercl-mcp-client-0.1.0.tgz");
		Files.writeString(clean.resolve("package.json"),
				"{\"name\":\"readme-example\",\"private\":true,\"type\":\"module\"}");
		ChildProcess install = ChildProcess.run(List.of(npm, "install", "--offline", "--no-audit", "--no-fund",
				"--no-package-lock", tarball.toString()), clean, path, 300);
		assertThat(install.exitCode()).as(install.output()).isZero();
		assertThat(clean.resolve("node_modules/@smartercl/mcp-client/dist/index.d.ts")).exists();
		assertThat(clean.resolve("node_modules/@smartercl/mcp-client/src")).doesNotExist();

		// the README's example, as written, type-checked against the installed package,
		// then run
		Files.writeString(clean.resolve("example.ts"), readmeExample());
		ChildProcess tsc = ChildProcess
			.run(List.of(node, MODULE.resolve("node_modules/typescript/bin/tsc").toString(), "--strict", "--target",
					"es2022", "--module", "nodenext", "--moduleResolution", "nodenext", "--skipLibCheck", "--typeRoots",
					MODULE.resolve("node_modules/@types").toString(), "--types", "node", "example.ts"), clean, path,
					300);
		assertThat(tsc.exitCode()).as(tsc.output()).isZero();
		Map<String, String> env = new HashMap<>(stack.environment());
		env.putAll(path);
		ChildProcess example = ChildProcess.run(List.of(node, "example.js"), clean, env, 300);

		assertThat(example.exitCode()).as(example.output()).isZero();
		assertThat(example.output()).doesNotContain(SdkTestStack.ADMIN_TOKEN)
			.containsSubsequence("backend service(s)", "revenue_mtd", "contact(s) match", "n8n is not configured");
	}

	/** The README's ```typescript block marked {@code // example: runs as written}. */
	private static String readmeExample() throws IOException {
		String readme = Files.readString(MODULE.resolve("README.md"));
		Matcher block = Pattern.compile("```typescript\n(// example: runs as written\n.*?)```", Pattern.DOTALL)
			.matcher(readme);
		assertThat(block.find()).as("README.md has the runnable example").isTrue();
		return block.group(1);
	}

}
