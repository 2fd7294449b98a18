import { FetchError, ResponseError } from './generated/runtime.js';
import {
  RateLimitedError, SmarterMcpError, SmarterMcpTimeoutError, TransportError, fromProblem,
} from './errors.js';

/**
 * The tools that change something (`readOnlyHint: false` in the OpenAPI document; the drift test
 * checks this list against it). They are never retried: DESIGN.md, writes are never retried
 * automatically.
 */
export const WRITE_TOOLS: ReadonlySet<string> = new Set([
  'services_deploy', 'services_restart', 'workflows_trigger', 'workflows_create', 'crm_contacts_upsert',
  'bots_deploy', 'containers_restart',
]);

export interface CallSettings {
  timeoutMs: number;
  retryRateLimited: boolean;
  maxRetries: number;
  maxRetryWaitMs: number;
}

/** A generated API call, given the request options that carry the timeout's signal. */
export type Send<T> = (init: RequestInit) => Promise<T>;

/**
 * Runs every facade call: sends it through the generated API with a timeout, turns failures into the
 * typed errors, and — when enabled — calls a rate-limited READ again after the server's Retry-After.
 */
export class Calls {
  constructor(private readonly settings: CallSettings) {}

  /** Calls a tool; reads may be retried on 429, writes never. */
  tool<T>(tool: string, send: Send<T>): Promise<T> {
    return this.attempt(tool, this.settings.retryRateLimited && !WRITE_TOOLS.has(tool), send, 0);
  }

  /** Calls a non-tool endpoint; `read` says whether it may be retried on 429. */
  endpoint<T>(operation: string, read: boolean, send: Send<T>): Promise<T> {
    return this.attempt(operation, this.settings.retryRateLimited && read, send, 0);
  }

  private async attempt<T>(operation: string, retry: boolean, send: Send<T>, retries: number): Promise<T> {
    try {
      return await this.once(operation, send);
    } catch (error) {
      if (retry && error instanceof RateLimitedError && retries < this.settings.maxRetries
        && error.retryAfterSeconds * 1000 <= this.settings.maxRetryWaitMs) {
        await new Promise((resolve) => setTimeout(resolve, error.retryAfterSeconds * 1000));
        return this.attempt(operation, retry, send, retries + 1);
      }
      throw error;
    }
  }

  private async once<T>(operation: string, send: Send<T>): Promise<T> {
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), this.settings.timeoutMs);
    try {
      // the body is read inside the call, so the timeout covers the whole answer
      return await send({ signal: timeout.signal });
    } catch (error) {
      throw await this.map(operation, error, timeout.signal.aborted);
    } finally {
      clearTimeout(timer);
    }
  }

  private async map(operation: string, error: unknown, timedOut: boolean): Promise<SmarterMcpError> {
    if (error instanceof SmarterMcpError) {
      return error;
    }
    if (timedOut) {
      return new SmarterMcpTimeoutError(operation, this.settings.timeoutMs, error);
    }
    if (error instanceof ResponseError) {
      let body = '';
      try {
        body = await error.response.text();
      } catch {
        // the status alone is reported
      }
      return fromProblem(operation, error.response.status, error.response.headers, body);
    }
    if (error instanceof FetchError) {
      const cause = error.cause as { message?: string; cause?: { code?: string } } | undefined;
      const reason = cause?.cause?.code ?? cause?.message ?? 'fetch failed';
      return new TransportError(`${operation} could not reach the server (${reason})`, error);
    }
    return new TransportError(`${operation} failed: ${String(error)}`, error);
  }
}
