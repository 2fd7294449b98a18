package cl.smartercl.mcp.client.python;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * The Python package against a real server ({@link SdkTestStack}):
 * {@code python3 -m unittest} runs {@code src/test/python} on the sources (generate.py
 * wrote {@code _generated.py} in generate-sources), and the README's example runs as
 * written from a clean folder into which the built wheel was installed (the sdist is
 * built and installed too). Python is Debian 12's {@code /usr/bin/python3} unless
 * {@code -Dpython=...}.
 */
class PythonSdkIT {

	private static final Path MODULE = Path.of("").toAbsolutePath();

	private static final String PYTHON = System.getProperty("python", "/usr/bin/python3");

	private static SdkTestStack stack;

	@BeforeAll
	static void start() throws IOException {
		stack = SdkTestStack.start();
	}

	@AfterAll
	static void stop() {
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void unittestsPassAgainstTheServer() {
		Map<String, String> env = new HashMap<>(stack.environment());
		env.put("SMARTERMCP_OPENAPI_JSON", MODULE.resolve("target/openapi/openapi.json").toString());
		env.put("PYTHONPATH", MODULE.resolve("src/main/python").toString());
		env.put("PYTHONDONTWRITEBYTECODE", "1");

		ChildProcess run = ChildProcess
			.run(List.of(PYTHON, "-m", "unittest", "discover", "-v", "-s", "src/test/python"), MODULE, env, 600);

		assertThat(run.exitCode()).as(run.output()).isZero();
		assertThat(run.output()).containsPattern("Ran \\d{2} tests")
			.contains("\nOK")
			.doesNotContain("skipped")
			.doesNotContain(SdkTestStack.ADMIN_TOKEN);
	}

	@Test
	void theReadmeExampleRunsFromTheInstalledWheel() throws IOException {
		Path work = Files.createTempDirectory("python-clean");
		try {
			packAndRunTheReadmeExample(work);
		}
		finally {
			SdkTestStack.delete(work);
		}
	}

	private void packAndRunTheReadmeExample(Path work) throws IOException {
		// the package's files only, so the build leaves nothing in the module and uses
		// nothing else of it
		Path project = work.resolve("project");
		copy(MODULE.resolve("src/main/python/smartermcp"), project.resolve("src/main/python/smartermcp"));
		Files.copy(MODULE.resolve("pyproject.toml"), project.resolve("pyproject.toml"));
		Files.copy(MODULE.resolve("README.md"), project.resolve("README.md"));
		Path dist = work.resolve("dist");
		Map<String, String> quiet = Map.of("PYTHONDONTWRITEBYTECODE", "1", "PIP_DISABLE_PIP_VERSION_CHECK", "1");
		// Debian's setuptools and wheel, no index: nothing is downloaded
		ChildProcess wheel = ChildProcess.run(List.of(PYTHON, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
				"--no-index", "-w", dist.toString(), "."), project, quiet, 300);
		assertThat(wheel.exitCode()).as(wheel.output()).isZero();
		ChildProcess sdist = ChildProcess.run(List.of(PYTHON, "-c",
				"import sys; from setuptools import build_meta; print(build_meta.build_sdist(sys.argv[1]))",
				dist.toString()), project, quiet, 300);
		assertThat(sdist.exitCode()).as(sdist.output()).isZero();
		assertThat(dist.resolve("smartermcp_client-0.1.0-py3-none-any.whl")).exists();
		Path sdistFile;
		try (Stream<Path> files = Files.list(dist)) {
			sdistFile = files.filter((p) -> p.toString().endsWith(".tar.gz")).findFirst().orElseThrow();
		}

		Path site = work.resolve("site");
		ChildProcess install = ChildProcess.run(List.of(PYTHON, "-m", "pip", "install", "--no-deps", "--no-index",
				"--target", site.toString(), dist.resolve("smartermcp_client-0.1.0-py3-none-any.whl").toString()), work,
				quiet, 300);
		assertThat(install.exitCode()).as(install.output()).isZero();
		assertThat(site.resolve("smartermcp/_generated.py")).exists();
		assertThat(site.resolve("smartermcp/py.typed")).exists();
		Path fromSdist = work.resolve("site-sdist");
		ChildProcess installSdist = ChildProcess.run(List.of(PYTHON, "-m", "pip", "install", "--no-deps", "--no-index",
				"--no-build-isolation", "--target", fromSdist.toString(), sdistFile.toString()), work, quiet, 300);
		assertThat(installSdist.exitCode()).as(installSdist.output()).isZero();
		assertThat(fromSdist.resolve("smartermcp/_generated.py")).exists();

		// the README's example, as written, importing the installed package (not the
		// sources)
		Files.writeString(work.resolve("example.py"), readmeExample());
		Map<String, String> env = new HashMap<>(stack.environment());
		env.putAll(quiet);
		env.put("PYTHONPATH", site.toString());
		ChildProcess example = ChildProcess.run(List.of(PYTHON, "-c",
				"import runpy, smartermcp, sys; assert smartermcp.__file__.startswith(sys.argv[1]), smartermcp.__file__; "
						+ "runpy.run_path('example.py', run_name='__main__')",
				site.toString()), work, env, 300);

		assertThat(example.exitCode()).as(example.output()).isZero();
		assertThat(example.output()).doesNotContain(SdkTestStack.ADMIN_TOKEN)
			.containsSubsequence("backend service(s)", "revenue_mtd", "contact(s) match", "n8n is not configured");
	}

	private static void copy(Path from, Path to) throws IOException {
		try (Stream<Path> paths = Files.walk(from)) {
			for (Path path : paths.filter((p) -> !p.toString().contains("__pycache__")).toList()) {
				Path target = to.resolve(from.relativize(path).toString());
				if (Files.isDirectory(path)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(path, target);
				}
			}
		}
	}

	/** The README's ```python block marked {@code # example: runs as written}. */
	private static String readmeExample() throws IOException {
		String readme = Files.readString(MODULE.resolve("README.md"));
		Matcher block = Pattern.compile("```python\n(# example: runs as written\n.*?)```", Pattern.DOTALL)
			.matcher(readme);
		assertThat(block.find()).as("README.md has the runnable example").isTrue();
		return block.group(1);
	}

}
