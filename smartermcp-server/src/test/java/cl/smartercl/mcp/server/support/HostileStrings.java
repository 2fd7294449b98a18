package cl.smartercl.mcp.server.support;

import java.util.Random;

/**
 * Seeded, reproducible generator of strings an attacker would send: the characters JSON
 * must escape (quotes, backslashes, NUL and other controls, U+2028), unpaired and paired
 * surrogates, non-ASCII, and lengths from empty to well past every limit. The same seed
 * gives the same strings on every machine.
 */
public final class HostileStrings {

	private static final String[] PIECES = { "\"", "\\", "\u0000", "\n", "\r", "\t", "\u001f", "\u007f", "\u2028", "é",
			"ñ", "\ud83d\ude00", "\ud800", "\udfff", "a", "Z", "0", " ", "{", "}", "[", "]", ":", ",", "<", "'", "${",
			"%00", "\ufeff" };

	private final Random random;

	public HostileStrings(long seed) {
		this.random = new Random(seed);
	}

	public Random random() {
		return this.random;
	}

	/** A string of at most {@code maxLength} characters, in one of several shapes. */
	public String next(int maxLength) {
		int shape = this.random.nextInt(5);
		int length = (this.random.nextInt(4) == 0) ? this.random.nextInt(maxLength + 1)
				: this.random.nextInt(Math.min(64, maxLength) + 1);
		StringBuilder text = new StringBuilder(length);
		switch (shape) {
			case 0 -> {
				// one escapable character, repeated: the worst case of growth when
				// escaped
				String piece = PIECES[this.random.nextInt(9)];
				while (text.length() + piece.length() <= length) {
					text.append(piece);
				}
			}
			case 1 -> {
				while (text.length() < length) {
					text.append(PIECES[this.random.nextInt(PIECES.length)]);
				}
			}
			case 2 -> {
				// any UTF-16 code unit, surrogates included
				while (text.length() < length) {
					text.append((char) this.random.nextInt(0x10000));
				}
			}
			case 3 -> {
				while (text.length() < length) {
					text.append((char) (0x20 + this.random.nextInt(0x5f)));
				}
			}
			default -> {
				while (text.length() < length) {
					text.append((char) this.random.nextInt(0x20));
				}
			}
		}
		return (text.length() > maxLength) ? text.substring(0, maxLength) : text.toString();
	}

}
