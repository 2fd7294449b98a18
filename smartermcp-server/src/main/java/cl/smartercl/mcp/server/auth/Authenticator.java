package cl.smartercl.mcp.server.auth;

import reactor.core.publisher.Mono;

import cl.smartercl.mcp.core.auth.Principal;

/** Turns a bearer token into the caller, or fails with {@code UnauthorizedException}. */
@FunctionalInterface
public interface Authenticator {

	Mono<Principal> authenticate(String bearerToken);

}
