"""The mapping of answers to typed errors, and the retry rule, against a local stub: the cases the real server of
the harness cannot be made to give (a proxy's page, an unknown code, the future backend_not_configured code, a
Retry-After date)."""
import json
import threading
import unittest
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
import time

from smartermcp import (BackendError, BackendNotConfiguredError, ForbiddenError, RateLimitedError,
                        ServiceUnavailableError, SmarterMCP, SmarterMcpError)
from smartermcp.errors import from_problem


def problem(status, headers=None, **members):
    return from_problem("op", status, headers or {}, json.dumps(dict(status=status, **members)).encode())


class ErrorMappingTests(unittest.TestCase):

    def test_a_problem_is_typed_by_its_code(self):
        error = problem(403, code="forbidden", title="Forbidden", detail="needs read:crm", required_scope="read:crm")
        self.assertIsInstance(error, ForbiddenError)
        self.assertEqual("read:crm", error.required_scope)
        self.assertEqual("op: needs read:crm", str(error))

    def test_not_configured_by_its_own_code_and_by_the_503_detail_servers_said_it_with_before(self):
        coded = problem(503, code="backend_not_configured", title="Not configured", service="odoo")
        self.assertIsInstance(coded, BackendNotConfiguredError)
        self.assertEqual("odoo", coded.service)
        older = problem(503, code="service_unavailable", title="Service Unavailable", service="n8n",
                        detail="Service 'n8n' is currently unavailable: the n8n backend is not configured for this tenant")
        self.assertIsInstance(older, BackendNotConfiguredError)
        down = problem(503, code="service_unavailable", title="Service Unavailable",
                       detail="Service 'n8n' is currently unavailable")
        self.assertIsInstance(down, ServiceUnavailableError)
        self.assertNotIsInstance(down, BackendNotConfiguredError)

    def test_an_unknown_code_is_typed_by_the_status_and_a_body_that_is_no_problem_is_never_quoted(self):
        self.assertIsInstance(problem(502, code="something_new", title="New"), BackendError)
        page = from_problem("op", 502, {}, b"<html>secret proxy page</html>")
        self.assertIsInstance(page, BackendError)
        self.assertNotIn("secret", str(page))
        teapot = from_problem("op", 418, {}, b"")
        self.assertIs(type(teapot), SmarterMcpError)
        self.assertEqual("http_418", teapot.code)

    def test_retry_after_in_seconds_as_an_http_date_or_from_the_problem(self):
        self.assertEqual(7, problem(429, {"Retry-After": "7"}, code="rate_limited", title="x").retry_after_seconds)
        dated = problem(429, {"Retry-After": formatdate(time.time() + 120, usegmt=True)}, code="rate_limited", title="x")
        self.assertTrue(60 < dated.retry_after_seconds <= 120, dated.retry_after_seconds)
        self.assertEqual(3, problem(429, code="rate_limited", title="x", retry_after_seconds=3).retry_after_seconds)


class RetryTests(unittest.TestCase):

    def test_with_retry_rate_limited_a_read_is_called_again_after_retry_after_a_write_never(self):
        calls = []

        class Stub(BaseHTTPRequestHandler):
            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                calls.append(self.path)
                if calls.count(self.path) == 1:
                    body = json.dumps({"code": "rate_limited", "title": "Too Many Requests", "status": 429}).encode()
                    self.send_response(429)
                    self.send_header("Content-Type", "application/problem+json")
                    self.send_header("Retry-After", "0")
                else:
                    body = b'{"count":0,"services":[]}'
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Stub)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            client = SmarterMCP(api_token="smcp_x", base_url=f"http://127.0.0.1:{server.server_port}", retry_rate_limited=True)
            self.assertEqual(0, client.services.list().count)
            with self.assertRaises(RateLimitedError):
                client.services.restart(service_id="web")
        finally:
            server.shutdown()
            server.server_close()
        self.assertEqual(["/tools/services_list", "/tools/services_list", "/tools/services_restart"], calls)


if __name__ == "__main__":
    unittest.main()
