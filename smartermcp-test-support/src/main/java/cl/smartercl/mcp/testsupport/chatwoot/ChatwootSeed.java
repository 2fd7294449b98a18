package cl.smartercl.mcp.testsupport.chatwoot;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The data the Chatwoot test double serves: two accounts, their users (agents) in each
 * availability, inboxes, contacts, conversations with messages, CSAT responses, and the
 * timestamps reports are computed from. Every time is relative to {@code now}, so a test
 * can put period boundaries where it wants them.
 * <p>
 * Account 1 ("Acme Support") has 6 agents, 3 inboxes, 20 contacts and 70 conversations
 * (62 open, 3 pending, 3 resolved, 2 snoozed). Account 2 ("Other Co") has one
 * administrator and 5 conversations; a token of account 1 never reaches it.
 */
public final class ChatwootSeed {

	/** The administrator token of account 1 (Ana). */
	public static final String ADMIN_TOKEN = "cw-admin-token-acme";

	/** An agent (not administrator) token of account 1 (Bruno). */
	public static final String AGENT_TOKEN = "cw-agent-token-acme";

	/** The administrator token of account 2. */
	public static final String OTHER_ACCOUNT_TOKEN = "cw-admin-token-other";

	public static final long ACCOUNT = 1;

	public static final long OTHER_ACCOUNT = 2;

	final Instant now;

	final List<Account> accounts = new ArrayList<>();

	final List<User> users = new ArrayList<>();

	final List<Inbox> inboxes = new ArrayList<>();

	final List<Contact> contacts = new ArrayList<>();

	final List<Conv> conversations = new ArrayList<>();

	final List<Csat> csat = new ArrayList<>();

	record Account(long id, String name) {
	}

	/** A user and their membership of one account. */
	record User(long id, long accountId, String name, String email, String role, String availability,
			boolean autoOffline, String token) {
	}

	record Inbox(long id, long accountId, String name, String channelType) {
	}

	record Contact(long id, long accountId, String name, String email, String phone, String identifier) {
	}

	/**
	 * @param messageType 0 incoming, 1 outgoing, 2 activity
	 * @param senderId a contact id (incoming) or a user id (outgoing)
	 */
	record Message(long id, long displayId, String content, int messageType, boolean privateNote, Instant createdAt,
			long senderId) {
	}

	static final class Conv {

		long id;

		long displayId;

		long accountId;

		long inboxId;

		long contactId;

		Long assigneeId;

		String status;

		String priority;

		List<String> labels = new ArrayList<>();

		Instant createdAt;

		Instant lastActivityAt;

		Instant resolvedAt;

		Instant snoozedUntil;

		int unread;

		final List<Message> messages = new ArrayList<>();

		Instant firstReplyAt() {
			return this.messages.stream()
				.filter((m) -> m.messageType() == 1 && !m.privateNote())
				.map(Message::createdAt)
				.findFirst()
				.orElse(null);
		}

		Instant waitingSince() {
			return ("open".equals(this.status) && firstReplyAt() == null) ? this.createdAt : null;
		}

	}

	/**
	 * One CSAT survey: sent at {@code sentAt}; answered with {@code rating} (1-5) at
	 * {@code answeredAt}, or not.
	 */
	record Csat(long accountId, long displayId, Instant sentAt, Integer rating, Instant answeredAt) {
	}

	private ChatwootSeed(Instant now) {
		this.now = now;
	}

	/** The seeded data, with every time relative to {@code now}. */
	public static ChatwootSeed standard(Instant now) {
		ChatwootSeed seed = new ChatwootSeed(now);
		seed.accounts.add(new Account(ACCOUNT, "Acme Support"));
		seed.accounts.add(new Account(OTHER_ACCOUNT, "Other Co"));
		seed.users
			.add(new User(1, ACCOUNT, "Ana Admin", "ana@acme.test", "administrator", "online", false, ADMIN_TOKEN));
		seed.users.add(new User(2, ACCOUNT, "Bruno Busy", "bruno@acme.test", "agent", "busy", false, AGENT_TOKEN));
		seed.users.add(new User(3, ACCOUNT, "Carla Online", "carla@acme.test", "agent", "online", true, null));
		seed.users.add(new User(4, ACCOUNT, "Diego Offline", "diego@acme.test", "agent", "offline", true, null));
		seed.users.add(new User(5, ACCOUNT, "Elena Busy", "elena@acme.test", "agent", "busy", false, null));
		seed.users
			.add(new User(6, ACCOUNT, "Felipe Offline", "felipe@acme.test", "administrator", "offline", false, null));
		seed.users.add(new User(7, OTHER_ACCOUNT, "Olga Other", "olga@other.test", "administrator", "online", false,
				OTHER_ACCOUNT_TOKEN));
		seed.inboxes.add(new Inbox(1, ACCOUNT, "Website", "Channel::WebWidget"));
		seed.inboxes.add(new Inbox(2, ACCOUNT, "Support Email", "Channel::Email"));
		seed.inboxes.add(new Inbox(3, ACCOUNT, "WhatsApp", "Channel::Whatsapp"));
		seed.inboxes.add(new Inbox(4, OTHER_ACCOUNT, "Other Website", "Channel::WebWidget"));
		seed.contacts
			.add(new Contact(1, ACCOUNT, "María González", "maria.gonzalez@example.com", "+56912345678", null));
		seed.contacts.add(new Contact(2, ACCOUNT, "John Smith", "john@example.com", "+14155550100", "crm-2"));
		String[] first = { "Pedro", "Lucía", "Tomás", "Sofía", "Mateo", "Valentina", "Diego", "Camila", "Javier",
				"Isidora", "Martín", "Florencia", "Benjamín", "Antonia", "Vicente", "Catalina", "Agustín", "Josefa" };
		for (int i = 0; i < first.length; i++) {
			long id = i + 3;
			seed.contacts.add(new Contact(id, ACCOUNT, first[i] + " Cliente",
					first[i].toLowerCase().replace('í', 'i').replace('á', 'a').replace('é', 'e').replace('ó', 'o') + id
							+ "@example.org",
					"+5622" + (3000000 + id), null));
		}
		seed.contacts.add(new Contact(21, OTHER_ACCOUNT, "Otto Outsider", "otto@other.test", "+4930123456", null));
		long messageId = 1;
		String[] priorities = { null, "low", "medium", "high", "urgent" };
		for (int i = 1; i <= 70; i++) {
			Conv c = new Conv();
			c.id = 1000 + i;
			c.displayId = i;
			c.accountId = ACCOUNT;
			c.inboxId = (i % 3) + 1;
			c.contactId = ((i - 1) % 20) + 1;
			c.assigneeId = (i % 7 == 0) ? null : Long.valueOf(((i - 1) % 6) + 1);
			c.status = switch (i) {
				case 5, 15, 25 -> "pending";
				case 10, 20, 30 -> "resolved";
				case 35, 45 -> "snoozed";
				default -> "open";
			};
			c.priority = priorities[i % 5];
			if (i % 5 == 0) {
				c.labels.add("billing");
			}
			if (i % 6 == 0) {
				c.labels.add("vip");
			}
			c.createdAt = now.minus(Duration.ofHours(7L * i + 1));
			c.lastActivityAt = now.minus(Duration.ofMinutes(50L * i));
			if (c.lastActivityAt.isBefore(c.createdAt)) {
				c.lastActivityAt = c.createdAt.plusSeconds(60);
			}
			String opening = switch (i) {
				case 17 -> "Hello, I need a refund request processed for order 4412, it arrived broken.";
				case 42 -> "Refund request: the charge appeared twice on my card.";
				case 3 -> "Hola, ¿cuál es el horario de atención el sábado?";
				default -> "Hola, tengo un problema con mi pedido " + (5000 + i) + ".";
			};
			c.messages.add(new Message(messageId++, i, opening, 0, false, c.createdAt, c.contactId));
			if (i % 4 != 0) {
				Instant reply = c.createdAt.plus(Duration.ofMinutes(10L + i));
				long agent = (c.assigneeId == null) ? 1 : c.assigneeId;
				c.messages.add(new Message(messageId++, i, "Gracias por escribirnos, lo revisamos de inmediato.", 1,
						false, reply, agent));
				c.messages.add(new Message(messageId++, i, "Internal: check the warehouse", 1, true,
						reply.plusSeconds(30), agent));
			}
			if (c.lastActivityAt.isAfter(c.messages.get(c.messages.size() - 1).createdAt())) {
				c.messages
					.add(new Message(messageId++, i, (i == 42) ? "Any news on my refund request?" : "¿Alguna novedad?",
							0, false, c.lastActivityAt, c.contactId));
			}
			if ("resolved".equals(c.status)) {
				c.resolvedAt = c.createdAt.plus(Duration.ofHours(2));
			}
			if ("snoozed".equals(c.status)) {
				c.snoozedUntil = now.plus(Duration.ofDays(1));
			}
			c.unread = ("open".equals(c.status) && i % 3 == 0) ? 1 : 0;
			seed.conversations.add(c);
			if (i % 2 == 0) {
				Instant sent = c.createdAt.plus(Duration.ofHours(3));
				boolean answered = i % 4 == 0;
				seed.csat.add(new Csat(ACCOUNT, i, sent, answered ? Integer.valueOf((i / 4) % 5 + 1) : null,
						answered ? sent.plus(Duration.ofMinutes(10)) : null));
			}
		}
		for (int i = 1; i <= 5; i++) {
			Conv c = new Conv();
			c.id = 2000 + i;
			c.displayId = i;
			c.accountId = OTHER_ACCOUNT;
			c.inboxId = 4;
			c.contactId = 21;
			c.assigneeId = 7L;
			c.status = "open";
			c.createdAt = now.minus(Duration.ofHours(i));
			c.lastActivityAt = c.createdAt;
			c.messages.add(new Message(messageId++, i, "Secret of the other account " + i, 0, false, c.createdAt, 21));
			seed.conversations.add(c);
		}
		return seed;
	}

	User user(String token) {
		return (token == null) ? null
				: this.users.stream().filter((u) -> token.equals(u.token())).findFirst().orElse(null);
	}

	User user(long id) {
		return this.users.stream().filter((u) -> u.id() == id).findFirst().orElse(null);
	}

	Contact contact(long id) {
		return this.contacts.stream().filter((c) -> c.id() == id).findFirst().orElse(null);
	}

	Inbox inbox(long id) {
		return this.inboxes.stream().filter((b) -> b.id() == id).findFirst().orElse(null);
	}

	List<Conv> conversations(long accountId) {
		return this.conversations.stream().filter((c) -> c.accountId == accountId).toList();
	}

}
