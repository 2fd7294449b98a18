package cl.smartercl.mcp.connectors.codegen;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a plain description into a trigger and ordered steps, clause by clause, and keeps
 * the clauses it could not read. It understands: schedules in words
 * ({@link SchedulePhrase}), webhooks, Shopify events, reads and writes of
 * Postgres/Supabase tables, HTTP calls to a URL, S3 uploads, Slack and email.
 */
final class DescriptionReader {

	enum Action {

		DB_READ, DB_WRITE, HTTP, S3, SLACK, EMAIL

	}

	/** {@code service}: postgres, supabase, s3, slack, email, http, shopify. */
	record Step(int at, Action action, String service, String target, String detail, String text) {
	}

	enum TriggerKind {

		SCHEDULE, WEBHOOK, SHOPIFY, NONE

	}

	record Trigger(TriggerKind kind, String label, SchedulePhrase schedule, String topic, String entity, String path) {
	}

	record Ask(Trigger trigger, List<Step> steps, List<String> unmapped, List<String> notes, String timezone) {
	}

	private static final Pattern CLAUSE_BREAK = Pattern
		.compile("[.;,\\n]+|\\s+(?:and then|then|and|after that|afterwards)\\s+");

	private static final Pattern URL = Pattern.compile("(?i)https?://[^\\s'\"<>)]+[^\\s'\"<>).,;]");

	private static final Pattern WEBHOOK = Pattern.compile(
			"\\b(webhooks?|http (?:post|request|call)s?|incoming (?:request|call|post)s?|(?:post|http) endpoint|form (?:is )?submitted|request comes in)\\b");

	private static final Pattern WEBHOOK_PATH = Pattern.compile("(?:path|at|on|url)\\s+[\"'`]?/([a-z0-9][a-z0-9/_-]*)");

	private static final Pattern SHOPIFY_EVENT = Pattern.compile(
			"\\b(?:when|whenever|each time|every time|on|for each|for every|new)\\b.*\\b(orders?|customers?|products?|checkouts?)\\b|\\b(orders?|customers?|products?|checkouts?)\\b.*\\b(?:is|are|gets?)\\b");

	private static final Pattern TABLE_BEFORE = Pattern
		.compile("\\b([a-z_][a-z0-9_]*(?:\\.[a-z_][a-z0-9_]*)?)\\s+table\\b");

	private static final Pattern TABLE_AFTER = Pattern
		.compile("\\btable\\s+[\"'`]?([a-z_][a-z0-9_]*(?:\\.[a-z_][a-z0-9_]*)?)");

	private static final Set<String> NOT_TABLES = Set.of("the", "a", "an", "that", "this", "my", "our", "your", "its",
			"their", "database", "db", "supabase", "postgres", "postgresql", "same", "new", "sql", "to", "into", "in",
			"from");

	private static final Pattern DB_WORD = Pattern.compile("\\b(postgres(?:ql)?|supabase|database|db|table|sql)\\b");

	private static final Pattern READ_VERB = Pattern.compile(
			"\\b(back(?:s|ing)? ?up|backups?|export|dump|copy|read|fetch|get|load|query|select|pull|extract|upload|archive)\\b");

	private static final Pattern WRITE_VERB = Pattern
		.compile("\\b(insert|save|store|write|add|upsert|record|log|put|persist|sync|create (?:a )?(?:row|record))\\b");

	private static final Pattern S3 = Pattern.compile("\\b(s3|bucket|minio)\\b");

	private static final Pattern S3_URI = Pattern.compile("s3://([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(/[^\\s]*)?");

	private static final Pattern BUCKET_AFTER = Pattern
		.compile("\\bbucket\\s+(?:named\\s+|called\\s+)?[\"'`]?([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])");

	private static final Pattern BUCKET_BEFORE = Pattern
		.compile("[\"'`]?([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])[\"'`]?\\s+(?:s3\\s+)?bucket\\b");

	private static final Set<String> NOT_BUCKETS = Set.of("the", "an", "s3", "my", "our", "your", "that", "this", "its",
			"aws", "to", "in", "into", "named", "called", "minio");

	private static final Pattern SLACK = Pattern.compile("\\bslack\\b");

	private static final Pattern CHANNEL = Pattern.compile("#([a-z0-9][a-z0-9_-]{0,79})");

	private static final Pattern EMAIL = Pattern
		.compile("\\b(e-?mails?|send (?:a |an )?mail|mail (?:it|them|the|a|to))\\b");

	private static final Pattern ADDRESS = Pattern.compile("[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}");

	private static final Pattern NOTIFY = Pattern
		.compile("\\b(notify|alert|inform|let [a-z ]{1,20} know|send a notification)\\b");

	/**
	 * A quoted message; a quote opens after a space and closes before one, so "it's" and
	 * "customer's" are not quotes.
	 */
	private static final Pattern QUOTED = Pattern
		.compile("(?:^|[\\s:(])[\"“']([^\"”']{3,200})[\"”'](?=$|[\\s.,;:!?)])");

	private static final Pattern POST_VERB = Pattern.compile("\\b(post|send|push|submit|forward|notify|deliver)\\b");

	private static final Pattern TIMEZONE = Pattern
		.compile("\\b((?:Africa|America|Asia|Atlantic|Australia|Europe|Pacific)/[A-Za-z_]+(?:/[A-Za-z_]+)?|UTC)\\b");

	private static final Set<String> FILLER = Set.of("please", "also", "it", "them", "the", "a", "an", "workflow",
			"n8n", "create", "build", "make", "i", "want", "need", "that", "which", "to", "and", "then", "with", "me",
			"us", "we");

	private DescriptionReader() {
	}

	static Ask read(String description, List<String> services) {
		String lower = description.toLowerCase(Locale.ROOT);
		// URLs and quoted messages keep their case; offsets match unless lower-casing
		// changed the length
		String source = (lower.length() == description.length()) ? description : lower;
		List<String> notes = new ArrayList<>();
		Trigger trigger = trigger(lower, notes);
		if (trigger.kind() == TriggerKind.SHOPIFY && !services.isEmpty() && !services.contains("shopify")) {
			notes.add("Shopify is not among the allowed services, so the workflow starts from its webhook instead.");
			trigger = new Trigger(TriggerKind.NONE, "On demand", null, null, trigger.entity(), null);
		}
		List<Step> steps = new ArrayList<>();
		List<String> unmapped = new ArrayList<>();
		for (int[] clause : clauses(lower)) {
			String text = lower.substring(clause[0], clause[1]);
			String original = source.substring(clause[0], clause[1]);
			List<Step> found = steps(text, original, clause[0], trigger, services, notes);
			boolean triggerHere = isTriggerClause(trigger, text, clause);
			if (found.isEmpty() && !triggerHere && meaningful(text)) {
				unmapped.add(original.strip());
			}
			for (Step step : found) {
				if (!services.isEmpty() && !services.contains(step.service())) {
					unmapped.add(original.strip() + " (needs " + step.service()
							+ ", which is not among the allowed services)");
				}
				else {
					steps.add(step);
				}
			}
		}
		steps.sort(Comparator.comparingInt(Step::at));
		Matcher zone = TIMEZONE.matcher(description);
		return new Ask(trigger, steps, unmapped, notes, zone.find() ? zone.group(1) : null);
	}

	private static Trigger trigger(String lower, List<String> notes) {
		int shopify = lower.indexOf("shopify");
		if (shopify >= 0) {
			int[] clause = clauseAround(lower, shopify);
			Matcher event = SHOPIFY_EVENT.matcher(lower.substring(clause[0], clause[1]));
			if (event.find()) {
				String entity = plural(event.group(1) != null ? event.group(1) : event.group(2));
				String clauseText = lower.substring(clause[0], clause[1]);
				String topic = entity + "/" + shopifyEvent(entity, clauseText);
				return new Trigger(TriggerKind.SHOPIFY, "Shopify " + topic, null, topic, entity, null);
			}
		}
		Optional<SchedulePhrase> schedule = SchedulePhrase.find(lower);
		if (schedule.isPresent()) {
			notes.addAll(schedule.get().notes());
			return new Trigger(TriggerKind.SCHEDULE, schedule.get().label(), schedule.get(), null, null, null);
		}
		Matcher webhook = WEBHOOK.matcher(lower);
		if (webhook.find()) {
			Matcher path = WEBHOOK_PATH.matcher(lower);
			return new Trigger(TriggerKind.WEBHOOK, "Webhook", null, null, null, path.find() ? path.group(1) : null);
		}
		return new Trigger(TriggerKind.NONE, "On demand", null, null, null, null);
	}

	private static boolean isTriggerClause(Trigger trigger, String text, int[] clause) {
		return switch (trigger.kind()) {
			case SCHEDULE -> trigger.schedule().spans().stream().anyMatch((s) -> s[0] < clause[1] && s[1] > clause[0]);
			case SHOPIFY -> text.contains("shopify");
			case WEBHOOK -> WEBHOOK.matcher(text).find();
			case NONE -> text.contains("manually") || text.contains("on demand") || text.contains("on-demand");
		};
	}

	private static List<Step> steps(String text, String original, int offset, Trigger trigger, List<String> services,
			List<String> notes) {
		List<Step> steps = new ArrayList<>();
		Matcher url = URL.matcher(original);
		while (url.find()) {
			String method = POST_VERB.matcher(text).find() ? "POST" : "GET";
			steps.add(new Step(offset + url.start(), Action.HTTP, "http", url.group(), method, null));
		}
		boolean s3 = S3.matcher(text).find();
		String table = table(text);
		if (DB_WORD.matcher(text).find() || table != null) {
			String engine = engine(text, services);
			int readAt = first(READ_VERB, text);
			int writeAt = first(WRITE_VERB, text);
			// a table that goes to S3 is read; otherwise the first verb decides, and
			// without one an
			// incoming event is written while a schedule reads
			boolean reads = s3 || (readAt >= 0 && (writeAt < 0 || readAt < writeAt))
					|| (readAt < 0 && writeAt < 0 && trigger.kind() == TriggerKind.SCHEDULE);
			if (table == null && !reads && trigger.entity() != null) {
				table = trigger.entity();
				notes.add("No table named for the " + engine + " write: it writes to '" + table + "'.");
			}
			if (table != null) {
				int tableAt = Math.max(0, text.indexOf(table));
				int at = (reads && readAt >= 0) ? Math.min(readAt, tableAt) : tableAt;
				steps.add(new Step(offset + at, reads ? Action.DB_READ : Action.DB_WRITE, engine, table, null, null));
			}
			else {
				notes.add("'" + text.strip() + "' names no table, so it has no database step.");
			}
		}
		if (s3) {
			Matcher s3Word = S3.matcher(text);
			s3Word.find();
			String[] bucket = bucket(text);
			steps.add(new Step(offset + s3Word.start(), Action.S3, "s3", bucket[0], bucket[1], null));
		}
		Matcher slack = SLACK.matcher(text);
		boolean slackHere = slack.find();
		Matcher email = EMAIL.matcher(text);
		boolean emailHere = email.find();
		Matcher notify = NOTIFY.matcher(text);
		if (!slackHere && !emailHere && notify.find()) {
			// "notify the team": Slack when allowed or a #channel is named, else email
			// when allowed or addressed
			if (services.contains("slack") || text.contains("#")) {
				slackHere = true;
				slack = notify;
			}
			else if (services.contains("email") || ADDRESS.matcher(text).find()) {
				emailHere = true;
				email = notify;
			}
		}
		if (slackHere) {
			Matcher channel = CHANNEL.matcher(text);
			steps.add(new Step(offset + slack.start(), Action.SLACK, "slack",
					channel.find() ? "#" + channel.group(1) : "", null, quoted(original)));
		}
		if (emailHere) {
			String from = "";
			List<String> to = new ArrayList<>();
			Matcher address = ADDRESS.matcher(text);
			while (address.find()) {
				boolean isFrom = text.substring(Math.max(0, address.start() - 6), address.start()).contains("from");
				if (isFrom) {
					from = address.group();
				}
				else {
					to.add(address.group());
				}
			}
			steps.add(new Step(offset + email.start(), Action.EMAIL, "email", String.join(",", to), from,
					quoted(original)));
		}
		return steps;
	}

	private static int first(Pattern pattern, String text) {
		Matcher m = pattern.matcher(text);
		return m.find() ? m.start() : -1;
	}

	private static String engine(String text, List<String> services) {
		if (text.contains("supabase")) {
			return "supabase";
		}
		if (text.matches("(?s).*\\b(postgres(?:ql)?|pg)\\b.*")) {
			return "postgres";
		}
		return (services.contains("supabase") && !services.contains("postgres")) ? "supabase" : "postgres";
	}

	private static String table(String text) {
		for (Pattern pattern : List.of(TABLE_BEFORE, TABLE_AFTER)) {
			Matcher m = pattern.matcher(text);
			while (m.find()) {
				if (!NOT_TABLES.contains(m.group(1))) {
					return m.group(1);
				}
			}
		}
		return null;
	}

	/** [bucket, key prefix]; the bucket is empty when the text names none. */
	private static String[] bucket(String text) {
		Matcher uri = S3_URI.matcher(text);
		if (uri.find()) {
			String prefix = (uri.group(2) == null) ? "" : uri.group(2).replaceAll("^/+", "");
			return new String[] { uri.group(1), prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/" };
		}
		for (Pattern pattern : List.of(BUCKET_AFTER, BUCKET_BEFORE)) {
			Matcher m = pattern.matcher(text);
			while (m.find()) {
				if (!NOT_BUCKETS.contains(m.group(1))) {
					return new String[] { m.group(1), "" };
				}
			}
		}
		return new String[] { "", "" };
	}

	private static String shopifyEvent(String entity, String clause) {
		if (clause.contains("paid") && entity.equals("orders")) {
			return "paid";
		}
		if (clause.contains("cancel") && entity.equals("orders")) {
			return "cancelled";
		}
		if (clause.contains("fulfill") && entity.equals("orders")) {
			return "fulfilled";
		}
		if (clause.contains("delet")) {
			return "delete";
		}
		if (clause.contains("updat") || clause.contains("chang")) {
			return entity.equals("orders") ? "updated" : "update";
		}
		return "create";
	}

	private static String plural(String entity) {
		return entity.endsWith("s") ? entity : entity + "s";
	}

	private static String quoted(String text) {
		Matcher m = QUOTED.matcher(text);
		return m.find() ? m.group(1) : null;
	}

	private static List<int[]> clauses(String text) {
		List<int[]> clauses = new ArrayList<>();
		Matcher m = CLAUSE_BREAK.matcher(text);
		int start = 0;
		while (m.find()) {
			if (insideUrlOrAddress(text, m.start())) {
				continue;
			}
			if (m.start() > start) {
				clauses.add(new int[] { start, m.start() });
			}
			start = m.end();
		}
		if (start < text.length()) {
			clauses.add(new int[] { start, text.length() });
		}
		return clauses;
	}

	/** A '.' inside a URL, a bucket name or an email address does not end a clause. */
	private static boolean insideUrlOrAddress(String text, int at) {
		if (text.charAt(at) != '.' || at + 1 >= text.length() || Character.isWhitespace(text.charAt(at + 1))) {
			return false;
		}
		return at > 0 && !Character.isWhitespace(text.charAt(at - 1));
	}

	private static int[] clauseAround(String text, int at) {
		for (int[] clause : clauses(text)) {
			if (clause[0] <= at && at < clause[1]) {
				return clause;
			}
		}
		return new int[] { 0, text.length() };
	}

	private static boolean meaningful(String clause) {
		for (String word : clause.split("[^a-z0-9#@]+")) {
			if (!word.isBlank() && !FILLER.contains(word)) {
				return true;
			}
		}
		return false;
	}

}
