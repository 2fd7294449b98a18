package cl.smartercl.mcp.server.health;

import reactor.core.publisher.Mono;

/** A live query of the store: true when it answered. Never fails. */
@FunctionalInterface
public interface DatabaseCheck {

	Mono<Boolean> connected();

}
