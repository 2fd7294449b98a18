"""Runs every facade call over urllib: builds the request from the generated operation table, sends it with the
token, maps failures to the typed errors and, when enabled, calls a rate-limited READ again after the server's
Retry-After. Writes are never retried (DESIGN.md: writes are never retried automatically)."""
import json
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any, Dict, Optional

from . import _generated
from .errors import RateLimitedError, SmarterMcpError, SmarterMcpTimeoutError, TransportError, from_problem

USER_AGENT = "smartermcp-client-python/0.1.0"


class Calls:
    def __init__(self, base_url: str, api_token: str, tenant_id: Optional[str], timeout: float,
                 retry_rate_limited: bool, max_retries: int, max_retry_wait: float):
        self._base_url = base_url
        self._headers = {"Authorization": "Bearer " + api_token, "User-Agent": USER_AGENT, "Accept": "application/json"}
        if tenant_id is not None:
            self._headers["X-Tenant-ID"] = tenant_id
        self._timeout = timeout
        self._retry_rate_limited = retry_rate_limited
        self._max_retries = max_retries
        self._max_retry_wait = max_retry_wait
        # no proxies from the environment for a server the caller named; and no redirects followed blindly
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    def call(self, operation_id: str, path_parameters: Optional[Dict[str, str]] = None, **arguments: Any) -> Any:
        operation = _generated.OPERATIONS[operation_id]
        name = operation["tool"] or operation_id
        body = None
        if operation["method"] == "POST":
            model = _generated.MODELS.get(operation["input"]) if operation["input"] else None
            body = model(**arguments).to_dict() if model else {}
        elif arguments:
            raise TypeError(f"{operation_id} takes no arguments")
        path = operation["path"]
        for key, value in (path_parameters or {}).items():
            path = path.replace("{" + key + "}", urllib.parse.quote(str(value), safe=""))
        # reads may be retried on 429: the tools that are not writes, and the GET routes
        read = (operation["tool"] is not None and not operation["write"]) or operation["method"] == "GET"
        retry = self._retry_rate_limited and read
        retries = 0
        while True:
            try:
                answer = self._send(name, operation["method"], path, body)
                break
            except RateLimitedError as error:
                if not retry or retries >= self._max_retries or error.retry_after_seconds > self._max_retry_wait:
                    raise
                retries += 1
                time.sleep(error.retry_after_seconds)
        output = _generated.MODELS.get(operation["output"]) if operation["output"] else None
        return output.from_dict(answer) if output is not None and answer is not None else answer

    def _send(self, name: str, method: str, path: str, body: Optional[Dict[str, Any]]) -> Any:
        data = None if body is None else json.dumps(body).encode("utf-8")
        headers = dict(self._headers)
        if data is not None:
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(self._base_url + path, data=data, headers=headers, method=method)
        try:
            with self._opener.open(request, timeout=self._timeout) as response:
                raw = response.read()
        except urllib.error.HTTPError as error:
            with error:
                try:
                    raw = error.read()
                except (OSError, socket.timeout):
                    raw = b""
                raise from_problem(name, error.code, error.headers, raw) from None
        except (socket.timeout, TimeoutError):
            raise SmarterMcpTimeoutError(name, self._timeout) from None
        except urllib.error.URLError as error:
            if isinstance(error.reason, (socket.timeout, TimeoutError)):
                raise SmarterMcpTimeoutError(name, self._timeout) from None
            raise TransportError(f"{name} could not reach the server ({error.reason})") from None
        except (OSError, ValueError) as error:
            if isinstance(error, SmarterMcpError):
                raise
            raise TransportError(f"{name} failed: {type(error).__name__} ({error})") from None
        if not raw:
            return None
        try:
            return json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise TransportError(f"{name}: the server's answer is not JSON") from None
