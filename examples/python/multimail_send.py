"""Send a voice agent's email through MultiMail for review in Countersign, standard library only.

1. ``POST /v1/mailboxes/{mailbox}/send`` with ``{to: [...], subject, markdown, idempotency_key}``.
   The mailbox is in gated_send (oversight is a per-mailbox setting), so MultiMail holds the email
   (202, status pending_scan, then pending_send_approval) until a reviewer decides.
2. ``PUT /v1/mailboxes/{mailbox}/emails/{id}/tags`` with ``{tags: {room_sid, job_id, ...}}`` names the
   voice session. Tags are MultiMail's documented per-email key/values, returned on every read of
   the email; the send body documents no ``metadata`` field, so tags are what survives. Countersign
   links the email to its session from them, also when they land after the email was held.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any


class MultiMailError(Exception):
    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


def session_tags(voice: dict[str, Any]) -> dict[str, str]:
    """Tags are str -> str: lists comma-joined, empty values left out."""
    tags: dict[str, str] = {}
    for key, value in voice.items():
        if value is None:
            continue
        text = ",".join(str(v) for v in value) if isinstance(value, (list, tuple)) else str(value)
        if text:
            tags[key] = text
    return tags


def _call(method: str, url: str, key: str, body: dict[str, Any], timeout: float) -> dict[str, Any]:
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode("utf-8"),
        method=method,
        headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return json.loads(response.read().decode("utf-8") or "{}")
    except urllib.error.HTTPError as error:
        raise MultiMailError(f"MultiMail {method} {url} -> {error.code}", error.code) from None


def send_for_review(
    api_url: str,
    send_key: str,
    mailbox_id: str,
    *,
    to: list[str],
    subject: str,
    markdown: str,
    voice: dict[str, Any],
    idempotency_key: str | None = None,
    timeout: float = 15.0,
) -> dict[str, Any]:
    """Sends the email (held by gated_send) and tags it with its session.

    Returns ``{"id", "status", "thread_id", "tagged"}``. A failed tag leaves the email held without
    its call: it is retried a little and reported, never sent again (that would hold a second copy).
    """
    base = f"{api_url.rstrip('/')}/v1/mailboxes/{urllib.parse.quote(mailbox_id, safe='')}"
    body: dict[str, Any] = {"to": to, "subject": subject, "markdown": markdown}
    if idempotency_key:
        body["idempotency_key"] = idempotency_key
    sent = _call("POST", f"{base}/send", send_key, body, timeout)
    email_id = str(sent["id"])
    tagged = False
    for attempt in range(1, 4):
        try:
            _call("PUT", f"{base}/emails/{urllib.parse.quote(email_id, safe='')}/tags", send_key, {"tags": session_tags(voice)}, timeout)
            tagged = True
            break
        except MultiMailError as error:
            if error.status is not None and error.status < 500 and error.status != 429:
                break
        except (urllib.error.URLError, TimeoutError, ConnectionError):
            pass
        time.sleep(0.3 * attempt)
    return {"id": email_id, "status": sent.get("status"), "thread_id": sent.get("thread_id"), "tagged": tagged}
