package cl.smartercl.mcp.server.audit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.zip.CRC32C;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import cl.smartercl.mcp.core.schema.ToolJson;

/**
 * The lines of a spool file ({@link AuditSpool}): one row per line, JSON,
 * {@code {"crc32c":"<8 hex>","record":{…}}}, the checksum taken over the exact UTF-8
 * bytes of the {@code record} text; reading skips, with a warning, a line whose checksum
 * or form does not match.
 */
final class SpoolLines {

	private static final Logger log = LoggerFactory.getLogger(SpoolLines.class);

	/** Receives the lines of a spool file that pass their checksum, in order. */
	interface LineSink {

		/**
		 * @param line the line without its end
		 */
		void accept(byte[] line, AuditSpool.Entry entry) throws IOException;

	}

	// {"crc32c":"xxxxxxxx","record":
	private static final String PREFIX_START = "{\"crc32c\":\"";

	private static final String PREFIX_END = "\",\"record\":";

	private static final int PREFIX_LENGTH = PREFIX_START.length() + 8 + PREFIX_END.length();

	/**
	 * The entry naming {@code replica} as the one that served its call, unless it names
	 * one already: a replayed row keeps its replica, whoever replays it.
	 */
	static AuditSpool.Entry servedBy(AuditSpool.Entry entry, String replica) {
		return (entry.record().replica() != null) ? entry
				: new AuditSpool.Entry(entry.record().servedBy(replica), entry.completion());
	}

	static byte[] line(AuditSpool.Entry entry) {
		byte[] record = ToolJson.mapper().writeValueAsString(json(entry)).getBytes(StandardCharsets.UTF_8);
		CRC32C crc = new CRC32C();
		crc.update(record);
		byte[] prefix = (PREFIX_START + String.format(Locale.ROOT, "%08x", crc.getValue()) + PREFIX_END)
			.getBytes(StandardCharsets.US_ASCII);
		byte[] line = new byte[prefix.length + record.length + 2];
		System.arraycopy(prefix, 0, line, 0, prefix.length);
		System.arraycopy(record, 0, line, prefix.length, record.length);
		line[line.length - 2] = '}';
		line[line.length - 1] = '\n';
		return line;
	}

	/** A line without its end; {@code null} when its checksum or form is wrong. */
	static AuditSpool.Entry parse(byte[] line) {
		if (line.length < PREFIX_LENGTH + 3 || line[line.length - 1] != '}') {
			return null;
		}
		String prefix = new String(line, 0, PREFIX_LENGTH, StandardCharsets.US_ASCII);
		if (!prefix.startsWith(PREFIX_START) || !prefix.endsWith(PREFIX_END)) {
			return null;
		}
		long expected;
		try {
			expected = Long.parseLong(prefix.substring(PREFIX_START.length(), PREFIX_START.length() + 8), 16);
		}
		catch (NumberFormatException ex) {
			return null;
		}
		CRC32C crc = new CRC32C();
		crc.update(line, PREFIX_LENGTH, line.length - PREFIX_LENGTH - 1);
		if (crc.getValue() != expected) {
			return null;
		}
		try {
			JsonNode json = ToolJson.mapper()
				.readTree(new String(line, PREFIX_LENGTH, line.length - PREFIX_LENGTH - 1, StandardCharsets.UTF_8));
			return entry(json);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static ObjectNode json(AuditSpool.Entry entry) {
		AuditRecord r = entry.record();
		ObjectNode node = ToolJson.mapper().createObjectNode();
		node.put("kind", entry.completion() ? "completion" : "insert");
		node.put("call_id", r.callId());
		node.put("started_at", r.startedAt().toString());
		node.put("completed_at", (r.completedAt() != null) ? r.completedAt().toString() : null);
		node.put("tenant_id", r.tenantId());
		node.put("token_id", r.tokenId());
		node.put("token_name", r.tokenName());
		node.put("tool", r.tool());
		node.put("write", r.write());
		node.put("arguments", r.arguments());
		node.put("outcome", r.outcome());
		node.put("duration_ms", r.durationMs());
		node.put("request_id", r.requestId());
		node.put("transport", r.transport());
		node.put("confirmation", r.confirmation());
		node.put("replica", r.replica());
		return node;
	}

	private static AuditSpool.Entry entry(JsonNode json) {
		String kind = json.get("kind").asString();
		if (!kind.equals("insert") && !kind.equals("completion")) {
			throw new IllegalArgumentException("kind " + kind);
		}
		AuditRecord record = new AuditRecord(0, json.get("call_id").asString(),
				Instant.parse(json.get("started_at").asString()), instant(json.get("completed_at")),
				json.get("tenant_id").asString(), json.get("token_id").asString(), json.get("token_name").asString(),
				json.get("tool").asString(), json.get("write").asBoolean(), json.get("arguments").asString(),
				json.get("outcome").asString(),
				json.get("duration_ms").isNull() ? null : json.get("duration_ms").asLong(),
				json.get("request_id").asString(), json.get("transport").asString(), text(json.get("confirmation")),
				text(json.get("replica")));
		return new AuditSpool.Entry(record, kind.equals("completion"));
	}

	private static Instant instant(JsonNode node) {
		return (node == null || node.isNull()) ? null : Instant.parse(node.asString());
	}

	private static String text(JsonNode node) {
		return (node == null || node.isNull()) ? null : node.asString();
	}

	/**
	 * Reads a spool file line by line, handing each line that passes its checksum to
	 * {@code sink}; a torn or damaged line is skipped with a warning naming the file and
	 * line.
	 * @return the lines skipped
	 */
	static long readLines(Path file, LineSink sink) throws IOException {
		long skipped = 0;
		try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
			ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
			long number = 0;
			int b;
			while (true) {
				b = in.read();
				if (b == '\n' || b == -1) {
					if (b == -1 && line.size() == 0) {
						break;
					}
					number++;
					byte[] bytes = line.toByteArray();
					AuditSpool.Entry entry = (b == -1) ? null : parse(bytes);
					if (entry == null) {
						skipped++;
						log.warn("audit spool {} line {}: {}; skipped", file, number,
								(b == -1) ? "torn (no line end)" : "checksum or format does not match");
					}
					else {
						sink.accept(bytes, entry);
					}
					line.reset();
					if (b == -1) {
						break;
					}
				}
				else {
					line.write(b);
				}
			}
		}
		return skipped;
	}

	/** Valid rows and bytes of a spool file (0, 0 when absent). */
	static long[] count(Path file) throws IOException {
		if (!Files.exists(file)) {
			return new long[] { 0, 0 };
		}
		long rows = 0;
		try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
			ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
			int b;
			while ((b = in.read()) != -1) {
				if (b == '\n') {
					if (parse(line.toByteArray()) != null) {
						rows++;
					}
					line.reset();
				}
				else {
					line.write(b);
				}
			}
		}
		return new long[] { rows, Files.size(file) };
	}

	private SpoolLines() {
	}

}
