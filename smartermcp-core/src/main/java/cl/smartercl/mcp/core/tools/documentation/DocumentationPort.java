package cl.smartercl.mcp.core.tools.documentation;

import reactor.core.publisher.Mono;

/**
 * What the documentation tools need: bundled service docs, API descriptions, database
 * catalogs.
 */
public interface DocumentationPort {

	Mono<DocsServices.Output> services(DocsServices.Input input);

	Mono<DocsApis.Output> apis(DocsApis.Input input);

	Mono<DocsSchemas.Output> schemas(DocsSchemas.Input input);

}
