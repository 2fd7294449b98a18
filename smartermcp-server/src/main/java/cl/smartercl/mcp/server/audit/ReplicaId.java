package cl.smartercl.mcp.server.audit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * The name of this replica, written into every audit row it stores:
 * {@code smartermcp.replica-id} ({@code SMARTERMCP_REPLICA_ID}), else the host name
 * ({@code HOSTNAME}, else what the system resolves; a container's host name is its id, a
 * Kubernetes pod's its pod name).
 */
final class ReplicaId {

	static final int MAX_LENGTH = 64;

	private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]*");

	private ReplicaId() {
	}

	/**
	 * @param configured the setting, {@code null} or blank for the host name
	 * @throws IllegalStateException naming the setting when the configured value is not
	 * usable
	 */
	static String of(String configured) {
		if (configured != null && !configured.isBlank()) {
			String id = configured.strip();
			if (id.length() > MAX_LENGTH || !VALID.matcher(id).matches()) {
				throw new IllegalStateException("SMARTERMCP_REPLICA_ID must be 1 to " + MAX_LENGTH
						+ " letters, digits, '.', '_', ':' or '-', starting with a letter or digit; was '"
						+ ((id.length() > MAX_LENGTH) ? id.substring(0, MAX_LENGTH) + "…" : id) + "'");
			}
			return id;
		}
		return hostName();
	}

	private static String hostName() {
		String name = System.getenv("HOSTNAME");
		if (name == null || name.isBlank()) {
			try {
				name = InetAddress.getLocalHost().getHostName();
			}
			catch (UnknownHostException ex) {
				name = "unknown";
			}
		}
		name = name.strip();
		return (name.length() > MAX_LENGTH) ? name.substring(0, MAX_LENGTH) : name;
	}

}
