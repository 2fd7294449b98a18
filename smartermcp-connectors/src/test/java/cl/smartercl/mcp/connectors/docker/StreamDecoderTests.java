package cl.smartercl.mcp.connectors.docker;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StreamDecoderTests {

	@Test
	void framesSplitAtEveryByteStillGiveWholeLinesPerStream() {
		byte[] stream = concat(Fixtures.frame(1, "2026-11-25T10:00:00.1Z first\n2026-11-25T10:00:00.2Z sec"),
				Fixtures.frame(2, "2026-11-25T10:00:00.3Z oops\n"), Fixtures.frame(1, "ond\n"),
				Fixtures.frame(1, "ünïcödé ✓\n"));
		StreamDecoder decoder = new StreamDecoder(true);
		List<StreamDecoder.RawLine> lines = new ArrayList<>();
		for (byte b : stream) {
			lines.addAll(decoder.feed(new byte[] { b }));
		}
		lines.addAll(decoder.finish());
		assertThat(lines).containsExactly(new StreamDecoder.RawLine("stdout", "2026-11-25T10:00:00.1Z first"),
				new StreamDecoder.RawLine("stderr", "2026-11-25T10:00:00.3Z oops"),
				new StreamDecoder.RawLine("stdout", "2026-11-25T10:00:00.2Z second"),
				new StreamDecoder.RawLine("stdout", "ünïcödé ✓"));
	}

	@Test
	void aHeaderSplitAcrossChunksIsReassembled() {
		byte[] stream = concat(Fixtures.frame(2, "a\n"), Fixtures.frame(1, "b\n"));
		StreamDecoder decoder = new StreamDecoder(true);
		List<StreamDecoder.RawLine> lines = new ArrayList<>(decoder.feed(java.util.Arrays.copyOfRange(stream, 0, 5)));
		lines.addAll(decoder.feed(java.util.Arrays.copyOfRange(stream, 5, 13)));
		lines.addAll(decoder.feed(java.util.Arrays.copyOfRange(stream, 13, stream.length)));
		assertThat(lines).extracting(StreamDecoder.RawLine::stream).containsExactly("stderr", "stdout");
		assertThat(lines).extracting(StreamDecoder.RawLine::text).containsExactly("a", "b");
	}

	@Test
	void aTtyStreamHasNoFramesAndCarriageReturnsAreDropped() {
		StreamDecoder decoder = new StreamDecoder(false);
		List<StreamDecoder.RawLine> lines = new ArrayList<>(decoder.feed("one\r\ntw".getBytes(StandardCharsets.UTF_8)));
		lines.addAll(decoder.feed("o\nthree".getBytes(StandardCharsets.UTF_8)));
		assertThat(lines).extracting(StreamDecoder.RawLine::text).containsExactly("one", "two");
		assertThat(decoder.finish()).containsExactly(new StreamDecoder.RawLine("stdout", "three"));
	}

	@Test
	void theEnginesOwnErrorStreamReadsAsStderr() {
		StreamDecoder decoder = new StreamDecoder(true);
		assertThat(decoder.feed(Fixtures.frame(3, "exec failed\n")))
			.containsExactly(new StreamDecoder.RawLine("stderr", "exec failed"));
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] p : parts) {
			out.writeBytes(p);
		}
		return out.toByteArray();
	}

}
