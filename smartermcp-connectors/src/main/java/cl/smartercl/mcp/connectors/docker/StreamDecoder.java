package cl.smartercl.mcp.connectors.docker;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the bytes of an Engine API stream into lines, chunk by chunk, as they arrive.
 * <p>
 * A container without a TTY sends its logs multiplexed: frames of an 8-byte header
 * {@code [STREAM, 0, 0, 0, SIZE (uint32 big-endian)]} and SIZE bytes of payload, STREAM 0
 * stdin, 1 stdout, 2 stderr (backend-notes/docker.md §3, "Stream format"). A frame
 * boundary is not a line boundary, so frames are decoded first and lines split per stream
 * afterwards. A TTY container and the newline-delimited JSON of a pull are raw: no
 * frames, one stream. Not thread-safe: one decoder per response.
 */
final class StreamDecoder {

	static final String STDOUT = "stdout";

	static final String STDERR = "stderr";

	private static final int HEADER = 8;

	private final boolean multiplexed;

	private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();

	private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

	private final byte[] header = new byte[HEADER];

	private int headerFill;

	private long payloadLeft;

	private ByteArrayOutputStream current;

	/** One decoded line, without its line break. */
	record RawLine(String stream, String text) {
	}

	StreamDecoder(boolean multiplexed) {
		this.multiplexed = multiplexed;
	}

	/** Decodes a chunk; returns the lines it completed. */
	List<RawLine> feed(byte[] chunk) {
		List<RawLine> lines = new ArrayList<>();
		if (!this.multiplexed) {
			append(this.stdout, STDOUT, chunk, 0, chunk.length, lines);
			return lines;
		}
		int i = 0;
		while (i < chunk.length) {
			if (this.payloadLeft == 0) {
				int n = Math.min(HEADER - this.headerFill, chunk.length - i);
				System.arraycopy(chunk, i, this.header, this.headerFill, n);
				this.headerFill += n;
				i += n;
				if (this.headerFill == HEADER) {
					this.headerFill = 0;
					// stream 2 is stderr; 3 is the engine's own error output of an exec:
					// both read as stderr
					this.current = (this.header[0] >= 2) ? this.stderr : this.stdout;
					this.payloadLeft = ((this.header[4] & 0xFFL) << 24) | ((this.header[5] & 0xFFL) << 16)
							| ((this.header[6] & 0xFFL) << 8) | (this.header[7] & 0xFFL);
				}
				continue;
			}
			int n = (int) Math.min(this.payloadLeft, chunk.length - i);
			append(this.current, (this.current == this.stderr) ? STDERR : STDOUT, chunk, i, n, lines);
			this.payloadLeft -= n;
			i += n;
		}
		return lines;
	}

	/** The end of the stream: whatever is left without a final line break. */
	List<RawLine> finish() {
		List<RawLine> lines = new ArrayList<>();
		flush(this.stdout, STDOUT, lines);
		flush(this.stderr, STDERR, lines);
		return lines;
	}

	private static void append(ByteArrayOutputStream buffer, String stream, byte[] bytes, int from, int length,
			List<RawLine> lines) {
		int start = from;
		for (int j = from; j < from + length; j++) {
			if (bytes[j] == '\n') {
				buffer.write(bytes, start, j - start);
				lines.add(new RawLine(stream, text(buffer)));
				buffer.reset();
				start = j + 1;
			}
		}
		buffer.write(bytes, start, from + length - start);
	}

	private static void flush(ByteArrayOutputStream buffer, String stream, List<RawLine> lines) {
		if (buffer.size() > 0) {
			lines.add(new RawLine(stream, text(buffer)));
			buffer.reset();
		}
	}

	private static String text(ByteArrayOutputStream buffer) {
		// decode whole lines only, so a multi-byte character split across frames stays
		// intact
		String s = buffer.toString(StandardCharsets.UTF_8);
		return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
	}

}
