package cl.smartercl.mcp.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

import cl.smartercl.mcp.core.error.InvalidArgumentsException;

/**
 * What an API token looks like, how one is made and how it is kept.
 * <p>
 * A generated token is {@code smcp_} followed by 32 bytes (256 bits) from
 * {@link SecureRandom}, base64url without padding: 48 characters. An operator-chosen
 * admin token ({@code SMARTERMCP_ADMIN_TOKEN}) may use any bearer-token characters (RFC
 * 6750 {@code b64token}) but must also start with {@code smcp_} and be at least 40
 * characters long.
 * <p>
 * The store keeps only {@link #hash(String) SHA-256 of the whole token}. A slow, salted
 * password hash (bcrypt, Argon2) exists to protect low-entropy secrets people choose; a
 * 256-bit random secret cannot be guessed or brute-forced from its hash, so a fast
 * unsalted digest loses nothing and lets a token be found by an indexed equality lookup
 * on every request. Operator-chosen tokens are held to a minimum length for the same
 * reason.
 */
final class ApiTokens {

	static final String PREFIX = "smcp_";

	static final int RANDOM_BYTES = 32;

	static final int MIN_LENGTH = 40;

	static final int MAX_LENGTH = 256;

	/** The bearer token alphabet of RFC 6750 ({@code b64token}). */
	private static final Pattern TOKEN_CHARS = Pattern.compile("[A-Za-z0-9._~+/=-]+");

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private ApiTokens() {
	}

	/** A new random token. */
	static String generate(SecureRandom random) {
		byte[] secret = new byte[RANDOM_BYTES];
		random.nextBytes(secret);
		return PREFIX + ENCODER.encodeToString(secret);
	}

	/** Lower-case hex SHA-256 of the whole token, the only form the store keeps. */
	static String hash(String token) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			// Every Java platform must provide SHA-256 (MessageDigest's Javadoc).
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Whether {@code token} could be a token at all; anything else is rejected without a
	 * lookup.
	 */
	static boolean isWellFormed(String token) {
		return problem(token) == null;
	}

	/**
	 * Why {@code token} is not a usable token, or {@code null} when it is. The answer
	 * never quotes the token: it is shown to operators whose token is wrong.
	 */
	static String problem(String token) {
		if (token == null || !token.startsWith(PREFIX)) {
			return "it must start with '" + PREFIX + "'";
		}
		if (token.length() < MIN_LENGTH || token.length() > MAX_LENGTH) {
			return "it must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters long, not " + token.length();
		}
		if (!TOKEN_CHARS.matcher(token).matches()) {
			return "it may hold only letters, digits and - . _ ~ + / =";
		}
		return null;
	}

	/**
	 * Returns the token's name when it is 1 to 64 of {@code A-Z a-z 0-9 . _ -}: it
	 * becomes the {@code agent} label of the metrics, so it is kept short and plain.
	 */
	static String requireValidName(String name) {
		if (name == null || !NAME.matcher(name).matches()) {
			throw new InvalidArgumentsException("name",
					"a token name is 1 to 64 characters of A-Z, a-z, 0-9, '.', '_' or '-'");
		}
		return name;
	}

}
