package cl.smartercl.mcp.testsupport.odoo;

import java.util.Iterator;

import com.fasterxml.jackson.databind.JsonNode;

/** Python's {@code repr} of JSON values, as Odoo's error messages quote domains. */
final class Py {

	private Py() {
	}

	static String repr(JsonNode node) {
		if (node == null || node.isNull() || node.isMissingNode()) {
			return "None";
		}
		if (node.isBoolean()) {
			return node.booleanValue() ? "True" : "False";
		}
		if (node.isTextual()) {
			String text = node.textValue();
			return text.contains("'") && !text.contains("\"") ? "\"" + text + "\""
					: "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
		}
		if (node.isArray()) {
			StringBuilder out = new StringBuilder("[");
			for (Iterator<JsonNode> it = node.elements(); it.hasNext();) {
				out.append(repr(it.next()));
				if (it.hasNext()) {
					out.append(", ");
				}
			}
			return out.append(']').toString();
		}
		if (node.isObject()) {
			StringBuilder out = new StringBuilder("{");
			for (Iterator<java.util.Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
				var entry = it.next();
				out.append('\'').append(entry.getKey()).append("': ").append(repr(entry.getValue()));
				if (it.hasNext()) {
					out.append(", ");
				}
			}
			return out.append('}').toString();
		}
		if (node.isFloatingPointNumber()) {
			double value = node.doubleValue();
			return (value == Math.rint(value) && !Double.isInfinite(value)) ? String.format("%.1f", value)
					: Double.toString(value);
		}
		return node.asText();
	}

}
