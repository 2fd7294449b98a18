package cl.smartercl.mcp.connectors.support;

import java.net.URI;

/**
 * Where a backend is, in the words its errors use: the service name of the error family
 * ({@code n8n}, {@code docker}, …), the name people know it by ({@code n8n},
 * {@code the Docker engine}) and the address from the tenant's configuration
 * ({@code host:port} or a socket path). Never a credential: a URL's user info is left
 * out.
 *
 * @param service the service the error family names ({@code Service '<service>' …})
 * @param name the backend as a sentence names it
 * @param location host and port, or a unix socket path
 */
public record BackendAddress(String service, String name, String location) {

	/** The host and port of an http(s) URL (the port only when the URL gives one). */
	public static BackendAddress of(String service, String name, URI url) {
		String host = (url.getHost() == null) ? String.valueOf(url.getAuthority()) : url.getHost();
		return new BackendAddress(service, name, host + ((url.getPort() < 0) ? "" : ":" + url.getPort()));
	}

	/**
	 * The root of a backend's URL from a tenant's configuration, without a trailing slash
	 * (paths are appended to it).
	 * @param tenantId the tenant, named in the error
	 * @param setting the configuration key, named in the error ({@code backends.n8n.url})
	 * @param url the configured URL
	 * @return the URL without its trailing slash
	 * @throws IllegalArgumentException when the URL is missing or not an absolute http(s)
	 * URL
	 */
	public static URI root(String tenantId, String setting, URI url) {
		if (url == null || url.getHost() == null) {
			throw new IllegalArgumentException(
					"tenant " + tenantId + ": " + setting + " must be an absolute http(s) URL");
		}
		String text = url.toString();
		return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
	}

	/** {@code n8n at 127.0.0.1:5678}. */
	public String where() {
		return this.name + " at " + this.location;
	}

}
