#!/usr/bin/env python3
"""The benchmark's webhook receiver: answers 200 at once (HTTP/1.1 keep-alive, a thread per connection) and appends
"<arrival unix microseconds> <type> <createdAt> <event id>" per request to the file given. Usage: webhook-receiver.py PORT FILE"""
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

lock = threading.Lock()
out = open(sys.argv[2], "a", buffering=1)


class Receiver(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        arrived = time.time_ns() // 1000
        event = json.loads(body)
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()
        with lock:
            out.write(f"{arrived} {event['type']} {event['createdAt']} {event['id']}\n")

    def log_message(self, *args):
        pass


ThreadingHTTPServer.daemon_threads = True
ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Receiver).serve_forever()
