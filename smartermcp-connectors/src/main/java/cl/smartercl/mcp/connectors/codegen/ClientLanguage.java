package cl.smartercl.mcp.connectors.codegen;

import java.util.Locale;

import org.openapitools.codegen.config.CodegenConfigurator;

import cl.smartercl.mcp.core.tools.codegen.GenerateApiClient.Language;

/**
 * How each language of {@code generate_api_client} is generated: which openapi-generator
 * generator and library, and the options that make a client usable as is with the fewest
 * dependencies.
 */
final class ClientLanguage {

	private ClientLanguage() {
	}

	/**
	 * @param name a name derived from the service id, safe as an identifier in every
	 * language
	 */
	static void configure(CodegenConfigurator config, Language language, String name) {
		switch (language) {
			// fetch is built into browsers and Node 18+: the client needs no runtime
			// dependency
			case TYPESCRIPT -> config.setGeneratorName("typescript-fetch")
				.addAdditionalProperty("npmName", name.replace('_', '-') + "-client")
				.addAdditionalProperty("npmVersion", "1.0.0")
				.addAdditionalProperty("supportsES6", true);
			case PYTHON -> config.setGeneratorName("python").setPackageName(name + "_client");
			// the JDK's own java.net.http client: only Jackson and jakarta.annotation are
			// needed
			case JAVA -> config.setGeneratorName("java")
				.setLibrary("native")
				.setInvokerPackage(javaPackage(name))
				.setApiPackage(javaPackage(name) + ".api")
				.setModelPackage(javaPackage(name) + ".model")
				.setGroupId("com.example")
				.setArtifactId(name.replace('_', '-') + "-client")
				.addAdditionalProperty("useJakartaEe", true)
				.addAdditionalProperty("openApiNullable", false)
				.addAdditionalProperty("annotationLibrary", "none");
			case GO -> config.setGeneratorName("go")
				.setPackageName(name.replace("_", "") + "client")
				.addAdditionalProperty("isGoSubmodule", true);
		}
		config.addAdditionalProperty("hideGenerationTimestamp", true);
	}

	static String javaPackage(String name) {
		return "com.example." + name.replace("_", "") + ".client";
	}

	/**
	 * A lower-case identifier from a service id: letters, digits and underscores,
	 * starting with a letter.
	 */
	static String identifier(String serviceId) {
		String name = serviceId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
		if (name.isEmpty() || !Character.isLetter(name.charAt(0))) {
			name = "api_" + name;
		}
		return name;
	}

}
