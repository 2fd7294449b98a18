package cl.smartercl.mcp.core.error;

import java.util.Map;

/**
 * A thing a tool was asked about does not exist, e.g. {@code Service 'crm' not found}.
 * HTTP 404.
 */
public final class NotFoundException extends ToolException {

	private final String kind;

	private final String id;

	public NotFoundException(String kind, String id) {
		this(kind, id, null);
	}

	/**
	 * @param hint an extra sentence, e.g. the valid ids; may be {@code null}
	 */
	public NotFoundException(String kind, String id, String hint) {
		super("not_found", 404, false, kind + " '" + id + "' not found" + (hint == null ? "" : ". " + hint), null);
		this.kind = kind;
		this.id = id;
	}

	@Override
	public Map<String, Object> details() {
		return Map.of("kind", this.kind, "id", this.id);
	}

}
