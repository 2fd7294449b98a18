package cl.smartercl.mcp.testsupport.odoo;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * An Odoo search domain: prefix {@code '&'}, {@code '|'}, {@code '!'} over
 * {@code [field, operator,
 * value]} leaves, consecutive items joined by an implicit AND. Parsed the way Odoo
 * refuses bad ones (files 55 and 56 of the recordings), evaluated against the double's
 * rows.
 */
final class Domain {

	static final Set<String> OPERATORS = Set.of("=", "!=", "<", ">", "<=", ">=", "in", "not in", "like", "ilike",
			"not like", "not ilike", "=like", "=ilike");

	/**
	 * How a leaf reads a row: the values at the end of a dotted path, or {@code null}
	 * when unknown.
	 */
	interface Values {

		/**
		 * @return the values (many2one as ids, x2many flattened), or {@code null} if the
		 * double does not know them
		 */
		List<JsonNode> resolve(Object row, String path);

	}

	sealed interface Node permits And, Or, Not, Leaf, True {

	}

	record And(Node left, Node right) implements Node {
	}

	record Or(Node left, Node right) implements Node {
	}

	record Not(Node inner) implements Node {
	}

	record Leaf(String path, String operator, JsonNode value) implements Node {
	}

	record True() implements Node {
	}

	private final Node root;

	private final List<Leaf> leaves;

	private Domain(Node root, List<Leaf> leaves) {
		this.root = root;
		this.leaves = leaves;
	}

	static Domain parse(JsonNode domain) {
		if (domain == null || domain.isNull() || domain.isMissingNode()) {
			return new Domain(new True(), List.of());
		}
		if (!domain.isArray()) {
			throw OdooFault.valueError("Domain() invalid domain: " + Py.repr(domain));
		}
		List<Leaf> leaves = new ArrayList<>();
		// Odoo reads the prefix expression from the end with a stack
		Deque<Node> stack = new ArrayDeque<>();
		for (int i = domain.size() - 1; i >= 0; i--) {
			JsonNode item = domain.get(i);
			if (item.isTextual() && Set.of("&", "|", "!").contains(item.textValue())) {
				String op = item.textValue();
				try {
					if (op.equals("!")) {
						stack.push(new Not(stack.pop()));
					}
					else {
						Node left = stack.pop();
						Node right = stack.pop();
						stack.push(op.equals("&") ? new And(left, right) : new Or(left, right));
					}
				}
				catch (java.util.NoSuchElementException ex) {
					throw OdooFault.valueError("Domain() malformed domain " + Py.repr(domain));
				}
			}
			else if (item.isArray() && item.size() == 3 && item.get(0).isTextual() && item.get(1).isTextual()) {
				String operator = item.get(1).textValue().toLowerCase(Locale.ROOT);
				if (!OPERATORS.contains(operator)) {
					throw OdooFault.notInDouble("implement the domain operator '" + operator + "'");
				}
				Leaf leaf = new Leaf(item.get(0).textValue(), operator, item.get(2));
				leaves.add(leaf);
				stack.push(leaf);
			}
			else if (item.isBoolean()) {
				// Odoo accepts True/False leaves
				stack.push(item.booleanValue() ? new True() : new Not(new True()));
			}
			else {
				throw OdooFault.valueError("Domain() invalid item in domain: " + Py.repr(item));
			}
		}
		Node root = null;
		while (!stack.isEmpty()) {
			Node next = stack.pop();
			root = (root == null) ? next : new And(root, next);
		}
		return new Domain(root == null ? new True() : root, leaves);
	}

	/**
	 * Whether any leaf names this field (Odoo then leaves out its implicit
	 * {@code active = True}).
	 */
	boolean mentions(String field) {
		return this.leaves.stream()
			.anyMatch((leaf) -> leaf.path().equals(field) || leaf.path().startsWith(field + "."));
	}

	List<Leaf> leaves() {
		return this.leaves;
	}

	boolean matches(Object row, Values values) {
		return eval(this.root, row, values);
	}

	private static boolean eval(Node node, Object row, Values values) {
		if (node instanceof And and) {
			return eval(and.left(), row, values) && eval(and.right(), row, values);
		}
		if (node instanceof Or or) {
			return eval(or.left(), row, values) || eval(or.right(), row, values);
		}
		if (node instanceof Not not) {
			return !eval(not.inner(), row, values);
		}
		if (node instanceof Leaf leaf) {
			return leaf(leaf, values.resolve(row, leaf.path()));
		}
		return true;
	}

	/**
	 * A value the double does not know (a field the recordings never showed for this
	 * record) matches no condition, positive or negative: the recordings never show such
	 * a record in a filtered answer.
	 */
	private static boolean leaf(Leaf leaf, List<JsonNode> actual) {
		if (actual == null) {
			return false;
		}
		String op = leaf.operator();
		JsonNode expected = leaf.value();
		boolean negative = op.equals("!=") || op.startsWith("not ");
		if (negative) {
			String positive = op.equals("!=") ? "=" : op.substring(4);
			return !leaf(new Leaf(leaf.path(), positive, expected), actual);
		}
		if (actual.isEmpty()) {
			// an empty x2many or a false many2one/char
			return switch (op) {
				case "=" -> isFalse(expected);
				case "in" -> expected.isArray() && contains(expected, null);
				default -> false;
			};
		}
		for (JsonNode value : actual) {
			if (one(op, value, expected)) {
				return true;
			}
		}
		return false;
	}

	private static boolean one(String op, JsonNode value, JsonNode expected) {
		boolean empty = isFalse(value);
		switch (op) {
			case "=":
				return empty ? isFalse(expected) : same(value, expected);
			case "in":
				return expected.isArray() && contains(expected, empty ? null : value);
			case "like", "ilike":
				if (empty || isFalse(expected)) {
					return false;
				}
				return like(value.asText(), "%" + expected.asText() + "%", op.equals("ilike"));
			case "=like", "=ilike":
				if (empty || isFalse(expected)) {
					return false;
				}
				return like(value.asText(), expected.asText(), op.equals("=ilike"));
			default:
				if (empty || isFalse(expected)) {
					return false;
				}
				int cmp = compare(value, expected);
				return switch (op) {
					case "<" -> cmp < 0;
					case ">" -> cmp > 0;
					case "<=" -> cmp <= 0;
					default -> cmp >= 0;
				};
		}
	}

	static boolean isFalse(JsonNode node) {
		return node == null || node.isNull() || (node.isBoolean() && !node.booleanValue())
				|| (node.isArray() && node.isEmpty());
	}

	private static boolean contains(JsonNode list, JsonNode value) {
		for (JsonNode item : (ArrayNode) list) {
			if (value == null ? isFalse(item) : same(value, item)) {
				return true;
			}
		}
		return false;
	}

	private static boolean same(JsonNode a, JsonNode b) {
		if (a.isNumber() && b.isNumber()) {
			return a.doubleValue() == b.doubleValue();
		}
		if (a.isBoolean() || b.isBoolean()) {
			return a.isBoolean() && b.isBoolean() && a.booleanValue() == b.booleanValue();
		}
		return a.asText().equals(b.asText());
	}

	private static int compare(JsonNode a, JsonNode b) {
		if (a.isNumber() && b.isNumber()) {
			return Double.compare(a.doubleValue(), b.doubleValue());
		}
		return a.asText().compareTo(b.asText());
	}

	/** SQL LIKE: {@code %} any run, {@code _} one character, {@code \} escapes. */
	static boolean like(String text, String pattern, boolean ignoreCase) {
		StringBuilder regex = new StringBuilder();
		for (int i = 0; i < pattern.length(); i++) {
			char c = pattern.charAt(i);
			if (c == '\\' && i + 1 < pattern.length()) {
				regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
			}
			else if (c == '%') {
				regex.append(".*");
			}
			else if (c == '_') {
				regex.append('.');
			}
			else {
				regex.append(Pattern.quote(String.valueOf(c)));
			}
		}
		int flags = Pattern.DOTALL | (ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
		return Pattern.compile(regex.toString(), flags).matcher(text).matches();
	}

}
