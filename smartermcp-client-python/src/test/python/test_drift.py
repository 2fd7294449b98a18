"""The facade against the OpenAPI document (as JSON, from the Maven build): every operation — the 35 tools and
the admin routes — is reached by some facade method whose keywords are exactly the tool's arguments, and the
write tools (never retried) are the document's tools with readOnlyHint false. A tool added to the catalog
without its SDK method, or an argument added to a tool, fails here."""
import inspect
import json
import os
import re
import threading
import unittest
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import smartermcp
from smartermcp import _generated

DOCUMENT = os.environ.get("SMARTERMCP_OPENAPI_JSON", "target/openapi/openapi.json")


def operations():
    with open(DOCUMENT, encoding="utf-8") as file:
        document = json.load(file)
    return {(method.upper(), re.sub(r"\{[^}]+\}", "x", path)): operation
            for path, item in document["paths"].items() for method, operation in item.items()}


def facades(client):
    return [client, client.services, client.workflows, client.analytics, client.crm, client.crm.contacts,
            client.support, client.bots, client.infrastructure, client.documentation, client.codegen, client.admin]


def public_methods(facade):
    return [(name, method) for name, method in inspect.getmembers(facade, inspect.ismethod)
            if not name.startswith("_") and name != "from_environment"]


class DriftTests(unittest.TestCase):

    def test_the_document_has_the_35_tools(self):
        self.assertEqual(35, len([o for o in operations().values() if o.get("x-smartermcp-tool")]))

    def test_the_generated_table_is_this_document(self):
        self.assertEqual(sorted(o["operationId"] for o in operations().values()), sorted(_generated.OPERATIONS))

    def test_write_tools_are_the_documents_tools_that_are_not_read_only(self):
        writes = sorted(o["x-smartermcp-tool"] for o in operations().values()
                        if o.get("x-smartermcp-tool") and o.get("x-smartermcp-annotations", {}).get("readOnlyHint") is False)
        self.assertTrue(writes)
        self.assertEqual(writes, sorted(o["tool"] for o in _generated.OPERATIONS.values() if o["write"]))

    def test_every_operation_is_reachable_through_the_facade_with_the_tools_own_arguments(self):
        reached = []

        class Recorder(BaseHTTPRequestHandler):
            def _answer(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                reached.append((self.command, self.path, json.loads(body) if body else None))
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b"{}")

            do_GET = do_POST = do_DELETE = _answer

            def log_message(self, *args):
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            client = smartermcp.SmarterMCP(api_token="smcp_drift_test", base_url=f"http://127.0.0.1:{server.server_port}")
            for facade in facades(client):
                for name, method in public_methods(facade):
                    parameters = inspect.signature(method).parameters
                    # every keyword set, so that the request shows which member each one became
                    arguments = {p: "x" for p in parameters if parameters[p].kind == inspect.Parameter.KEYWORD_ONLY}
                    positional = ["x" for p in parameters.values() if p.kind == inspect.Parameter.POSITIONAL_OR_KEYWORD]
                    try:
                        method(*positional, **arguments)
                    except smartermcp.SmarterMcpError:
                        pass
                    except (TypeError, AttributeError):
                        # the stub's {} is no valid answer for every model: only the request counts here
                        pass
        finally:
            server.shutdown()
            server.server_close()
        seen = {(method, re.sub(r"^/auth/tokens/[^/]+$", "/auth/tokens/x", path)) for method, path, _ in reached}
        missing = sorted(f"{m} {p}" for m, p in operations() if (m, p) not in seen)
        self.assertEqual([], missing, "operations without a facade method")
        for method, path, body in reached:
            tool = path[len("/tools/"):] if path.startswith("/tools/") else None
            if tool:
                expected = next(o["arguments"] for o in _generated.OPERATIONS.values() if o["tool"] == tool)
                self.assertEqual(sorted(expected), sorted(body), f"the keywords of {tool}'s method")


if __name__ == "__main__":
    unittest.main()
