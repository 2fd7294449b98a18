"""The typed errors of the SDK, mirroring the Java SDK's ``cl.smartercl.mcp.client.error`` family. Every
failure of a call is a :class:`SmarterMcpError`; a problem answer of the server (RFC 9457) becomes the
subclass of its ``code`` (else of its HTTP status), in :func:`from_problem` and nowhere else."""
import json
import re
import time
from email.utils import parsedate_to_datetime
from typing import Any, Dict, Mapping, Optional


class SmarterMcpError(Exception):
    """``code`` is the problem's stable code (or the one its status stands for), ``status`` the HTTP status
    (0 when no answer came), ``problem`` the members the server sent."""

    def __init__(self, message: str, code: str, problem: Optional[Dict[str, Any]] = None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.problem: Dict[str, Any] = problem or {}
        self.status: int = int(self.problem.get("status") or 0)

    @property
    def request_id(self) -> Optional[str]:
        return _text(self.problem.get("request_id"))


class InvalidArgumentsError(SmarterMcpError):
    """400: the arguments break the tool's schema; ``argument`` names the one at fault."""

    @property
    def argument(self) -> Optional[str]:
        return _text(self.problem.get("argument"))


class UnauthorizedError(SmarterMcpError):
    """401: a bad, expired or revoked token."""


class ForbiddenError(SmarterMcpError):
    """403: the token lacks ``required_scope``."""

    @property
    def required_scope(self) -> Optional[str]:
        return _text(self.problem.get("required_scope"))


class TenantAccessDeniedError(SmarterMcpError):
    """403: the tenant asked for is not the token's, or does not exist."""


class NotFoundError(SmarterMcpError):
    """404"""


class UnknownToolError(SmarterMcpError):
    """404: no tool of that name."""


class ConflictError(SmarterMcpError):
    """409"""


class PayloadTooLargeError(SmarterMcpError):
    """413"""


class RateLimitedError(SmarterMcpError):
    """429: over a limit; call again after ``retry_after_seconds``."""

    def __init__(self, message: str, code: str, problem: Dict[str, Any], retry_after_seconds: float):
        super().__init__(message, code, problem)
        self.retry_after_seconds = retry_after_seconds

    @property
    def category(self) -> Optional[str]:
        return _text(self.problem.get("category"))


class InternalServerError(SmarterMcpError):
    """500"""


class BackendError(SmarterMcpError):
    """502: the backend answered with an error."""

    @property
    def service(self) -> Optional[str]:
        return _text(self.problem.get("service"))


class ServiceUnavailableError(SmarterMcpError):
    """503: the backend is down or its circuit is open."""

    def __init__(self, message: str, code: str, problem: Dict[str, Any], retry_after_seconds: Optional[float] = None):
        super().__init__(message, code, problem)
        self.retry_after_seconds = retry_after_seconds

    @property
    def service(self) -> Optional[str]:
        return _text(self.problem.get("service"))


class BackendNotConfiguredError(ServiceUnavailableError):
    """The backend a tool needs is not configured for this tenant: calling again will not help until an operator
    configures it. A :class:`ServiceUnavailableError` too, as older servers say it with 503."""


class SmarterMcpTimeoutError(SmarterMcpError, TimeoutError):
    """No answer within the client's timeout."""

    def __init__(self, operation: str, timeout: float):
        super().__init__(f"{operation}: no answer within {timeout} s", "timeout")
        self.timeout = timeout


class TransportError(SmarterMcpError):
    """The server could not be reached, or the connection broke."""

    def __init__(self, message: str):
        super().__init__(message, "transport")


# What servers without a code of their own for it say (core's ServiceUnavailableException.notConfigured).
_NOT_CONFIGURED_DETAIL = re.compile(r"\bthe \S+ backend is not configured for this tenant\b")


def _unavailable(message, code, problem, retry_after):
    if _NOT_CONFIGURED_DETAIL.search(problem.get("detail") or ""):
        return BackendNotConfiguredError(message, code, problem, retry_after)
    return ServiceUnavailableError(message, code, problem, retry_after)


# The one place where a problem's code becomes its error type.
_BY_CODE = {
    "invalid_arguments": lambda m, c, p, r: InvalidArgumentsError(m, c, p),
    "unauthorized": lambda m, c, p, r: UnauthorizedError(m, c, p),
    "forbidden": lambda m, c, p, r: ForbiddenError(m, c, p),
    "tenant_access_denied": lambda m, c, p, r: TenantAccessDeniedError(m, c, p),
    "unknown_tool": lambda m, c, p, r: UnknownToolError(m, c, p),
    "not_found": lambda m, c, p, r: NotFoundError(m, c, p),
    "conflict": lambda m, c, p, r: ConflictError(m, c, p),
    "payload_too_large": lambda m, c, p, r: PayloadTooLargeError(m, c, p),
    "rate_limited": lambda m, c, p, r: RateLimitedError(m, c, p, r if r is not None else _DEFAULT_RETRY_AFTER_SECONDS),
    "backend_error": lambda m, c, p, r: BackendError(m, c, p),
    "service_unavailable": _unavailable,
    # the server's own code for it (servers before it said 503 service_unavailable, matched above)
    "backend_not_configured": lambda m, c, p, r: BackendNotConfiguredError(m, c, p, r),
    "not_configured": lambda m, c, p, r: BackendNotConfiguredError(m, c, p, r),
    "internal_error": lambda m, c, p, r: InternalServerError(m, c, p),
}

_BY_STATUS = {400: "invalid_arguments", 401: "unauthorized", 403: "forbidden", 404: "not_found", 409: "conflict",
              413: "payload_too_large", 429: "rate_limited", 500: "internal_error", 502: "backend_error",
              503: "service_unavailable"}

_DEFAULT_RETRY_AFTER_SECONDS = 1.0


def from_problem(operation: str, status: int, headers: Mapping[str, str], body: bytes) -> SmarterMcpError:
    """The typed error for an answer with this status, headers and body. A body that is not a problem (a proxy's
    HTML page, say) is never quoted: only its status is reported."""
    problem = _parse(status, body) or {
        "title": f"HTTP {status}", "status": status,
        "detail": f"the server answered HTTP {status} without a problem body"}
    message = f"{operation}: {problem.get('detail') or problem.get('title')}"
    given = problem.get("code")
    code = given if given in _BY_CODE else _BY_STATUS.get(status, given or f"http_{status}")
    factory = _BY_CODE.get(code)
    retry_after = retry_after_seconds(headers, problem)
    return factory(message, code, problem, retry_after) if factory else SmarterMcpError(message, code, problem)


def _parse(status: int, body: bytes) -> Optional[Dict[str, Any]]:
    try:
        members = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(members, dict) or not ("code" in members or "title" in members):
        return None
    members["status"] = status
    return members


def retry_after_seconds(headers: Mapping[str, str], problem: Dict[str, Any]) -> Optional[float]:
    """``Retry-After`` as seconds or an HTTP date; else the problem's ``retry_after_seconds``."""
    header = (headers.get("Retry-After") or "").strip()
    if header:
        if header.isdigit():
            return float(header)
        try:
            return max(0.0, parsedate_to_datetime(header).timestamp() - time.time())
        except (TypeError, ValueError):
            pass
    member = problem.get("retry_after_seconds")
    try:
        return max(0.0, float(member)) if member is not None else None
    except (TypeError, ValueError):
        return None


def _text(value: Any) -> Optional[str]:
    return None if value is None else str(value)
