package cl.smartercl.mcp.testsupport.botpress;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The data the double serves, for both flavours, made once relative to a start time. Two
 * workspaces per flavour, each with its own credentials; the numbers are fixed so tests
 * can state what they expect.
 */
public final class BotpressSeed {

	// ---- Cloud
	// -------------------------------------------------------------------------------------

	public static final String CLOUD_WORKSPACE = "wkspace_acme";

	public static final String CLOUD_OTHER_WORKSPACE = "wkspace_other";

	/** A personal access token with access to {@link #CLOUD_WORKSPACE} only. */
	public static final String CLOUD_TOKEN = "bp_pat_acme_3f9c2e71d0";

	/** A personal access token with access to {@link #CLOUD_OTHER_WORKSPACE} only. */
	public static final String CLOUD_OTHER_TOKEN = "bp_pat_other_77a1b0c9e4";

	public static final String CLOUD_SUPPORT_BOT = "bot_support";

	public static final String CLOUD_SALES_BOT = "bot_sales";

	public static final String CLOUD_DRAFT_BOT = "bot_draft";

	public static final String CLOUD_FOREIGN_BOT = "bot_foreign";

	/** Conversations of the support bot. */
	public static final int CLOUD_SUPPORT_CONVERSATIONS = 25;

	/** Per day and bot, in every Cloud analytics record. */
	public static final int CLOUD_DAILY_SESSIONS = 12, CLOUD_DAILY_USER_MESSAGES = 40, CLOUD_DAILY_BOT_MESSAGES = 55,
			CLOUD_DAILY_NEW_USERS = 5, CLOUD_DAILY_RETURNING_USERS = 3;

	// ---- v12
	// ---------------------------------------------------------------------------------------

	public static final String V12_WORKSPACE = "default";

	public static final String V12_OTHER_WORKSPACE = "partners";

	public static final String V12_EMAIL = "admin@example.com";

	public static final String V12_PASSWORD = "s3cret-pass";

	public static final String V12_OTHER_EMAIL = "partner@example.com";

	public static final String V12_OTHER_PASSWORD = "partner-pass";

	public static final String V12_WELCOME_BOT = "welcome-bot";

	public static final String V12_FAQ_BOT = "faq-bot";

	public static final String V12_LEGACY_BOT = "legacy-bot";

	public static final String V12_FOREIGN_BOT = "partner-bot";

	/** Handoffs of the welcome bot. */
	public static final int V12_WELCOME_HANDOFFS = 12;

	/** Per day, for every v12 bot; workflows only for the welcome bot. */
	public static final int V12_DAILY_SESSIONS = 8, V12_DAILY_RECEIVED = 30, V12_DAILY_SENT = 33,
			V12_DAILY_NEW_USERS = 4, V12_DAILY_RETURNING_USERS = 2, V12_DAILY_WORKFLOWS_STARTED = 10,
			V12_DAILY_WORKFLOWS_COMPLETED = 7;

	final Instant start;

	final Map<String, String> cloudTokens = new LinkedHashMap<>();

	final Map<String, List<ObjectNode>> cloudBots = new LinkedHashMap<>();

	final Map<String, List<ObjectNode>> cloudConversations = new LinkedHashMap<>();

	final Map<String, List<ObjectNode>> cloudMessages = new LinkedHashMap<>();

	final Map<String, List<ObjectNode>> cloudParticipants = new LinkedHashMap<>();

	final Map<String, List<ObjectNode>> cloudVersions = new LinkedHashMap<>();

	final Map<String, String[]> v12Users = new LinkedHashMap<>();

	final Map<String, List<ObjectNode>> v12Bots = new LinkedHashMap<>();

	final Map<String, List<ObjectNode>> v12Handoffs = new LinkedHashMap<>();

	final Map<String, List<ObjectNode>> v12Events = new LinkedHashMap<>();

	BotpressSeed(Instant start) {
		this.start = start.truncatedTo(ChronoUnit.SECONDS);
		cloud();
		v12();
	}

	private void cloud() {
		this.cloudTokens.put(CLOUD_TOKEN, CLOUD_WORKSPACE);
		this.cloudTokens.put(CLOUD_OTHER_TOKEN, CLOUD_OTHER_WORKSPACE);
		this.cloudBots.put(CLOUD_WORKSPACE,
				new ArrayList<>(List.of(cloudBot(CLOUD_SUPPORT_BOT, "Support Assistant", ago(Duration.ofDays(3))),
						cloudBot(CLOUD_SALES_BOT, "Sales Qualifier", ago(Duration.ofDays(10))),
						cloudBot(CLOUD_DRAFT_BOT, "Onboarding Draft", null))));
		this.cloudBots.put(CLOUD_OTHER_WORKSPACE,
				new ArrayList<>(List.of(cloudBot(CLOUD_FOREIGN_BOT, "Other Team Bot", ago(Duration.ofDays(1))))));
		String[] channels = { "webchat", "whatsapp", "telegram" };
		List<ObjectNode> conversations = new ArrayList<>();
		for (int i = 0; i < CLOUD_SUPPORT_CONVERSATIONS; i++) {
			String id = "conv_" + String.format("%03d", i + 1);
			Instant created = ago(Duration.ofHours(2L * (CLOUD_SUPPORT_CONVERSATIONS - i) + 5));
			Instant updated = created.plus(Duration.ofMinutes(30 + i));
			int count = 3 + (i % 4);
			String user = "user_" + String.format("%03d", 100 + i);
			ObjectNode conversation = Exchange.JSON.createObjectNode()
				.put("id", id)
				.put("createdAt", created.toString())
				.put("updatedAt", updated.toString())
				.put("channel", "channel")
				.put("integration", channels[i % channels.length])
				.put("messageCount", count);
			conversation.putObject("tags");
			conversations.add(conversation);
			List<ObjectNode> messages = new ArrayList<>();
			for (int m = 0; m < count; m++) {
				boolean incoming = (m % 2) == 0;
				Instant at = created.plus(Duration.ofMinutes(m * 5L));
				ObjectNode message = Exchange.JSON.createObjectNode()
					.put("id", id + "_msg_" + (m + 1))
					.put("createdAt", at.toString())
					.put("updatedAt", at.toString())
					.put("type", "text")
					.put("direction", incoming ? "incoming" : "outgoing")
					.put("userId", incoming ? user : CLOUD_SUPPORT_BOT)
					.put("conversationId", id);
				message.putObject("payload")
					.put("text", incoming ? "Question " + (m / 2 + 1) + " from " + user
							: "Answer " + (m / 2 + 1) + " of the support bot");
				message.putObject("tags");
				messages.add(message);
			}
			this.cloudMessages.put(id, messages);
			ObjectNode participant = Exchange.JSON.createObjectNode()
				.put("id", user)
				.put("createdAt", created.toString())
				.put("updatedAt", created.toString())
				.put("name", "Customer " + (100 + i));
			participant.putObject("tags");
			this.cloudParticipants.put(id, List.of(participant));
		}
		this.cloudConversations.put(CLOUD_SUPPORT_BOT, conversations);
		this.cloudConversations.put(CLOUD_SALES_BOT, new ArrayList<>());
		this.cloudConversations.put(CLOUD_DRAFT_BOT, new ArrayList<>());
		this.cloudConversations.put(CLOUD_FOREIGN_BOT, new ArrayList<>());
		for (String bot : List.of(CLOUD_SUPPORT_BOT, CLOUD_SALES_BOT, CLOUD_DRAFT_BOT, CLOUD_FOREIGN_BOT)) {
			List<ObjectNode> versions = new ArrayList<>();
			for (int v = 1; v <= 3; v++) {
				versions.add(Exchange.JSON.createObjectNode()
					.put("id", bot + "_ver_" + v)
					.put("name", "v" + v)
					.put("description", "Release " + v + " of " + bot));
			}
			this.cloudVersions.put(bot, versions);
		}
	}

	private ObjectNode cloudBot(String id, String name, Instant deployedAt) {
		ObjectNode bot = Exchange.JSON.createObjectNode()
			.put("id", id)
			.put("createdAt", ago(Duration.ofDays(90)).toString())
			.put("updatedAt", ago(Duration.ofDays(2)).toString())
			.put("name", name)
			.put("type", "studio");
		if (deployedAt != null) {
			bot.put("deployedAt", deployedAt.toString());
		}
		bot.putObject("tags");
		return bot;
	}

	private void v12() {
		this.v12Users.put(V12_EMAIL, new String[] { V12_PASSWORD, V12_WORKSPACE });
		this.v12Users.put(V12_OTHER_EMAIL, new String[] { V12_OTHER_PASSWORD, V12_OTHER_WORKSPACE });
		this.v12Bots.put(V12_WORKSPACE,
				new ArrayList<>(
						List.of(v12Bot(V12_WELCOME_BOT, "Welcome Bot", "Greets visitors on the website", false, "prod"),
								v12Bot(V12_FAQ_BOT, "FAQ Bot", "Answers frequent questions", false, "staging"),
								v12Bot(V12_LEGACY_BOT, "Legacy Bot", "", true, "prod"))));
		this.v12Bots.put(V12_OTHER_WORKSPACE, new ArrayList<>(
				List.of(v12Bot(V12_FOREIGN_BOT, "Partner Bot", "Belongs to the partners workspace", false, "prod"))));
		String[] statuses = { "pending", "assigned", "resolved" };
		List<ObjectNode> handoffs = new ArrayList<>();
		for (int i = 0; i < V12_WELCOME_HANDOFFS; i++) {
			String thread = "thread-" + (500 + i);
			String user = "visitor-" + (700 + i);
			Instant created = ago(Duration.ofHours(3L * (V12_WELCOME_HANDOFFS - i)));
			ObjectNode handoff = Exchange.JSON.createObjectNode()
				.put("id", Integer.toString(i + 1))
				.put("botId", V12_WELCOME_BOT)
				.put("userId", user)
				.put("status", statuses[i % statuses.length])
				.put("userChannel", (i % 2 == 0) ? "web" : "messenger")
				.put("userThreadId", thread)
				.put("agentThreadId", "agent-" + thread)
				.put("createdAt", created.toString())
				.put("updatedAt", created.plus(Duration.ofMinutes(12)).toString());
			if (i % 3 != 0) {
				handoff.put("agentId", "agent-ana");
			}
			handoff.putArray("tags");
			handoff.putArray("comments");
			handoff.putObject("user").put("id", user).putObject("attributes").put("language", "en");
			handoffs.add(handoff);
			List<ObjectNode> events = new ArrayList<>();
			for (int m = 0; m < 4; m++) {
				boolean incoming = (m % 2) == 0;
				ObjectNode stored = Exchange.JSON.createObjectNode()
					.put("id", thread + "-evt-" + (m + 1))
					.put("botId", V12_WELCOME_BOT)
					.put("channel", handoff.get("userChannel").asText())
					.put("threadId", thread)
					.put("target", user)
					.put("direction", incoming ? "incoming" : "outgoing")
					.put("createdOn", created.plus(Duration.ofMinutes(m * 2L)).toString());
				ObjectNode event = Exchange.JSON.createObjectNode().put("type", "text");
				event.putObject("payload")
					.put("type", "text")
					.put("text", incoming ? "I need a human, message " + (m + 1)
							: "An agent will be with you shortly, message " + (m + 1));
				// v12 stores the IO event as JSON text
				stored.put("event", event.toString());
				events.add(stored);
			}
			this.v12Events.put(thread, events);
		}
		this.v12Handoffs.put(V12_WELCOME_BOT, handoffs);
		this.v12Handoffs.put(V12_FAQ_BOT, new ArrayList<>());
	}

	private ObjectNode v12Bot(String id, String name, String description, boolean disabled, String stage) {
		ObjectNode bot = Exchange.JSON.createObjectNode()
			.put("id", id)
			.put("name", name)
			.put("description", description)
			.put("version", "12.31.10")
			.put("disabled", disabled)
			.put("private", false)
			.put("locked", false)
			.put("defaultLanguage", "en");
		bot.putArray("languages").add("en");
		bot.putObject("details");
		ObjectNode current = bot.putObject("pipeline_status").putObject("current_stage");
		current.put("id", stage)
			.put("promoted_by", "admin@example.com")
			.put("promoted_on", ago(Duration.ofDays(7)).toString());
		return bot;
	}

	/** The UTC day starts of {@code [from, to]}, for the daily analytics rows. */
	static List<Instant> days(Instant from, Instant to) {
		List<Instant> days = new ArrayList<>();
		for (Instant day = from.truncatedTo(ChronoUnit.DAYS); !day.isAfter(to); day = day.plus(Duration.ofDays(1))) {
			days.add(day);
		}
		return days;
	}

	private Instant ago(Duration duration) {
		return this.start.minus(duration);
	}

	static Set<String> cloudWorkspaceIds() {
		return Set.of(CLOUD_WORKSPACE, CLOUD_OTHER_WORKSPACE);
	}

}
