package cl.smartercl.mcp.connectors.chatwoot;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import cl.smartercl.mcp.core.error.InvalidArgumentsException;
import cl.smartercl.mcp.core.tools.common.Cursor;
import cl.smartercl.mcp.core.tools.common.Period;
import cl.smartercl.mcp.core.tools.support.Conversation;
import cl.smartercl.mcp.core.tools.support.ConversationsPage;
import cl.smartercl.mcp.core.tools.support.SupportAgentsStatus;
import cl.smartercl.mcp.core.tools.support.SupportConversationsList;
import cl.smartercl.mcp.core.tools.support.SupportConversationsSearch;
import cl.smartercl.mcp.core.tools.support.SupportMetrics;
import cl.smartercl.mcp.core.tools.support.SupportPort;

/** The support tools on one Chatwoot account. */
final class ChatwootConnector implements SupportPort {

	private static final Pattern NUMBER = Pattern.compile("#?(\\d{1,9})");

	private static final Pattern PHONE = Pattern.compile("\\+?[\\d\\s().-]{6,}");

	private static final Set<String> ASSIGNEE_TYPES = Set.of("me", "unassigned", "assigned", "all");

	private static final Duration INBOXES_TTL = Duration.ofMinutes(5);

	/** Most search matches listed. */
	private static final int MAX_MATCHES = 25;

	private final ChatwootApi api;

	private final ChatwootMapper mapper;

	private final ChatwootOptions options;

	private final ZoneId zone;

	private final Clock clock;

	/**
	 * The account's inboxes by id, for their names; inboxes change rarely, so they are
	 * read every few minutes.
	 */
	private final Mono<Map<Long, Conversation.Inbox>> inboxes;

	ChatwootConnector(ChatwootApi api, ChatwootOptions options, ZoneId zone, Clock clock) {
		this.api = api;
		this.mapper = new ChatwootMapper(api::link);
		this.options = options;
		this.zone = zone;
		this.clock = clock;
		this.inboxes = api.inboxes()
			.map(this.mapper::inboxes)
			.cache((found) -> INBOXES_TTL, (error) -> Duration.ZERO, () -> Duration.ZERO);
	}

	// ---- support_conversations_list
	// --------------------------------------------------------------

	@Override
	public Mono<ConversationsPage> listConversations(SupportConversationsList.Input input) {
		String status = input.status().value();
		// the cursor is bound to the status, so a cursor of another listing is refused,
		// not misapplied
		int offset = Cursor.decodeOffset("chatwoot-conversations-" + status, input.cursor());
		String assignee = (input.assignee() == null) ? "all" : input.assignee();
		Mono<Listing> listing;
		if (ASSIGNEE_TYPES.contains(assignee.toLowerCase(Locale.ROOT))) {
			String type = assignee.toLowerCase(Locale.ROOT);
			listing = collect((page) -> this.api.conversations(status, type, page), offset, input.limit(), type);
		}
		else {
			listing = agentId(assignee).flatMap(
					(id) -> collect((page) -> this.api.conversationsOf(id, "all".equals(status) ? null : status, page),
							offset, input.limit(), "all"));
		}
		return Mono.zip(listing, this.inboxes).map((both) -> {
			Listing found = both.getT1();
			List<Conversation> conversations = new ArrayList<>();
			found.items().forEach((item) -> conversations.add(this.mapper.conversation(item, both.getT2())));
			String next = found.truncated()
					? Cursor.encode("chatwoot-conversations-" + status, Integer.toString(offset + conversations.size()))
					: null;
			return new ConversationsPage(conversations, conversations.size(), found.total(), found.truncated(), next,
					found.counts());
		});
	}

	/** What the pages gave, and whether there is more. */
	private record Listing(List<JsonNode> items, Long total, boolean truncated, ConversationsPage.Counts counts) {
	}

	private interface PageFetch {

		Mono<JsonNode> page(int number);

	}

	/**
	 * Reads Chatwoot's fixed 25-conversation pages from the one holding {@code offset}
	 * until {@code limit} conversations are collected or a page is short.
	 */
	private Mono<Listing> collect(PageFetch fetch, int offset, int limit, String assigneeType) {
		int per = ChatwootApi.CONVERSATIONS_PER_PAGE;
		int first = offset / per + 1;
		List<JsonNode> items = new ArrayList<>();
		return readPages(fetch, first, offset % per, limit, items, null).map((found) -> {
			ConversationsPage.Counts counts = found.counts();
			Long total = switch (assigneeType) {
				case "me" -> counts.mine();
				case "assigned" -> counts.assigned();
				case "unassigned" -> counts.unassigned();
				default -> counts.all();
			};
			boolean truncated = (total != null) ? offset + found.items().size() < total : found.truncated();
			return new Listing(found.items(), total, truncated, counts);
		});
	}

	private Mono<Listing> readPages(PageFetch fetch, int page, int skip, int limit, List<JsonNode> items,
			ConversationsPage.Counts counts) {
		return fetch.page(page).flatMap((json) -> {
			JsonNode body = ChatwootMapper.listBody(json);
			ConversationsPage.Counts known = (counts != null) ? counts : ChatwootMapper.counts(body.path("meta"));
			JsonNode payload = body.path("payload");
			int index = 0;
			for (JsonNode item : payload) {
				if (index++ < skip) {
					continue;
				}
				if (items.size() == limit) {
					return Mono.just(new Listing(items, null, true, known));
				}
				items.add(item);
			}
			boolean full = payload.size() >= ChatwootApi.CONVERSATIONS_PER_PAGE;
			if (!full) {
				return Mono.just(new Listing(items, null, false, known));
			}
			if (items.size() == limit) {
				// the page ended exactly here: more is likely, the next page will tell
				return Mono.just(new Listing(items, null, true, known));
			}
			return readPages(fetch, page + 1, 0, limit, items, known);
		});
	}

	/**
	 * An agent's id from their id, email or name; an unknown one is answered with the
	 * agents' names.
	 */
	private Mono<Long> agentId(String wanted) {
		return this.api.agents().map((json) -> {
			List<JsonNode> agents = new ArrayList<>();
			json.forEach(agents::add);
			for (JsonNode agent : agents) {
				if (wanted.equals(agent.path("id").asString())
						|| wanted.equalsIgnoreCase(String.valueOf(ChatwootMapper.text(agent, "email")))) {
					return agent.path("id").asLong();
				}
			}
			List<JsonNode> named = agents.stream()
				.filter((agent) -> wanted.equalsIgnoreCase(String.valueOf(ChatwootMapper.text(agent, "name")))
						|| wanted.equalsIgnoreCase(String.valueOf(ChatwootMapper.name(agent))))
				.toList();
			if (named.size() == 1) {
				return named.get(0).path("id").asLong();
			}
			List<String> names = new ArrayList<>();
			agents.forEach((agent) -> names.add(ChatwootMapper.name(agent) + " <" + ChatwootMapper.text(agent, "email")
					+ "> (id " + agent.path("id").asString() + ")"));
			throw new InvalidArgumentsException("assignee",
					((named.size() > 1) ? "names more than one agent" : "is no agent of this account")
							+ "; use me, unassigned, assigned, all, or one of: " + String.join(", ", names));
		});
	}

	// ---- support_conversations_search
	// ------------------------------------------------------------

	@Override
	public Mono<SupportConversationsSearch.Output> searchConversations(SupportConversationsSearch.Input input) {
		String query = input.query();
		Matcher number = NUMBER.matcher(query);
		if (number.matches()) {
			long id = Long.parseLong(number.group(1));
			// Chatwoot's own search reads "#123" as text [backend-notes §2]: the number
			// is looked up directly
			Mono<SupportConversationsSearch.Output> byId = Mono.zip(this.api.conversation(id), this.inboxes)
				.map((both) -> both.getT1()
					.map((c) -> List.of(new SupportConversationsSearch.Match(this.mapper.conversation(c, both.getT2()),
							"id", "its number is " + id, null)))
					.orElse(List.of()))
				.map((matches) -> output(query, matches, false));
			if (query.startsWith("#")) {
				return byId;
			}
			// a bare number may also be part of a phone number
			return byId.flatMap((found) -> found.matches().isEmpty() ? byContact(query, true) : Mono.just(found));
		}
		if (query.contains("@") || PHONE.matcher(query).matches()) {
			return byContact(query, true);
		}
		return Mono.zip(byContact(query, false), byMessage(query)).map((both) -> {
			Map<Long, SupportConversationsSearch.Match> merged = new LinkedHashMap<>();
			both.getT1().matches().forEach((m) -> merged.putIfAbsent(m.conversation().id(), m));
			both.getT2().matches().forEach((m) -> merged.putIfAbsent(m.conversation().id(), m));
			List<SupportConversationsSearch.Match> matches = new ArrayList<>(merged.values());
			boolean truncated = both.getT1().truncated() || both.getT2().truncated() || matches.size() > MAX_MATCHES;
			return output(query, matches.subList(0, Math.min(MAX_MATCHES, matches.size())), truncated);
		});
	}

	/**
	 * Conversations whose contact matches, each read in full (the search result has no
	 * status).
	 */
	private Mono<SupportConversationsSearch.Output> byContact(String query, boolean alone) {
		return Mono.zip(this.api.searchByContact(query, 1), this.inboxes).flatMap((both) -> {
			JsonNode hits = both.getT1().path("payload").path("conversations");
			if (!hits.isArray()) {
				return Mono.error(ChatwootMapper.incomplete("a contact search without its conversations"));
			}
			boolean truncated = hits.size() >= ChatwootApi.SEARCH_PER_PAGE;
			List<JsonNode> list = new ArrayList<>();
			hits.forEach(list::add);
			return Flux.fromIterable(list)
				.flatMapSequential((hit) -> this.api.conversation(hit.path("id").asLong())
					.map((full) -> full.map((c) -> match(query, c, both.getT2()))), 4)
				.filter(Optional::isPresent)
				.map(Optional::get)
				.collectList()
				.map((matches) -> output(query, matches, truncated));
		});
	}

	private SupportConversationsSearch.Match match(String query, JsonNode full, Map<Long, Conversation.Inbox> inboxes) {
		Conversation conversation = this.mapper.conversation(full, inboxes);
		Conversation.Contact contact = conversation.contact();
		String lower = query.toLowerCase(Locale.ROOT);
		String digits = query.replaceAll("\\D", "");
		String by = "contact";
		String why = "the contact matches '" + query + "'";
		if (contact != null && contact.email() != null && contact.email().toLowerCase(Locale.ROOT).contains(lower)) {
			by = "contact_email";
			why = "the contact's email is " + contact.email();
		}
		else if (contact != null && contact.phone() != null && digits.length() >= 3
				&& contact.phone().replaceAll("\\D", "").contains(digits)) {
			by = "contact_phone";
			why = "the contact's phone is " + contact.phone();
		}
		else if (contact != null && contact.name() != null && contact.name().toLowerCase(Locale.ROOT).contains(lower)) {
			by = "contact_name";
			why = "the contact's name is " + contact.name();
		}
		// a contact match has no matching message: the conversation's latest message is
		// in the record
		return new SupportConversationsSearch.Match(conversation, by, why, null);
	}

	/**
	 * Conversations with a message containing the text; the matching message is looked up
	 * for the first few.
	 */
	private Mono<SupportConversationsSearch.Output> byMessage(String query) {
		return Mono.zip(this.api.searchByMessage(query, 1), this.inboxes).flatMap((both) -> {
			JsonNode payload = ChatwootMapper.listBody(both.getT1()).path("payload");
			boolean truncated = payload.size() >= ChatwootApi.CONVERSATIONS_PER_PAGE;
			List<JsonNode> list = new ArrayList<>();
			payload.forEach(list::add);
			return Flux.fromIterable(list).index().flatMapSequential((indexed) -> {
				Conversation conversation = this.mapper.conversation(indexed.getT2(), both.getT2());
				Mono<String> excerpt = (indexed.getT1() < this.options.messageLookups())
						? this.api.messages(conversation.id())
							.map((m) -> Optional.ofNullable(ChatwootMapper.excerpt(m, query)))
							.map((found) -> found.orElse(""))
						: Mono.just("");
				return excerpt.map((text) -> new SupportConversationsSearch.Match(conversation, "message",
						"a message contains '" + query + "'", text.isEmpty() ? null : text));
			}, 4).collectList().map((matches) -> output(query, matches, truncated));
		});
	}

	private static SupportConversationsSearch.Output output(String query,
			List<SupportConversationsSearch.Match> matches, boolean truncated) {
		return new SupportConversationsSearch.Output(query, matches, matches.size(), truncated);
	}

	// ---- support_agents_status
	// -------------------------------------------------------------------

	@Override
	public Mono<SupportAgentsStatus.Output> agentsStatus(SupportAgentsStatus.Input input) {
		return this.api.agents().map(ChatwootMapper::agents);
	}

	// ---- support_metrics
	// -------------------------------------------------------------------------

	@Override
	public Mono<SupportMetrics.Output> metrics(SupportMetrics.Input input) {
		// whole seconds: Chatwoot reads Unix seconds, and the windows must meet exactly
		Instant until = this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
		Instant since = start(input.period(), until);
		Instant previousSince = since.minusSeconds(until.getEpochSecond() - since.getEpochSecond());
		return Mono
			.zip(this.api.reportSummary(since.getEpochSecond(), until.getEpochSecond()),
					this.api.csatMetrics(since.getEpochSecond(), until.getEpochSecond()),
					this.api.csatMetrics(previousSince.getEpochSecond(), since.getEpochSecond()))
			.map((all) -> {
				JsonNode summary = all.getT1();
				return new SupportMetrics.Output(input.period(), this.zone.getId(), since, until, previousSince,
						ChatwootMapper.count(summary, "conversations_count"),
						ChatwootMapper.count(summary, "incoming_messages_count"),
						ChatwootMapper.count(summary, "outgoing_messages_count"),
						ChatwootMapper.count(summary, "resolutions_count"),
						ChatwootMapper.time(summary, "avg_first_response_time"),
						ChatwootMapper.time(summary, "avg_resolution_time"),
						ChatwootMapper.csat(all.getT2(), all.getT3()));
			});
	}

	/**
	 * Midnight today, Monday of this week, or the 1st of this month, in the account's
	 * time zone.
	 */
	Instant start(Period period, Instant now) {
		LocalDate today = ZonedDateTime.ofInstant(now, this.zone).toLocalDate();
		LocalDate first = switch (period) {
			case TODAY -> today;
			case WEEK -> today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
			case MONTH -> today.withDayOfMonth(1);
		};
		return first.atStartOfDay(this.zone).toInstant();
	}

}
