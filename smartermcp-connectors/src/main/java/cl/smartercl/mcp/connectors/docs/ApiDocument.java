package cl.smartercl.mcp.connectors.docs;

/**
 * A backend's API description as {@code docs_apis} and {@code generate_api_client} use
 * it.
 *
 * @param kind the backend kind, e.g. {@code n8n}
 * @param source {@code live} (served by the tenant's instance) or {@code bundled} (our
 * summary of the endpoints SmarterMCP's connectors call)
 * @param text the OpenAPI or Swagger document, JSON or YAML
 * @param version the live version when the instance reports one apart from the document
 * (Docker's API version), else {@code null}
 * @param note why the bundled summary was used, or what the live version describes;
 * {@code null} when there is nothing to add
 */
public record ApiDocument(String kind, String source, String text, String version, String note) {

	public static final String LIVE = "live";

	public static final String BUNDLED = "bundled";

}
