"""Client of the TokTok notification relay: sign and POST a status-change event.

Standard library only (works in any Django project). Configure with the environment:
TOKTOK_RELAY_URL (e.g. http://127.0.0.1:3100) and TOKTOK_RELAY_SECRET (the relay's RELAY_SECRET).
"""

import hashlib
import hmac
import json
import os
import time
import urllib.error
import urllib.request


class RelayError(Exception):
    """The relay refused the event or could not be reached; `status` is the HTTP status (0 = network).

    `retryable` is true for network errors, 409 (the same event is being sent right now) and 5xx
    (WhatsApp or Redis away): retry with the same eventId, after `retry_after` seconds when the relay
    said so. Other statuses (400, 401, 403, 413) will not change on a retry: fix the event or the secret.
    """

    def __init__(self, status, body, retry_after=None):
        super().__init__(f"TokTok relay answered {status}: {body}")
        self.status = status
        self.body = body
        self.retry_after = retry_after
        self.retryable = status == 0 or status == 409 or status == 429 or status >= 500


def sign(secret, body, timestamp=None):
    """Headers for `body` (bytes): HMAC-SHA256 of b"<timestamp>." + body, as the relay expects."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    mac = hmac.new(secret.encode(), ts.encode() + b"." + body, hashlib.sha256).hexdigest()
    return {"x-toktok-timestamp": ts, "x-toktok-signature": "sha256=" + mac}


def send_event(event, url=None, secret=None, timeout=10):
    """POSTs one event; returns the relay's JSON answer. Safe to retry with the same eventId."""
    url = (url or os.environ["TOKTOK_RELAY_URL"]).rstrip("/") + "/events"
    secret = secret or os.environ["TOKTOK_RELAY_SECRET"]
    body = json.dumps(event, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    headers = {"content-type": "application/json", **sign(secret, body)}
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return json.loads(response.read())
    except urllib.error.HTTPError as error:
        retry_after = error.headers.get("retry-after")
        raise RelayError(
            error.code,
            error.read().decode("utf-8", "replace"),
            int(retry_after) if retry_after and retry_after.isdigit() else None,
        ) from None
    except urllib.error.URLError as error:
        raise RelayError(0, str(error.reason)) from None


if __name__ == "__main__":
    # python3 toktok_relay.py event.json  — sends the event in the file, prints the answer.
    import sys

    with open(sys.argv[1], encoding="utf-8") as f:
        print(json.dumps(send_event(json.load(f)), ensure_ascii=False))
