package cl.smartercl.mcp.connectors.codegen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.stream.Stream;

import org.openapitools.codegen.ClientOptInput;
import org.openapitools.codegen.DefaultGenerator;
import org.openapitools.codegen.config.CodegenConfigurator;
import org.openapitools.codegen.config.GlobalSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import cl.smartercl.mcp.connectors.docs.ApiDocument;
import cl.smartercl.mcp.connectors.docs.DocumentationService;
import cl.smartercl.mcp.core.error.BackendException;
import cl.smartercl.mcp.core.error.NotFoundException;
import cl.smartercl.mcp.core.error.ToolException;
import cl.smartercl.mcp.core.tools.codegen.GenerateApiClient;
import cl.smartercl.mcp.core.tools.common.GeneratedFile;

/**
 * {@code generate_api_client}: runs openapi-generator in process over a service's API
 * description (the same one {@code docs_apis} summarises) and returns the client's source
 * files, without docs, tests or CI files, up to a size bound.
 */
public final class ApiClientGenerator {

	/**
	 * What one answer may carry; an MCP result or a REST body of a few hundred KiB is
	 * already large.
	 */
	public static final long DEFAULT_MAX_BYTES = 1024 * 1024;

	private static final Logger log = LoggerFactory.getLogger(ApiClientGenerator.class);

	/**
	 * openapi-generator keeps settings in thread locals and static caches
	 * (GlobalSettings, ModelUtils); one generation at a time keeps runs from seeing each
	 * other's options.
	 */
	private static final ReentrantLock ONE_AT_A_TIME = new ReentrantLock();

	private final Function<String, Mono<String>> specSource;

	private final long maxBytes;

	/**
	 * @param specSource the API description (OpenAPI or Swagger, JSON or YAML) of a
	 * service id; an empty answer means the service has none
	 */
	public ApiClientGenerator(Function<String, Mono<String>> specSource) {
		this(specSource, DEFAULT_MAX_BYTES);
	}

	public ApiClientGenerator(Function<String, Mono<String>> specSource, long maxBytes) {
		this.specSource = Objects.requireNonNull(specSource, "specSource");
		if (maxBytes < 1) {
			throw new IllegalArgumentException("maxBytes must be positive");
		}
		this.maxBytes = maxBytes;
	}

	/**
	 * Generates from the descriptions a tenant's documentation service finds (live or
	 * bundled).
	 */
	public static ApiClientGenerator from(DocumentationService documentation) {
		return new ApiClientGenerator((serviceId) -> documentation.apiDocument(serviceId).map(ApiDocument::text));
	}

	public Mono<GenerateApiClient.Output> generate(GenerateApiClient.Input input) {
		return Mono.defer(() -> this.specSource.apply(input.serviceId()))
			.switchIfEmpty(Mono.error(() -> new NotFoundException("API description", input.serviceId())))
			.flatMap((spec) -> Mono.fromCallable(() -> generateBlocking(input, spec))
				.subscribeOn(Schedulers.boundedElastic()));
	}

	private GenerateApiClient.Output generateBlocking(GenerateApiClient.Input input, String spec) throws IOException {
		Path work = Files.createTempDirectory("smartermcp-codegen-");
		try {
			Path specFile = work.resolve("spec.json");
			Files.writeString(specFile, SpecNormalizer.normalize(input.serviceId(), spec), StandardCharsets.UTF_8);
			Path out = work.resolve("client");
			String name = ClientLanguage.identifier(input.serviceId());
			CodegenConfigurator config = new CodegenConfigurator().setInputSpec(specFile.toString())
				.setOutputDir(out.toString())
				// real descriptions are rarely perfect (n8n's has duplicate ids on some
				// versions); generate anyway
				.setValidateSpec(false)
				.addGlobalProperty("apiDocs", "false")
				.addGlobalProperty("modelDocs", "false")
				.addGlobalProperty("apiTests", "false")
				.addGlobalProperty("modelTests", "false");
			ClientLanguage.configure(config, input.language(), name);
			run(config, input.serviceId());
			return collect(input, out);
		}
		finally {
			deleteTree(work);
		}
	}

	private static void run(CodegenConfigurator config, String serviceId) {
		ONE_AT_A_TIME.lock();
		try {
			ClientOptInput options = config.toClientOptInput();
			DefaultGenerator generator = new DefaultGenerator();
			generator.setGenerateMetadata(false);
			generator.opts(options).generate();
		}
		catch (ToolException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			// The generator's messages quote the description; log them, answer in our
			// words.
			log.warn("openapi-generator failed for service {}: {}", serviceId, ex.toString());
			throw new BackendException(serviceId,
					"its API description could not be turned into a client (" + ex.getClass().getSimpleName() + ")");
		}
		finally {
			GlobalSettings.reset();
			ONE_AT_A_TIME.unlock();
		}
	}

	private GenerateApiClient.Output collect(GenerateApiClient.Input input, Path out) throws IOException {
		List<Path> files;
		try (Stream<Path> walk = Files.walk(out)) {
			files = walk.filter(Files::isRegularFile)
				.filter((file) -> GeneratedFiles.keep(out.relativize(file)))
				.sorted(Comparator.comparingInt((Path file) -> GeneratedFiles.rank(out.relativize(file)))
					.thenComparing((file) -> out.relativize(file).toString()))
				.toList();
		}
		List<GeneratedFile> kept = new ArrayList<>();
		long total = 0;
		boolean truncated = false;
		for (Path file : files) {
			long size = Files.size(file);
			if (total + size > this.maxBytes) {
				truncated = true;
				break;
			}
			byte[] bytes = Files.readAllBytes(file);
			total += bytes.length;
			kept.add(new GeneratedFile(out.relativize(file).toString().replace('\\', '/'),
					new String(bytes, StandardCharsets.UTF_8)));
		}
		if (kept.isEmpty()) {
			throw new BackendException(input.serviceId(),
					"the generated client is empty or larger than " + this.maxBytes + " bytes from its first file");
		}
		return new GenerateApiClient.Output(input.serviceId(), input.language(), kept, total, truncated);
	}

	private static void deleteTree(Path root) {
		try (Stream<Path> walk = Files.walk(root)) {
			walk.sorted(Comparator.reverseOrder()).forEach((path) -> {
				try {
					Files.deleteIfExists(path);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
		catch (IOException | UncheckedIOException ex) {
			log.warn("could not delete the code generation folder {}: {}", root, ex.toString());
		}
	}

}
