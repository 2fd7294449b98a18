package cl.smartercl.mcp.connectors.metabase;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

import cl.smartercl.mcp.connectors.config.BackendsConfig;
import cl.smartercl.mcp.connectors.config.KpiConfig;
import cl.smartercl.mcp.core.error.BackendException;
import cl.smartercl.mcp.core.error.InvalidArgumentsException;
import cl.smartercl.mcp.core.error.NotFoundException;
import cl.smartercl.mcp.core.error.ServiceUnavailableException;
import cl.smartercl.mcp.core.error.ToolException;
import cl.smartercl.mcp.core.tool.ClientChannel;
import cl.smartercl.mcp.core.tools.analytics.AnalyticsDashboards;
import cl.smartercl.mcp.core.tools.analytics.AnalyticsKpis;
import cl.smartercl.mcp.core.tools.analytics.AnalyticsKpis.KpiFormat;
import cl.smartercl.mcp.core.tools.analytics.AnalyticsKpis.KpiStatus;
import cl.smartercl.mcp.core.tools.analytics.AnalyticsPort;
import cl.smartercl.mcp.core.tools.analytics.AnalyticsReports;
import cl.smartercl.mcp.core.tools.analytics.AnalyticsReports.Format;
import cl.smartercl.mcp.core.tools.analytics.AnalyticsReports.Source;
import cl.smartercl.mcp.core.tools.common.GeneratedFile;

/**
 * The analytics tools on one tenant's Metabase. The tenant's {@code collection-id} and
 * {@code database-id} bound every call: a question or dashboard outside them is "not
 * found", exactly like one that does not exist, and SQL runs only on the tenant's
 * database.
 */
final class MetabaseConnector implements AnalyticsPort {

	private static final Pattern QUESTION_ID = Pattern.compile("\\d{1,18}");

	private static final Pattern SQL = Pattern.compile("(?is)^\\s*(select|with)\\b.*");

	private static final int PARALLEL = 4;

	private static final int MAX_SUGGESTIONS = 5;

	private static final Set<String> STOP_WORDS = Set.of("the", "and", "for", "with", "this", "that", "from", "show",
			"give", "list", "what", "which", "report", "generate", "markdown", "table", "per", "all", "top", "are",
			"how", "many", "much", "our", "into", "month", "week", "year", "today", "last");

	private final MetabaseApi api;

	private final BackendsConfig.Metabase config;

	private final Map<String, KpiConfig> kpis;

	private final MetabaseOptions options;

	private final Clock clock;

	MetabaseConnector(MetabaseApi api, BackendsConfig.Metabase config, Map<String, KpiConfig> kpis,
			MetabaseOptions options, Clock clock) {
		this.api = api;
		this.config = config;
		this.kpis = kpis;
		this.options = options;
		this.clock = clock;
	}

	// ---- analytics_kpis
	// --------------------------------------------------------------------------

	@Override
	public Mono<AnalyticsKpis.Output> kpis(AnalyticsKpis.Input input) {
		List<String> names = input.kpis().isEmpty() ? List.copyOf(this.kpis.keySet())
				: List.copyOf(new LinkedHashSet<>(input.kpis()));
		for (String name : names) {
			if (!this.kpis.containsKey(name)) {
				return Mono.error(new InvalidArgumentsException("kpis",
						"unknown KPI '" + name + "'; this tenant's KPIs are: "
								+ (this.kpis.isEmpty() ? "(none configured in the tenant's kpis: block)"
										: String.join(", ", this.kpis.keySet()))));
			}
		}
		return Flux.fromIterable(names)
			.flatMapSequential((name) -> kpi(name, this.kpis.get(name)), PARALLEL)
			.collectList()
			.map((list) -> {
				int ok = (int) list.stream().filter((kpi) -> kpi.status() == KpiStatus.OK).count();
				return new AnalyticsKpis.Output(list, ok, list.size() - ok);
			});
	}

	private Mono<AnalyticsKpis.Kpi> kpi(String name, KpiConfig kpi) {
		KpiFormat format = KpiFormat.valueOf(kpi.format().toUpperCase(Locale.ROOT));
		String unit = MetabaseMapper.unit(format, kpi.unit());
		long id = kpi.question();
		return questionOf(id).flatMap((card) -> {
			AnalyticsKpis.Question question = question(card);
			return this.api.runCard(id, parameters(kpi.parameters())).map((result) -> {
				JsonNode rows = result.path("data").path("rows");
				String why = null;
				BigDecimal value = null;
				if (rows.isEmpty()) {
					why = "question '" + question.name() + "' (" + id + ") answered no rows, so no value";
				}
				else if (rows.size() > 1) {
					why = "question '" + question.name() + "' (" + id + ") answers " + rows.size()
							+ " rows, not one value; map the KPI to a question that answers one number";
				}
				else {
					value = MetabaseMapper.number(rows.path(0).path(0));
					if (value == null) {
						JsonNode cell = rows.path(0).path(0);
						why = "question '" + question.name() + "' (" + id + ") answers "
								+ (cell.isNull() ? "null" : "'" + shorten(cell.asString(cell.toString())) + "'")
								+ ", not a number";
					}
				}
				if (why != null) {
					return new AnalyticsKpis.Kpi(name, KpiStatus.NO_VALUE, null, unit, format, null, question,
							this.clock.instant(), why);
				}
				return new AnalyticsKpis.Kpi(name, KpiStatus.OK, value, unit, format,
						MetabaseMapper.display(value, format, kpi.unit(), kpi.decimals()), question,
						this.clock.instant(), null);
			});
		})
			.onErrorResume(ToolException.class,
					(ex) -> Mono.just(new AnalyticsKpis.Kpi(name, KpiStatus.ERROR, null, unit, format, null,
							new AnalyticsKpis.Question(id, null, this.api.questionLink(id).toString()),
							this.clock.instant(), ex.getMessage())));
	}

	/**
	 * Metabase's parameter list for template tags: {@code [{type, target: ["variable",
	 * ["template-tag", name]], value}]}.
	 */
	private static ArrayNode parameters(Map<String, String> values) {
		ArrayNode parameters = MetabaseApi.JSON.createArrayNode();
		values.forEach((tag, value) -> {
			var parameter = parameters.addObject();
			parameter.put("type", "category");
			ArrayNode target = parameter.putArray("target");
			target.add("variable");
			target.addArray().add("template-tag").add(tag);
			parameter.put("value", value);
		});
		return parameters;
	}

	// ---- analytics_dashboards
	// --------------------------------------------------------------------

	@Override
	public Mono<AnalyticsDashboards.Output> dashboards(AnalyticsDashboards.Input input) {
		int max = this.options.maxDashboards();
		// GET /api/dashboard is deprecated: search, then read each dashboard [DASH]
		return this.api.search("dashboard", null, 1000).flatMap((listing) -> {
			List<JsonNode> mine = listing.items()
				.stream()
				.filter((item) -> "dashboard".equals(item.path("model").asString("dashboard")))
				.filter((item) -> !item.path("archived").asBoolean(false))
				.filter((item) -> inCollection(item.path("collection").path("id")))
				.toList();
			boolean truncated = listing.truncated() || mine.size() > max;
			return Flux.fromIterable(mine.subList(0, Math.min(max, mine.size())))
				.flatMapSequential((item) -> this.api.dashboard(item.path("id").asLong())
					.filter((detail) -> inCollection(detail.path("collection_id")))
					.map((detail) -> MetabaseMapper.dashboard(detail, item,
							this.api.dashboardLink(detail.path("id").asLong()).toString()))
					// removed between the search and the read
					.onErrorResume(NotFoundException.class, (ex) -> Mono.empty()), PARALLEL)
				.collectList()
				.map((list) -> new AnalyticsDashboards.Output(list, list.size(), truncated));
		});
	}

	// ---- analytics_reports
	// -----------------------------------------------------------------------

	@Override
	public Mono<AnalyticsReports.Output> report(AnalyticsReports.Input input, ClientChannel channel) {
		int limit = (input.limit() == null) ? AnalyticsReports.MAX_ROWS : input.limit();
		if (limit < 1 || limit > AnalyticsReports.MAX_ROWS) {
			return Mono.error(new InvalidArgumentsException("limit", "must be from 1 to " + AnalyticsReports.MAX_ROWS));
		}
		String query = (input.query() == null) ? "" : input.query().strip();
		if (query.isEmpty()) {
			return Mono
				.error(new InvalidArgumentsException("query", "must name a saved question, hold SQL, or ask in words"));
		}
		if (QUESTION_ID.matcher(query).matches()) {
			return questionOf(Long.parseLong(query)).flatMap((card) -> runQuestion(card, input.format(), limit));
		}
		if (SQL.matcher(query).matches()) {
			return Mono.defer(() -> runSql(ReadOnlySql.check(query, "query"), input.format(), limit, null));
		}
		return this.api.search("card", query, 200).flatMap((listing) -> {
			List<JsonNode> named = listing.items()
				.stream()
				.filter((item) -> "card".equals(item.path("model").asString("card")))
				.filter((item) -> inCollection(item.path("collection").path("id")))
				.filter((item) -> item.path("name").asString("").equalsIgnoreCase(query))
				.toList();
			if (named.size() > 1) {
				String matches = named.stream()
					.map((item) -> item.path("id").asLong() + " (" + item.path("description").asString("no description")
							+ ")")
					.collect(Collectors.joining("; "));
				return Mono.error(new InvalidArgumentsException("query", "'" + query + "' names " + named.size()
						+ " saved questions: " + matches + "; pass the id of the one you mean"));
			}
			if (named.size() == 1) {
				return questionOf(named.get(0).path("id").asLong())
					.flatMap((card) -> runQuestion(card, input.format(), limit));
			}
			return inWords(query, input.format(), limit, channel);
		});
	}

	private Mono<AnalyticsReports.Output> inWords(String request, Format format, int limit, ClientChannel channel) {
		if (!channel.canSample() || this.config.databaseId() == null) {
			String why = channel.canSample() ? "the tenant has no backends.metabase.database-id to write SQL for"
					: "this client offers no sampling, so no model can write SQL for it";
			return suggestions(request, format, why);
		}
		long database = this.config.databaseId();
		return this.api.metadata(database)
			.flatMap((metadata) -> channel
				.sample(SqlPrompt.SYSTEM, SqlPrompt.userMessage(request, metadata), SqlPrompt.MAX_TOKENS)
				.onErrorMap((ex) -> !(ex instanceof ToolException),
						(ex) -> new BackendException("sampling",
								"the client's model did not answer (" + ex.getMessage() + ")", ex)))
			.flatMap((reply) -> {
				String sql = SqlPrompt.sqlOf(reply);
				String checked;
				try {
					checked = ReadOnlySql.check(sql, "query");
				}
				catch (InvalidArgumentsException ex) {
					return Mono.error(new BackendException("sampling",
							"the SQL the client's model wrote was not run: "
									+ ex.getMessage().replaceFirst("^Invalid argument 'query': ", "") + " (SQL: "
									+ shorten(sql) + ")"));
				}
				return runSql(checked, format, limit,
						"SQL written by the client's model from the request; check it before relying on the numbers");
			});
	}

	private Mono<AnalyticsReports.Output> suggestions(String request, Format format, String why) {
		Set<String> words = words(request);
		return this.api.search("card", null, 1000).map((listing) -> {
			record Scored(JsonNode item, List<String> shared) {
			}
			List<Scored> scored = new ArrayList<>();
			for (JsonNode item : listing.items()) {
				if (!"card".equals(item.path("model").asString("card"))
						|| !inCollection(item.path("collection").path("id"))) {
					continue;
				}
				Set<String> theirs = words(
						item.path("name").asString("") + " " + item.path("description").asString(""));
				List<String> shared = words.stream().filter(theirs::contains).toList();
				if (!shared.isEmpty()) {
					scored.add(new Scored(item, shared));
				}
			}
			scored.sort(Comparator.comparingInt((Scored s) -> -s.shared().size()));
			List<AnalyticsReports.Suggestion> suggestions = scored.stream()
				.limit(MAX_SUGGESTIONS)
				.map((s) -> new AnalyticsReports.Suggestion(s.item().path("id").asLong(),
						s.item().path("name").asString(null), s.item().path("description").asString(null),
						"shares the words: " + String.join(", ", s.shared())))
				.toList();
			String note = "No saved question is named '" + shorten(request) + "' and " + why + "; nothing ran. "
					+ (suggestions.isEmpty() ? "No saved question shares its words either."
							: "Run one of the suggestions by its id.");
			return new AnalyticsReports.Output(Source.SUGGESTIONS, null, null, format, List.of(), null, null, null, 0,
					null, false, suggestions, note);
		});
	}

	private static Set<String> words(String text) {
		Set<String> words = new LinkedHashSet<>();
		for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
			String stem = word.endsWith("s") && word.length() > 4 ? word.substring(0, word.length() - 1) : word;
			if (stem.length() >= 3 && !STOP_WORDS.contains(stem) && !STOP_WORDS.contains(word)) {
				words.add(stem);
			}
		}
		return words;
	}

	private Mono<AnalyticsReports.Output> runQuestion(JsonNode card, Format format, int limit) {
		AnalyticsKpis.Question question = question(card);
		long id = question.id();
		if (format == Format.CSV) {
			return this.api.exportCard(id, MetabaseApi.JSON.createArrayNode(), this.config.maxCsvBytes())
				.map((bytes) -> csv(Source.QUESTION, question, null, fileName(question.name()), bytes, null));
		}
		return this.api.runCard(id, MetabaseApi.JSON.createArrayNode())
			.map((result) -> rows(Source.QUESTION, question, null, format, limit, result, null));
	}

	private Mono<AnalyticsReports.Output> runSql(String sql, Format format, int limit, String note) {
		Long database = this.config.databaseId();
		if (database == null) {
			return Mono.error(new ServiceUnavailableException(MetabaseApi.SERVICE,
					"SQL needs the tenant's backends.metabase.database-id, which is not configured"));
		}
		if (format == Format.CSV) {
			return this.api.exportSql(database, sql, this.config.maxCsvBytes())
				.map((bytes) -> csv(Source.SQL, null, sql, "query_result.csv", bytes, note));
		}
		return this.api.runSql(database, sql).map((result) -> rows(Source.SQL, null, sql, format, limit, result, note));
	}

	private AnalyticsReports.Output rows(Source source, AnalyticsKpis.Question question, String sql, Format format,
			int limit, JsonNode result, String note) {
		JsonNode data = result.path("data");
		int returned = data.path("rows").size();
		// Metabase stops JSON answers at 2,000 rows and says so in data.rows_truncated
		// [ROWS]
		boolean capped = data.has("rows_truncated") || returned >= AnalyticsReports.MAX_ROWS;
		List<AnalyticsReports.Column> columns = MetabaseMapper.columns(result);
		List<List<Object>> rows = MetabaseMapper.rows(result, limit);
		boolean truncated = capped || returned > rows.size();
		List<String> notes = new ArrayList<>();
		if (note != null) {
			notes.add(note);
		}
		if (capped) {
			notes.add("Metabase returns at most " + AnalyticsReports.MAX_ROWS
					+ " rows as JSON; the query has more. Ask for format csv to get every row.");
		}
		else if (returned > rows.size()) {
			notes.add("Showing " + rows.size() + " of " + returned + " rows (limit).");
		}
		Long total = capped ? null : (long) returned;
		String text = (format == Format.MARKDOWN) ? MetabaseMapper.markdown(columns, rows) : null;
		return new AnalyticsReports.Output(source, question, sql, format, columns,
				(format == Format.JSON) ? rows : null, text, null, rows.size(), total, truncated, null,
				notes.isEmpty() ? null : String.join(" ", notes));
	}

	private static AnalyticsReports.Output csv(Source source, AnalyticsKpis.Question question, String sql, String file,
			byte[] bytes, String note) {
		String content = new String(bytes, StandardCharsets.UTF_8);
		int records = MetabaseMapper.csvRecords(content);
		return new AnalyticsReports.Output(source, question, sql, Format.CSV, List.of(), null, null,
				List.of(new GeneratedFile(file, content)), records, (long) records, false, null, note);
	}

	private static String fileName(String name) {
		String slug = (name == null) ? ""
				: name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
		return (slug.isEmpty() ? "question" : slug) + ".csv";
	}

	// ---- tenant bounds
	// ---------------------------------------------------------------------------

	/**
	 * A saved question of the tenant: in its collection, on its database, not archived;
	 * else not found.
	 */
	private Mono<JsonNode> questionOf(long id) {
		return this.api.card(id).flatMap((card) -> {
			boolean mine = inCollection(card.path("collection_id")) && onDatabase(card.path("database_id"))
					&& !card.path("archived").asBoolean(false);
			return mine ? Mono.just(card) : Mono.error(new NotFoundException("Question", Long.toString(id),
					"Find saved questions with analytics_dashboards or by name"));
		});
	}

	private boolean inCollection(JsonNode collectionId) {
		Long mine = this.config.collectionId();
		return mine == null
				|| (collectionId.canConvertToLong() && collectionId.isNumber() && collectionId.asLong() == mine);
	}

	private boolean onDatabase(JsonNode databaseId) {
		Long mine = this.config.databaseId();
		return mine == null || (databaseId.isNumber() && databaseId.asLong() == mine);
	}

	private AnalyticsKpis.Question question(JsonNode card) {
		long id = card.path("id").asLong();
		return new AnalyticsKpis.Question(id, card.path("name").asString(null), this.api.questionLink(id).toString());
	}

	private static String shorten(String text) {
		String line = (text == null) ? "" : text.strip().replaceAll("\\s+", " ");
		return (line.length() > 200) ? line.substring(0, 200) + "…" : line;
	}

}
