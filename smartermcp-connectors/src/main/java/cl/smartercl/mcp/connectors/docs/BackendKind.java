package cl.smartercl.mcp.connectors.docs;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import cl.smartercl.mcp.connectors.config.BackendsConfig;

/**
 * The kinds of backend SmarterMCP knows, with the names operators give their services.
 */
enum BackendKind {

	N8N("n8n", "n8n", List.of()),

	DOCKER("docker", "Docker Engine", List.of("podman", "dockerd")),

	SUPABASE("supabase", "Supabase / PostgreSQL", List.of("postgres", "postgresql", "postgrest", "pg")),

	ODOO("odoo", "Odoo", List.of()),

	CHATWOOT("chatwoot", "Chatwoot", List.of()),

	BOTPRESS("botpress", "Botpress", List.of()),

	METABASE("metabase", "Metabase", List.of()),

	PROMETHEUS("prometheus", "Prometheus", List.of()) {
		// infra_metrics is declared against docker, its fallback; with Prometheus it
		// reads range queries
		@Override
		List<String> alsoUsedBy() {
			return List.of("infra_metrics");
		}
	};

	private final String id;

	private final String title;

	private final List<String> aliases;

	BackendKind(String id, String title, List<String> aliases) {
		this.id = id;
		this.title = title;
		this.aliases = aliases;
	}

	String id() {
		return this.id;
	}

	String title() {
		return this.title;
	}

	/** Tools that use this backend although the catalog names another one as theirs. */
	List<String> alsoUsedBy() {
		return List.of();
	}

	/** The kind a backend name stands for, e.g. {@code n8n} or {@code postgres}. */
	static Optional<BackendKind> named(String name) {
		String wanted = name.toLowerCase(Locale.ROOT);
		return Arrays.stream(values())
			.filter((kind) -> kind.id.equals(wanted) || kind.aliases.contains(wanted))
			.findFirst();
	}

	/**
	 * The kind a registry name suggests: equal to a kind or alias, or starting with one
	 * followed by a separator ({@code odoo-prod}, {@code supabase_db}).
	 */
	static Optional<BackendKind> guess(String name) {
		if (name == null) {
			return Optional.empty();
		}
		String lower = name.toLowerCase(Locale.ROOT);
		Optional<BackendKind> exact = named(lower);
		if (exact.isPresent()) {
			return exact;
		}
		return Arrays.stream(values())
			.filter((kind) -> startsWithWord(lower, kind.id)
					|| kind.aliases.stream().anyMatch((a) -> startsWithWord(lower, a)))
			.findFirst();
	}

	private static boolean startsWithWord(String name, String word) {
		return name.startsWith(word) && name.length() > word.length()
				&& "-_. ".indexOf(name.charAt(word.length())) >= 0;
	}

	boolean configuredIn(BackendsConfig backends) {
		return switch (this) {
			case N8N -> backends.n8n() != null;
			case DOCKER -> backends.docker() != null;
			case SUPABASE -> backends.supabase() != null;
			case ODOO -> backends.odoo() != null;
			case CHATWOOT -> backends.chatwoot() != null;
			case BOTPRESS -> backends.botpress() != null;
			case METABASE -> backends.metabase() != null;
			case PROMETHEUS -> backends.prometheus() != null;
		};
	}

}
