package cl.smartercl.mcp.server.ops;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format 0.0.4: every line must be a
 * comment, a {@code # HELP}/{@code # TYPE} line or a well-formed sample of a declared
 * family, label values are unescaped, and values are parsed as numbers. Anything else
 * fails the test, so a malformed exposition cannot pass by accident the way a substring
 * search would.
 */
final class PrometheusText {

	private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

	private static final Pattern TYPE = Pattern
		.compile("# TYPE (" + NAME.pattern() + ") (counter|gauge|histogram|summary|untyped)");

	private static final Pattern HELP = Pattern.compile("# HELP (" + NAME.pattern() + ") (.*)");

	private static final Set<String> SUFFIXES = Set.of("_bucket", "_count", "_sum", "_total", "_created", "_gcount",
			"_gsum");

	record Sample(String name, Map<String, String> labels, double value) {
	}

	private final Map<String, String> types = new HashMap<>();

	private final List<Sample> samples = new ArrayList<>();

	private PrometheusText() {
	}

	static PrometheusText parse(String text) {
		PrometheusText parsed = new PrometheusText();
		int number = 0;
		for (String line : text.split("\n", -1)) {
			number++;
			if (line.isEmpty()) {
				continue;
			}
			try {
				parsed.line(line);
			}
			catch (IllegalArgumentException ex) {
				throw new AssertionError(
						"line " + number + " is not Prometheus text (" + ex.getMessage() + "): " + line);
			}
		}
		return parsed;
	}

	private void line(String line) {
		if (line.startsWith("#")) {
			Matcher type = TYPE.matcher(line);
			if (type.matches()) {
				if (this.types.put(type.group(1), type.group(2)) != null) {
					throw new IllegalArgumentException("family declared twice");
				}
				return;
			}
			if (line.startsWith("# TYPE") || (line.startsWith("# HELP") && !HELP.matcher(line).matches())) {
				throw new IllegalArgumentException("malformed metadata line");
			}
			return;
		}
		Matcher name = NAME.matcher(line);
		if (!name.lookingAt()) {
			throw new IllegalArgumentException("no metric name");
		}
		String metric = name.group();
		int at = name.end();
		Map<String, String> labels = new LinkedHashMap<>();
		if (at < line.length() && line.charAt(at) == '{') {
			at = labels(line, at + 1, labels);
		}
		if (at >= line.length() || line.charAt(at) != ' ') {
			throw new IllegalArgumentException("no space before the value");
		}
		String[] rest = line.substring(at + 1).split(" ");
		if (rest.length < 1 || rest.length > 2) {
			throw new IllegalArgumentException("expected a value and an optional timestamp");
		}
		double value = number(rest[0]);
		if (rest.length == 2) {
			Long.parseLong(rest[1]);
		}
		if (family(metric) == null) {
			throw new IllegalArgumentException("sample of an undeclared family: " + metric);
		}
		this.samples.add(new Sample(metric, labels, value));
	}

	private static int labels(String line, int at, Map<String, String> labels) {
		while (true) {
			if (line.charAt(at) == '}') {
				return at + 1;
			}
			Matcher name = NAME.matcher(line).region(at, line.length());
			if (!name.lookingAt() || line.charAt(name.end()) != '=' || line.charAt(name.end() + 1) != '"') {
				throw new IllegalArgumentException("malformed label at column " + at);
			}
			StringBuilder value = new StringBuilder();
			int i = name.end() + 2;
			for (;; i++) {
				char c = line.charAt(i);
				if (c == '\\') {
					char next = line.charAt(++i);
					value.append(switch (next) {
						case 'n' -> '\n';
						case '\\' -> '\\';
						case '"' -> '"';
						default -> throw new IllegalArgumentException("bad escape \\" + next);
					});
				}
				else if (c == '"') {
					break;
				}
				else {
					value.append(c);
				}
			}
			if (labels.put(name.group(), value.toString()) != null) {
				throw new IllegalArgumentException("label " + name.group() + " twice");
			}
			at = i + 1;
			if (line.charAt(at) == ',') {
				at++;
			}
			else if (line.charAt(at) != '}') {
				throw new IllegalArgumentException("expected , or } at column " + at);
			}
		}
	}

	private static double number(String text) {
		return switch (text) {
			case "+Inf" -> Double.POSITIVE_INFINITY;
			case "-Inf" -> Double.NEGATIVE_INFINITY;
			case "NaN" -> Double.NaN;
			default -> Double.parseDouble(text);
		};
	}

	/** The declared family a sample belongs to, or null. */
	String family(String sample) {
		if (this.types.containsKey(sample)) {
			return sample;
		}
		for (String suffix : SUFFIXES) {
			if (sample.endsWith(suffix)
					&& this.types.containsKey(sample.substring(0, sample.length() - suffix.length()))) {
				return sample.substring(0, sample.length() - suffix.length());
			}
		}
		return null;
	}

	String type(String family) {
		return this.types.get(family);
	}

	List<Sample> samples(String name) {
		return this.samples.stream().filter((s) -> s.name().equals(name)).toList();
	}

	/**
	 * The value of the one sample with exactly these labels (plus any others), 0 when
	 * absent.
	 */
	double value(String name, Map<String, String> labels) {
		List<Sample> matching = this.samples.stream()
			.filter((s) -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
			.toList();
		if (matching.size() > 1) {
			throw new AssertionError(matching.size() + " samples of " + name + " match " + labels + ": " + matching);
		}
		return matching.isEmpty() ? 0 : matching.get(0).value();
	}

}
