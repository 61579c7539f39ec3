#!/usr/bin/env python3
"""A kefu remote plugin in Python 3, standard library only.

kefu POSTs each turn routed to this plugin as JSON, signed with the shared secret:
    X-Kefu-Timestamp: <ms>
    X-Kefu-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>
and expects {"actions": [...]} back, signed the same way with the request's timestamp.

Skill: shipping times. Asks for the city once, remembers it in a slot, then answers.
"slow" in the message simulates a slow backend (to show kefu's deadline).

    python3 faq_plugin.py --port 9000 --secret "$KEFU_PLUGIN_SECRET"
Prints "listening on <port>" once ready (--port 0 picks a free port).
"""
import argparse
import hashlib
import hmac
import json
import os
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DAYS = {"北京": 2, "上海": 1, "广州": 2, "深圳": 2, "beijing": 2, "shanghai": 1}


def sign(secret, timestamp, body):
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def decide(turn):
    """Turns one kefu turn into actions."""
    text = turn.get("text", "")
    english = turn.get("language") == "en"
    if "slow" in text:
        time.sleep(10)  # a backend that takes too long: kefu gives the buyer its fallback
    city = turn.get("slots", {}).get("city")
    if turn.get("answering_ask"):
        city = text.strip()
        actions = [{"type": "set_slot", "name": "city", "value": city}]
    elif not city:
        ask = "Which city should we ship to?" if english else "亲，寄到哪个城市呢？"
        return [{"type": "ask", "text": ask, "quick_replies": ["上海", "北京"]}]
    else:
        actions = []
    days = DAYS.get(city.lower(), 3)
    store = turn.get("store", "")
    note = turn.get("config", {}).get("note", "")
    if english:
        reply = "Parcels to %s usually arrive in %d days." % (city, days)
    else:
        reply = "发往%s一般%d天送达～" % (city, days)
    if note:
        reply += " " + note
    actions.append({"type": "reply", "text": reply})
    sys.stderr.write("answered store=%s city=%s\n" % (store, city))
    return actions


class Handler(BaseHTTPRequestHandler):
    secret = ""

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        ts = self.headers.get("X-Kefu-Timestamp", "")
        if not hmac.compare_digest(sign(self.secret, ts, body), self.headers.get("X-Kefu-Signature", "")):
            self.send_error(401, "bad signature")
            return
        try:
            turn = json.loads(body)
        except ValueError:
            self.send_error(400, "not JSON")
            return
        answer = json.dumps({"actions": decide(turn)}, ensure_ascii=False).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(answer)))
        self.send_header("X-Kefu-Signature", sign(self.secret, ts, answer))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, fmt, *args):
        pass  # quiet: one line per turn on stderr is enough


def main():
    p = argparse.ArgumentParser(description="kefu remote plugin example (shipping times)")
    p.add_argument("--port", type=int, default=9000)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--secret", default=os.environ.get("KEFU_PLUGIN_SECRET", ""))
    a = p.parse_args()
    if len(a.secret) < 16:
        p.error("--secret (or KEFU_PLUGIN_SECRET) must be at least 16 characters")
    Handler.secret = a.secret
    server = ThreadingHTTPServer((a.host, a.port), Handler)
    server.daemon_threads = True
    print("listening on %d" % server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
