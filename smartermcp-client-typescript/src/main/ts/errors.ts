/**
 * The typed errors of the SDK, mirroring the Java SDK's `cl.smartercl.mcp.client.error` family. Every
 * failure of a call is a {@link SmarterMcpError}; a problem answer of the server (RFC 9457) becomes the
 * subclass of its `code` (else of its HTTP status), in {@link fromProblem} and nowhere else.
 */

/** The members of the server's problem JSON, as sent (snake_case), plus the HTTP status. */
export interface ProblemDetails {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  code?: string;
  request_id?: string;
  [member: string]: unknown;
}

export class SmarterMcpError extends Error {
  /** The problem's stable code (`rate_limited`, ...), or the one its status stands for. */
  readonly code: string;
  /** The HTTP status, 0 when no answer came. */
  readonly status: number;
  /** The problem as the server sent it, when it sent one. */
  readonly problem?: ProblemDetails;

  constructor(message: string, code: string, problem?: ProblemDetails, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.status = problem?.status ?? 0;
    this.problem = problem;
  }

  /** The server's request id, to quote when reporting a problem. */
  get requestId(): string | undefined {
    return text(this.problem?.request_id);
  }
}

/** 400: the arguments break the tool's schema; `argument` names the one at fault. */
export class InvalidArgumentsError extends SmarterMcpError {
  get argument(): string | undefined {
    return text(this.problem?.argument);
  }
}

/** 401: a bad, expired or revoked token. */
export class UnauthorizedError extends SmarterMcpError {}

/** 403: the token lacks `requiredScope`. */
export class ForbiddenError extends SmarterMcpError {
  get requiredScope(): string | undefined {
    return text(this.problem?.required_scope);
  }
}

/** 403: the tenant asked for (X-Tenant-ID) is not the token's, or does not exist. */
export class TenantAccessDeniedError extends SmarterMcpError {}

/** 404: the thing asked for does not exist. */
export class NotFoundError extends SmarterMcpError {}

/** 404: no tool of that name. */
export class UnknownToolError extends SmarterMcpError {}

/** 409 */
export class ConflictError extends SmarterMcpError {}

/** 413 */
export class PayloadTooLargeError extends SmarterMcpError {}

/** 429: over a limit; call again after `retryAfterSeconds`. */
export class RateLimitedError extends SmarterMcpError {
  constructor(message: string, code: string, problem: ProblemDetails | undefined, readonly retryAfterSeconds: number) {
    super(message, code, problem);
  }

  /** The category whose limit was hit, e.g. `codegen`. */
  get category(): string | undefined {
    return text(this.problem?.category);
  }
}

/** 500 */
export class InternalServerError extends SmarterMcpError {}

/** 502: the backend answered with an error. */
export class BackendError extends SmarterMcpError {
  get service(): string | undefined {
    return text(this.problem?.service);
  }
}

/** 503: the backend is down or its circuit is open. */
export class ServiceUnavailableError extends SmarterMcpError {
  constructor(message: string, code: string, problem: ProblemDetails | undefined, readonly retryAfterSeconds?: number) {
    super(message, code, problem);
  }

  get service(): string | undefined {
    return text(this.problem?.service);
  }
}

/**
 * The backend a tool needs is not configured for this tenant: calling again will not help until an
 * operator configures it. A {@link ServiceUnavailableError} too, as older servers say it with 503.
 */
export class BackendNotConfiguredError extends ServiceUnavailableError {}

/** No answer within the client's timeout. */
export class SmarterMcpTimeoutError extends SmarterMcpError {
  constructor(operation: string, readonly timeoutMs: number, cause?: unknown) {
    super(`${operation}: no answer within ${timeoutMs} ms`, 'timeout', undefined, { cause });
  }
}

/** The server could not be reached, or the connection broke. */
export class TransportError extends SmarterMcpError {
  constructor(message: string, cause?: unknown) {
    super(message, 'transport', undefined, { cause });
  }
}

type Factory = (message: string, code: string, problem: ProblemDetails, retryAfterSeconds?: number) => SmarterMcpError;

/** The one place where a problem's code becomes its error type. */
const BY_CODE: Record<string, Factory> = {
  invalid_arguments: (m, c, p) => new InvalidArgumentsError(m, c, p),
  unauthorized: (m, c, p) => new UnauthorizedError(m, c, p),
  forbidden: (m, c, p) => new ForbiddenError(m, c, p),
  tenant_access_denied: (m, c, p) => new TenantAccessDeniedError(m, c, p),
  unknown_tool: (m, c, p) => new UnknownToolError(m, c, p),
  not_found: (m, c, p) => new NotFoundError(m, c, p),
  conflict: (m, c, p) => new ConflictError(m, c, p),
  payload_too_large: (m, c, p) => new PayloadTooLargeError(m, c, p),
  rate_limited: (m, c, p, r) => new RateLimitedError(m, c, p, r ?? DEFAULT_RETRY_AFTER_SECONDS),
  backend_error: (m, c, p) => new BackendError(m, c, p),
  service_unavailable: (m, c, p, r) =>
    NOT_CONFIGURED_DETAIL.test(p.detail ?? '') ? new BackendNotConfiguredError(m, c, p, r) : new ServiceUnavailableError(m, c, p, r),
  // the server's own code for it (servers before it said 503 service_unavailable, matched above)
  backend_not_configured: (m, c, p, r) => new BackendNotConfiguredError(m, c, p, r),
  not_configured: (m, c, p, r) => new BackendNotConfiguredError(m, c, p, r),
  internal_error: (m, c, p) => new InternalServerError(m, c, p),
};

/** What servers that have no code of their own for it say (core's ServiceUnavailableException.notConfigured). */
const NOT_CONFIGURED_DETAIL = /\bthe \S+ backend is not configured for this tenant\b/;

const BY_STATUS: Record<number, string> = {
  400: 'invalid_arguments', 401: 'unauthorized', 403: 'forbidden', 404: 'not_found', 409: 'conflict',
  413: 'payload_too_large', 429: 'rate_limited', 500: 'internal_error', 502: 'backend_error', 503: 'service_unavailable',
};

const DEFAULT_RETRY_AFTER_SECONDS = 1;

/**
 * The typed error for an answer with this status, headers and body. A body that is not a problem (a
 * proxy's HTML page, say) is never quoted: only its status is reported.
 */
export function fromProblem(operation: string, status: number, headers: Headers, body: string): SmarterMcpError {
  const problem = parse(status, body) ?? {
    title: `HTTP ${status}`, status, detail: `the server answered HTTP ${status} without a problem body`,
  };
  const message = `${operation}: ${problem.detail ?? problem.title}`;
  const known = problem.code !== undefined && problem.code in BY_CODE;
  const code = known ? problem.code! : (BY_STATUS[status] ?? problem.code ?? `http_${status}`);
  const factory = BY_CODE[code];
  const retryAfter = retryAfterSeconds(headers, problem);
  return factory ? factory(message, code, problem, retryAfter) : new SmarterMcpError(message, code, problem);
}

function parse(status: number, body: string): ProblemDetails | undefined {
  if (!body.trim()) {
    return undefined;
  }
  try {
    const members = JSON.parse(body);
    if (members === null || typeof members !== 'object' || !('code' in members || 'title' in members)) {
      return undefined;
    }
    return { ...members, status };
  } catch {
    return undefined;
  }
}

/** `Retry-After` as seconds or an HTTP date; else the problem's `retry_after_seconds`. */
export function retryAfterSeconds(headers: Headers, problem: ProblemDetails): number | undefined {
  const header = headers.get('retry-after')?.trim();
  if (header) {
    if (/^\d+$/.test(header)) {
      return Number(header);
    }
    const at = Date.parse(header);
    if (!Number.isNaN(at)) {
      return Math.max(0, Math.ceil((at - Date.now()) / 1000));
    }
  }
  const member = Number(problem.retry_after_seconds);
  return Number.isFinite(member) && problem.retry_after_seconds !== undefined ? Math.max(0, member) : undefined;
}

function text(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : String(value);
}
