"""Countersign transcript upload for a LiveKit agent in Python, standard library only.

Implements the agent -> dashboard contract (livekit.md section 3.4): the session report's
chat_history, PUT to /api/voice-sessions/{room_sid}/transcript, signed the way LiveKit signs its
webhooks -- an HS256 JWT with iss = the ingest key, a five-minute expiry, and
sha256 = base64(SHA-256 of the exact body bytes).

Use it from an agent (see agent.py), or from the shell:

    python3 countersign_upload.py --url https://countersign.example.com \\
        --key "$TRANSCRIPT_INGEST_KEY" --secret "$TRANSCRIPT_INGEST_SECRET" report.json

where report.json is `ctx.make_session_report().to_dict()` written to a file.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import hmac
import json
import os
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

SCHEMA = "livekit-chat-history/v1"


class UploadError(Exception):
    """Countersign refused the upload (4xx: fix the request) or kept failing (5xx, network)."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def sign_upload(body: bytes, key: str, secret: str, ttl_seconds: int = 300, now: float | None = None) -> str:
    """The Authorization value for one body: sign the exact bytes you send."""
    issued = int(time.time() if now is None else now)
    header = {"alg": "HS256", "typ": "JWT"}
    claims = {
        "iss": key,
        "nbf": issued,
        "exp": issued + ttl_seconds,
        "sha256": base64.b64encode(hashlib.sha256(body).digest()).decode("ascii"),
    }
    segments = [_b64url(json.dumps(part, separators=(",", ":")).encode("utf-8")) for part in (header, claims)]
    signing_input = ".".join(segments).encode("ascii")
    signature = hmac.new(secret.encode("utf-8"), signing_input, hashlib.sha256).digest()
    return f"{signing_input.decode('ascii')}.{_b64url(signature)}"


def _seconds(value: Any) -> float | None:
    """Unix seconds from seconds, milliseconds or a datetime (Python reports use seconds, JS ms)."""
    if value is None:
        return None
    if hasattr(value, "timestamp"):
        return float(value.timestamp())
    number = float(value)
    return number / 1000 if number > 1e11 else number


def transcript_from_report(
    report: dict[str, Any],
    *,
    agent_name: str | None = None,
    started_at: Any = None,
    ended_at: Any = None,
    close_reason: str | None = None,
    recording: dict[str, str] | None = None,
) -> dict[str, Any]:
    """The upload body from `ctx.make_session_report().to_dict()` (job_id, room_id, room, chat_history)."""
    for field in ("room", "room_id", "job_id"):
        if not report.get(field):
            raise ValueError(f"the session report has no {field}")
    history = report.get("chat_history") or {}
    return {
        "schema": SCHEMA,
        "room": report["room"],
        "room_sid": report["room_id"],
        "job_id": report["job_id"],
        "agent_name": agent_name,
        "started_at": _seconds(started_at),
        "ended_at": _seconds(ended_at if ended_at is not None else report.get("timestamp", time.time())),
        "close_reason": close_reason,
        "chat_history": {"items": history.get("items", [])},
        "recording": recording,
    }


def upload_transcript(
    dashboard_url: str,
    key: str,
    secret: str,
    body: dict[str, Any],
    *,
    attempts: int = 4,
    timeout: float = 10.0,
) -> dict[str, Any]:
    """PUTs the transcript. Idempotent per room sid and job id, so retrying is safe.

    Retries network errors and 5xx with backoff; a 4xx names what to fix and is raised at once.
    Returns Countersign's answer, e.g. {"status": "created", "items": 42, ...}.
    """
    raw = json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    url = f"{dashboard_url.rstrip('/')}/api/voice-sessions/{urllib.parse.quote(body['room_sid'], safe='')}/transcript"
    last: UploadError | None = None
    for attempt in range(1, attempts + 1):
        # A fresh token per attempt: each is valid for five minutes only.
        request = urllib.request.Request(
            url,
            data=raw,
            method="PUT",
            headers={"Content-Type": "application/json", "Authorization": sign_upload(raw, key, secret)},
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return json.loads(response.read().decode("utf-8") or "{}")
        except urllib.error.HTTPError as error:
            message = _error_message(error)
            if error.code < 500:
                raise UploadError(f"Countersign refused the transcript ({error.code}): {message}", error.code) from None
            last = UploadError(f"Countersign failed ({error.code}): {message}", error.code)
        except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
            last = UploadError(f"Countersign is unreachable: {error}")
        if attempt < attempts:
            time.sleep(0.5 * 2 ** (attempt - 1))
    raise last or UploadError("upload failed")


def _error_message(error: urllib.error.HTTPError) -> str:
    try:
        return str(json.loads(error.read().decode("utf-8"))["error"]["message"])
    except Exception:  # noqa: BLE001 - any unreadable body falls back to the status text
        return str(error.reason)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Upload a LiveKit session report's transcript to Countersign.")
    parser.add_argument("report", help="JSON file: ctx.make_session_report().to_dict(), or a ready upload body")
    parser.add_argument("--url", default=os.environ.get("COUNTERSIGN_URL"), help="Countersign base URL (env COUNTERSIGN_URL)")
    parser.add_argument("--key", default=os.environ.get("TRANSCRIPT_INGEST_KEY"), help="ingest key (env TRANSCRIPT_INGEST_KEY)")
    parser.add_argument("--secret", default=os.environ.get("TRANSCRIPT_INGEST_SECRET"), help="ingest secret (env TRANSCRIPT_INGEST_SECRET)")
    parser.add_argument("--agent-name")
    parser.add_argument("--close-reason")
    args = parser.parse_args(argv)
    if not (args.url and args.key and args.secret):
        parser.error("--url, --key and --secret (or their environment variables) are required")
    with open(args.report, encoding="utf-8") as handle:
        report = json.load(handle)
    body = report if report.get("schema") == SCHEMA else transcript_from_report(report, agent_name=args.agent_name, close_reason=args.close_reason)
    try:
        result = upload_transcript(args.url, args.key, args.secret, body, attempts=2)
    except UploadError as error:
        print(str(error), file=sys.stderr)
        return 1
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
