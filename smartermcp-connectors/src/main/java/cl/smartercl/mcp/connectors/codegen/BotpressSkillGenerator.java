package cl.smartercl.mcp.connectors.codegen;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import cl.smartercl.mcp.core.error.BackendException;
import cl.smartercl.mcp.core.error.ServiceUnavailableException;
import cl.smartercl.mcp.core.schema.ToolJson;
import cl.smartercl.mcp.core.tool.ClientChannel;
import cl.smartercl.mcp.core.tools.codegen.GenerateBotpressSkill;
import cl.smartercl.mcp.core.tools.common.GeneratedFile;

/**
 * {@code generate_botpress_skill}: asks the MCP client's model (sampling) for the source
 * of a Botpress action and checks the answer before returning it: well-formed JSON of the
 * agreed shape, relative paths of source files only, bounded size. There is no
 * deterministic planner for skills (a skill is arbitrary code), so without sampling —
 * over REST, or from a client that does not offer it — the tool says it is unavailable
 * instead of inventing code.
 */
public final class BotpressSkillGenerator {

	private static final int MAX_TOKENS = 4000;

	private static final int MAX_FILES = 10;

	private static final int MAX_BYTES = 200_000;

	private static final Pattern SAFE_PATH = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_./-]{0,120}");

	private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{1,62}");

	private static final Set<String> EXTENSIONS = Set.of(".js", ".ts", ".json", ".md");

	static final String SYSTEM_PROMPT = """
			You write Botpress actions (JavaScript run by the Botpress runtime, with access to `event`, \
			`user`, `session`, `temp`, `bp` and `args`). Answer with ONE JSON object and nothing else, of the form \
			{"name": "<kebab-case skill name>", "files": [{"path": "actions/<name>.js", "content": "<source>"}, \
			{"path": "README.md", "content": "<what it does, its args and how to use it in a flow>"}]}. \
			Paths are relative; only .js, .ts, .json and .md files; at most 10 files. No markdown fences.""";

	public Mono<GenerateBotpressSkill.Output> generate(GenerateBotpressSkill.Input input, ClientChannel channel) {
		if (!channel.canSample()) {
			return Mono.error(new ServiceUnavailableException("codegen",
					"generate_botpress_skill writes code with the model of an MCP client that offers sampling; "
							+ "this call came without sampling (REST, or a client that does not offer it)"));
		}
		return channel
			.sample(SYSTEM_PROMPT, "Write a Botpress skill that does this: " + input.description(), MAX_TOKENS)
			.map(BotpressSkillGenerator::parse);
	}

	static GenerateBotpressSkill.Output parse(String answer) {
		JsonNode json;
		try {
			json = ToolJson.mapper().readTree(stripFences(answer));
		}
		catch (JacksonException ex) {
			throw invalid("it is not JSON");
		}
		String name = json.path("name").asString("");
		if (!NAME.matcher(name).matches()) {
			throw invalid("'name' must be kebab-case, got '" + abbreviate(name) + "'");
		}
		JsonNode files = json.path("files");
		if (!files.isArray() || files.isEmpty() || files.size() > MAX_FILES) {
			throw invalid("'files' must list 1 to " + MAX_FILES + " files");
		}
		List<GeneratedFile> result = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		int bytes = 0;
		boolean hasAction = false;
		for (JsonNode file : files) {
			String path = file.path("path").asString("");
			String content = file.path("content").asString(null);
			if (!SAFE_PATH.matcher(path).matches() || path.contains("..")
					|| EXTENSIONS.stream().noneMatch(path::endsWith)) {
				throw invalid("file path '" + abbreviate(path) + "' is not a relative .js, .ts, .json or .md path");
			}
			if (content == null || content.isBlank()) {
				throw invalid("file '" + path + "' has no content");
			}
			if (!seen.add(path)) {
				throw invalid("file '" + path + "' appears twice");
			}
			bytes += content.length();
			hasAction |= path.endsWith(".js") || path.endsWith(".ts");
			result.add(new GeneratedFile(path, content));
		}
		if (bytes > MAX_BYTES) {
			throw invalid("the files are larger than " + MAX_BYTES + " characters");
		}
		if (!hasAction) {
			throw invalid("no .js or .ts action file");
		}
		return new GenerateBotpressSkill.Output(name, List.copyOf(result), "sampling", List.of());
	}

	private static String stripFences(String answer) {
		String text = answer.strip();
		if (text.startsWith("```")) {
			int start = text.indexOf('\n');
			int end = text.lastIndexOf("```");
			if (start > 0 && end > start) {
				return text.substring(start + 1, end);
			}
		}
		return text;
	}

	private static String abbreviate(String text) {
		return text.length() > 60 ? text.substring(0, 60) + "…" : text;
	}

	private static BackendException invalid(String why) {
		return new BackendException("codegen", "the client's model answered with an unusable skill: " + why);
	}

}
