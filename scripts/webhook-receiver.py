#!/usr/bin/env python3
"""A webhook receiver for trying the portal's webhooks: prints each POST's headers and body, and, with
PORTAL_WEBHOOK_SECRET set to the endpoint's secret, whether Portal-Signature verifies (docs/WEBHOOKS.md).
Usage: python3 scripts/webhook-receiver.py [port]   (default 8765, listens on 127.0.0.1)"""
import hashlib
import hmac
import os
import sys
import time
from http.server import BaseHTTPRequestHandler, HTTPServer


def verify(header, body, secret, tolerance=300):
    parts = [p.split("=", 1) for p in (header or "").split(",") if "=" in p]
    t = next((v for k, v in parts if k == "t"), None)
    if t is None or not t.isdigit() or abs(time.time() - int(t)) > tolerance:
        return False
    expected = hmac.new(secret.encode(), t.encode() + b"." + body, hashlib.sha256).hexdigest()
    return any(hmac.compare_digest(v, expected) for k, v in parts if k == "v1")


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        print(f"--- {self.command} {self.path}", flush=True)
        for name, value in self.headers.items():
            print(f"{name}: {value}")
        print()
        print(body.decode("utf-8", "replace"))
        secret = os.environ.get("PORTAL_WEBHOOK_SECRET")
        if secret:
            print("signature:", "valid" if verify(self.headers.get("Portal-Signature"), body, secret) else "INVALID")
        sys.stdout.flush()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8765
    print(f"listening on http://127.0.0.1:{port}/", flush=True)
    HTTPServer(("127.0.0.1", port), Receiver).serve_forever()
