#!/usr/bin/env python3
"""Signs portal users in with magic links for the load tests, as a customer does: asks for a link for each email,
reads the links from the pickup mail folder, redeems them and lists each user's invoices. Writes one line per user,
"<access token> <invoice id>[,<invoice id>...]" (the first page of the user's invoices; an all-zero id when it has
none), in no particular order.
Usage: sign-in-users.py BASE PUBLISHABLE_KEY MAIL_FOLDER OUT EMAIL...   (or the emails one a line on stdin)"""
import email
import json
import pathlib
import re
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

base, key, mail, out = sys.argv[1], sys.argv[2], pathlib.Path(sys.argv[3]), sys.argv[4]
emails = sys.argv[5:] or [line.strip() for line in sys.stdin if line.strip()]


def call(method, path, body=None, token=None):
    request = urllib.request.Request(base + path, method=method, data=json.dumps(body).encode() if body is not None else None,
                                     headers={"X-Portal-Key": key, "Content-Type": "application/json"})
    if token:
        request.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(request, timeout=60) as answer:
        text = answer.read()
        return json.loads(text) if text else None


# Mail already in the folder (an earlier sign-in) is not this run's.
seen = {path.name for path in mail.glob("*.eml")}
with ThreadPoolExecutor(8) as pool:
    list(pool.map(lambda address: call("POST", "/v1/portal/auth/magic-link", {"email": address}), emails))

links, deadline = {}, time.time() + 300
while len(links) < len(emails) and time.time() < deadline:
    for path in mail.glob("*.eml"):
        if path.name in links or path.name in seen:
            continue
        message = email.message_from_bytes(path.read_bytes())
        for part in message.walk():
            if part.get_content_type() == "text/plain":
                found = re.search(r"magic-link\?token=([A-Za-z0-9_\-%]+)", part.get_payload(decode=True).decode())
                if found:
                    links[path.name] = urllib.request.unquote(found.group(1))
    time.sleep(0.5)
if len(links) < len(emails):
    sys.exit(f"only {len(links)} of {len(emails)} magic links arrived")


def sign_in(link):
    token = call("POST", "/v1/portal/auth/magic-link/redeem", {"token": link})["accessToken"]
    invoices = call("GET", "/v1/portal/invoices", token=token)["data"]
    return f"{token} {','.join(i['id'] for i in invoices) or '00000000-0000-0000-0000-000000000000'}"


with ThreadPoolExecutor(4) as pool:
    lines = list(pool.map(sign_in, links.values()))
pathlib.Path(out).write_text("\n".join(lines) + "\n")
