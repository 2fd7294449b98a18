package cl.smartercl.mcp.server.web;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerResponse;

import cl.smartercl.mcp.core.tool.ToolDefinition;
import cl.smartercl.mcp.core.tools.common.GeneratedFile;
import cl.smartercl.mcp.core.error.InvalidArgumentsException;

/**
 * A tool result that carries generated files ({@code files: [{path, content}]}, e.g.
 * {@code generate_api_client}) as a downloadable zip, for a REST caller that asks with
 * {@code Accept: application/zip}; or its one file as is, for a caller that asks for that
 * file's type (e.g. {@code Accept: text/csv} on {@code analytics_reports} with format
 * csv).
 */
final class GeneratedFilesArchive {

	static final MediaType ZIP = MediaType.parseMediaType("application/zip");

	static final MediaType CSV = MediaType.parseMediaType("text/csv");

	private GeneratedFilesArchive() {
	}

	/**
	 * Whether the tool's answer can carry files: its output record has a {@code files}
	 * list of {@link GeneratedFile}. Known from the catalog, so a file request for any
	 * other tool is refused before the call runs (a write must not run for an answer the
	 * caller cannot take).
	 */
	static boolean returnsFiles(ToolDefinition<?, ?> tool) {
		RecordComponent[] components = tool.outputType().getRecordComponents();
		if (components == null) {
			return false;
		}
		return Arrays.stream(components)
			.anyMatch((c) -> c.getName().equals("files") && c.getGenericType() instanceof ParameterizedType list
					&& list.getRawType() == List.class && list.getActualTypeArguments()[0] == GeneratedFile.class);
	}

	static Mono<ServerResponse> response(String tool, JsonNode result, String requestId,
			java.util.Map<String, String> headers) {
		JsonNode files = result.path("files");
		if (!files.isArray()) {
			return Mono.error(new InvalidArgumentsException(null,
					"tool '" + tool + "' returns no files; ask for application/json instead of application/zip"));
		}
		byte[] zip = zip(files);
		return ServerResponse.ok()
			.contentType(ZIP)
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + tool + ".zip\"")
			.header(RequestContext.REQUEST_ID_HEADER, requestId)
			.headers((h) -> headers.forEach(h::set))
			.bodyValue(zip);
	}

	static Mono<ServerResponse> file(String tool, JsonNode result, MediaType type, String requestId,
			java.util.Map<String, String> headers) {
		JsonNode files = result.path("files");
		if (!files.isArray() || files.size() != 1) {
			return Mono.error(new InvalidArgumentsException(null, "this call of tool '" + tool + "' returns no single "
					+ type + " file (for analytics_reports, ask for format csv); ask for application/json instead"));
		}
		String path = files.get(0).path("path").asString();
		String name = path.substring(path.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
		return ServerResponse.ok()
			.contentType(new MediaType(type, StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
			.header(RequestContext.REQUEST_ID_HEADER, requestId)
			.headers((h) -> headers.forEach(h::set))
			.bodyValue(files.get(0).path("content").asString().getBytes(StandardCharsets.UTF_8));
	}

	static byte[] zip(JsonNode files) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			for (JsonNode file : files) {
				String path = file.path("path").asString();
				// generated paths are relative; never let one climb out of the archive's
				// root
				if (path.isBlank() || path.startsWith("/") || path.contains("..")) {
					continue;
				}
				zip.putNextEntry(new ZipEntry(path));
				zip.write(file.path("content").asString().getBytes(StandardCharsets.UTF_8));
				zip.closeEntry();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

}
