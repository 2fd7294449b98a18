package cl.smartercl.mcp.connectors.docs;

import reactor.core.publisher.Mono;

/**
 * A backend probe that can also describe the backend's API from the live server, for a
 * backend that serves no OpenAPI document of its own (Odoo: its models' fields from
 * {@code fields_get}). The text is an OpenAPI 3 document.
 */
public interface LiveApiDescription {

	Mono<String> apiDescription();

}
