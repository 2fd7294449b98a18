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

	/** {@code n8n at 127.0.0.1:5678}. */
	public String where() {
		return this.name + " at " + this.location;
	}

}
