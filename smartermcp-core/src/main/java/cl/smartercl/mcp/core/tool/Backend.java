package cl.smartercl.mcp.core.tool;

import java.util.Arrays;
import java.util.Optional;

/**
 * The backends a tenant may configure, one per key under {@code backends:} of the tenants
 * file (DESIGN.md, configuration contract). A tool that needs one is served to a tenant
 * only when the tenant configures it and a connector turns that configuration into ports.
 */
public enum Backend {

	N8N("n8n"), DOCKER("docker"), SUPABASE("supabase"), ODOO("odoo"), CHATWOOT("chatwoot"), BOTPRESS("botpress"),
	METABASE("metabase"), PROMETHEUS("prometheus");

	/** Where the configuration contract is explained to operators. */
	public static final String CONFIGURATION_DOC = "docs/configuration.md";

	private final String id;

	Backend(String id) {
		this.id = id;
	}

	/** The name in the tenants file, errors and logs, e.g. {@code odoo}. */
	public String id() {
		return this.id;
	}

	/** The tenants-file key that configures it, e.g. {@code backends.odoo}. */
	public String configKey() {
		return "backends." + this.id;
	}

	public static Optional<Backend> fromId(String id) {
		return Arrays.stream(values()).filter((b) -> b.id.equals(id)).findFirst();
	}

	@Override
	public String toString() {
		return this.id;
	}

}
