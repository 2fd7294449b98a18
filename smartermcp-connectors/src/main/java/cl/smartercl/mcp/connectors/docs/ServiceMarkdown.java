package cl.smartercl.mcp.connectors.docs;

import java.util.List;
import java.util.Map;

/**
 * The markdown of {@code docs_services}: the bundled page, then what holds for this
 * tenant.
 */
final class ServiceMarkdown {

	private ServiceMarkdown() {
	}

	static String render(ServiceTarget target, String bundled, String description, List<String> tools,
			Map<String, String> configuration, DocumentationService.Health health) {
		// sized for the bundled page plus this tenant's part, so the builder does not
		// grow in steps
		StringBuilder md = new StringBuilder(((bundled != null) ? bundled.length() : 256) + 1024);
		if (bundled != null) {
			md.append(bundled.strip()).append("\n\n");
		}
		else {
			md.append("# ").append(target.name()).append("\n\n").append(description).append("\n\n");
		}
		md.append("## This tenant's `").append(target.id()).append("`\n\n");
		if (target.service() != null && target.service().docs() != null) {
			md.append(target.service().docs().strip()).append("\n\n");
		}
		md.append("- Health: ").append(health.status());
		if (health.detail() != null) {
			md.append(" — ").append(health.detail());
		}
		md.append("\n");
		if (health.version() != null) {
			md.append("- Version: ").append(health.version()).append("\n");
		}
		md.append("\n| setting | value |\n|---|---|\n");
		configuration.forEach((key,
				value) -> md.append("| ").append(key).append(" | ").append(value.replace("|", "\\|")).append(" |\n"));
		md.append("\nTools that use it: ").append(String.join(", ", tools)).append(".\n");
		return md.toString();
	}

}
