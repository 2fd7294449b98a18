package cl.smartercl.mcp.client;

import java.util.concurrent.CompletableFuture;

import cl.smartercl.mcp.client.generated.ApiClient;
import cl.smartercl.mcp.client.generated.api.DocumentationApi;
import cl.smartercl.mcp.client.model.DocsApisInput;
import cl.smartercl.mcp.client.model.DocsApisOutput;
import cl.smartercl.mcp.client.model.DocsSchemasInput;
import cl.smartercl.mcp.client.model.DocsSchemasOutput;
import cl.smartercl.mcp.client.model.DocsServicesInput;
import cl.smartercl.mcp.client.model.DocsServicesOutput;

/** The documentation tools: {@code docs_services, docs_apis, docs_schemas}. */
public final class DocumentationClient {

	private final DocumentationApi api;

	private final Calls calls;

	DocumentationClient(ApiClient client, Calls calls) {
		this.api = new DocumentationApi(client);
		this.calls = calls;
	}

	public DocsServicesOutput service(String serviceId) {
		return Calls.await(serviceAsync(serviceId));
	}

	public CompletableFuture<DocsServicesOutput> serviceAsync(String serviceId) {
		DocsServicesInput input = new DocsServicesInput().serviceId(serviceId);
		return this.calls.tool("docs_services", () -> this.api.docsServices(input, Calls.NO_LOG_LEVEL));
	}

	public DocsApisOutput apis(String serviceId) {
		return apis(new DocsApisInput().serviceId(serviceId));
	}

	public DocsApisOutput apis(DocsApisInput input) {
		return Calls.await(apisAsync(input));
	}

	public CompletableFuture<DocsApisOutput> apisAsync(DocsApisInput input) {
		return this.calls.tool("docs_apis", () -> this.api.docsApis(input, Calls.NO_LOG_LEVEL));
	}

	public DocsSchemasOutput schemas(String database) {
		return schemas(new DocsSchemasInput().database(database));
	}

	public DocsSchemasOutput schemas(DocsSchemasInput input) {
		return Calls.await(schemasAsync(input));
	}

	public CompletableFuture<DocsSchemasOutput> schemasAsync(DocsSchemasInput input) {
		return this.calls.tool("docs_schemas", () -> this.api.docsSchemas(input, Calls.NO_LOG_LEVEL));
	}

}
