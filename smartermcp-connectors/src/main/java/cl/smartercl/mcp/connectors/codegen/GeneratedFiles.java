package cl.smartercl.mcp.connectors.codegen;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Which generated files a caller gets, and in which order when the size bound cuts the
 * list.
 */
final class GeneratedFiles {

	/**
	 * Documentation, tests, CI and git helpers, the copied description, and binary
	 * wrappers.
	 */
	private static final Set<String> SKIPPED_DIRECTORIES = Set.of("docs", "test", "tests", ".github",
			".openapi-generator", "gradle", ".gradle", "api");

	private static final Set<String> SKIPPED_FILES = Set.of(".travis.yml", ".gitlab-ci.yml", "git_push.sh",
			".openapi-generator-ignore", ".gitignore", ".npmignore", "gradlew", "gradlew.bat", "tox.ini",
			"test-requirements.txt", "AndroidManifest.xml", "build.sbt", "build.gradle", "settings.gradle",
			"gradle.properties");

	/**
	 * Manifests that say how to build the client: first, so that a cut list stays
	 * buildable.
	 */
	private static final List<String> MANIFESTS = List.of("package.json", "tsconfig.json", "pom.xml", "go.mod",
			"go.sum", "pyproject.toml", "setup.py", "setup.cfg", "requirements.txt");

	private GeneratedFiles() {
	}

	static boolean keep(Path relative) {
		String first = relative.getName(0).toString();
		if (relative.getNameCount() > 1 && SKIPPED_DIRECTORIES.contains(first)) {
			return false;
		}
		// Java's src/test, Python's <package>/test
		for (Path part : relative) {
			if (part.toString().equals("test") || part.toString().equals("tests")) {
				return false;
			}
		}
		String name = relative.getFileName().toString();
		return !SKIPPED_FILES.contains(name) && !name.endsWith(".jar");
	}

	static int rank(Path relative) {
		String name = relative.getFileName().toString();
		if (relative.getNameCount() == 1 && MANIFESTS.contains(name)) {
			return 0;
		}
		return name.endsWith(".md") ? 2 : 1;
	}

}
