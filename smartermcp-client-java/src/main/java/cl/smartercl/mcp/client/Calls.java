package cl.smartercl.mcp.client;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import cl.smartercl.mcp.client.error.RateLimitedException;
import cl.smartercl.mcp.client.error.SmarterMcpException;
import cl.smartercl.mcp.client.error.TransportException;
import cl.smartercl.mcp.client.generated.ApiException;
import cl.smartercl.mcp.client.model.LogLevel;

/**
 * Runs every facade call: sends it through the generated API, maps failures to the typed
 * exceptions, and — when enabled — retries a rate-limited READ after the server's
 * {@code Retry-After}. Writes are never retried: a 429 may come from a limit counted
 * after the write was accepted elsewhere, and a write repeated by a client library is a
 * surprise nobody wants (DESIGN.md: writes are never retried automatically).
 */
final class Calls {

	/**
	 * The tools that change something (their {@code readOnlyHint} is false in the OpenAPI
	 * document; {@code FacadeCoverageTests} checks this set against it).
	 */
	static final Set<String> WRITE_TOOLS = Set.of("services_deploy", "services_restart", "workflows_trigger",
			"workflows_create", "crm_contacts_upsert", "bots_deploy", "containers_restart");

	/**
	 * The {@code log_level} of every tool call: none, so the server's default. Log lines
	 * come only on an event stream ({@code Accept: text/event-stream}), and the facade
	 * asks for JSON answers, where the parameter changes nothing.
	 */
	static final LogLevel NO_LOG_LEVEL = null;

	/** A generated API call. */
	@FunctionalInterface
	interface Request<T> {

		CompletableFuture<T> send() throws ApiException;

	}

	private final Duration timeout;

	private final boolean retryRateLimited;

	private final int maxRetries;

	private final Duration maxRetryWait;

	Calls(Duration timeout, boolean retryRateLimited, int maxRetries, Duration maxRetryWait) {
		this.timeout = timeout;
		this.retryRateLimited = retryRateLimited;
		this.maxRetries = maxRetries;
		this.maxRetryWait = maxRetryWait;
	}

	/** Calls a tool; reads may be retried on 429, writes never. */
	<T> CompletableFuture<T> tool(String tool, Request<T> request) {
		return attempt(tool, this.retryRateLimited && !WRITE_TOOLS.contains(tool), request, 0);
	}

	/** Calls a non-tool endpoint; {@code read} says whether it may be retried on 429. */
	<T> CompletableFuture<T> endpoint(String operation, boolean read, Request<T> request) {
		return attempt(operation, this.retryRateLimited && read, request, 0);
	}

	/** Waits for an async call and throws its typed exception, unwrapped. */
	static <T> T await(CompletableFuture<T> call) {
		try {
			return call.get();
		}
		catch (ExecutionException ex) {
			throw ProblemMapper.map("call", ex, null);
		}
		catch (InterruptedException ex) {
			call.cancel(true);
			Thread.currentThread().interrupt();
			throw new TransportException("interrupted while waiting for the server", ex);
		}
	}

	private <T> CompletableFuture<T> attempt(String operation, boolean retry, Request<T> request, int retries) {
		CompletableFuture<T> sent = send(operation, request);
		if (!retry) {
			return sent;
		}
		return sent.handle((value, failure) -> {
			if (failure == null) {
				return CompletableFuture.completedFuture(value);
			}
			SmarterMcpException error = ProblemMapper.map(operation, failure, this.timeout);
			if (error instanceof RateLimitedException limited && retries < this.maxRetries
					&& limited.retryAfter().compareTo(this.maxRetryWait) <= 0) {
				Executor later = CompletableFuture.delayedExecutor(limited.retryAfter().toMillis(),
						TimeUnit.MILLISECONDS);
				return CompletableFuture.runAsync(() -> {
				}, later).thenCompose((ignored) -> attempt(operation, true, request, retries + 1));
			}
			return CompletableFuture.<T>failedFuture(error);
		}).thenCompose((next) -> next);
	}

	private <T> CompletableFuture<T> send(String operation, Request<T> request) {
		CompletableFuture<T> sent;
		try {
			sent = request.send();
		}
		catch (ApiException | RuntimeException ex) {
			return CompletableFuture.failedFuture(ProblemMapper.map(operation, ex, this.timeout));
		}
		// rethrown typed: the future fails with a CompletionException whose cause is the
		// SmarterMcpException
		return sent.handle((value, failure) -> {
			if (failure != null) {
				throw ProblemMapper.map(operation, failure, this.timeout);
			}
			return value;
		});
	}

}
