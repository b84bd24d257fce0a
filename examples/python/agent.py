"""A LiveKit voice agent (livekit-agents 1.x) whose follow-up emails are reviewed in Countersign.

- Its `send_follow_up` tool sends through MultiMail (mailbox in gated_send, so the email is held)
  and names the session in the email's metadata and tags: room sid and name, job id, caller, and
  the transcript turns behind the email (livekit.md section 3.4, step 1).
- At session end it uploads the transcript with countersign_upload.py (step 2).

    pip install "livekit-agents[openai,silero,deepgram,cartesia]~=1.3"
    export LIVEKIT_URL=... LIVEKIT_API_KEY=... LIVEKIT_API_SECRET=...
    export MULTIMAIL_API_URL=https://api.multimail.dev MULTIMAIL_SEND_KEY=... MULTIMAIL_MAILBOX_ID=...
    export COUNTERSIGN_URL=https://countersign.example.com TRANSCRIPT_INGEST_KEY=... TRANSCRIPT_INGEST_SECRET=...
    python agent.py dev
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import time
import urllib.request
from datetime import datetime, timezone

from livekit import rtc
from livekit.agents import Agent, AgentServer, AgentSession, JobContext, RunContext, cli, function_tool
from livekit.plugins import silero

from countersign_upload import transcript_from_report, upload_transcript

logger = logging.getLogger("frontdesk")
AGENT_NAME = "frontdesk"
server = AgentServer()


def _multimail(method: str, path: str, body: dict) -> dict:
    request = urllib.request.Request(
        f"{os.environ['MULTIMAIL_API_URL'].rstrip('/')}{path}",
        data=json.dumps(body).encode("utf-8"),
        method=method,
        headers={"Authorization": f"Bearer {os.environ['MULTIMAIL_SEND_KEY']}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=15) as response:
        return json.loads(response.read().decode("utf-8") or "{}")


def _caller(room: rtc.Room) -> rtc.RemoteParticipant | None:
    """The caller: the non-agent participant, a phone (SIP) caller first (livekit.md section 4)."""
    people = [p for p in room.remote_participants.values() if p.kind != rtc.ParticipantKind.PARTICIPANT_KIND_AGENT]
    people.sort(key=lambda p: p.kind != rtc.ParticipantKind.PARTICIPANT_KIND_SIP)
    return people[0] if people else None


class FrontDesk(Agent):
    def __init__(self, ctx: JobContext) -> None:
        super().__init__(
            instructions=(
                "You are the front desk of Acme Dental. Book appointments. When the caller asks for a "
                "confirmation by email, call send_follow_up with only what was said on the call."
            )
        )
        self._ctx = ctx

    @function_tool()
    async def send_follow_up(
        self, context: RunContext, to: str, subject: str, markdown: str, note: str | None = None, confidence: float | None = None
    ) -> str:
        """Send a follow-up email to the caller. A human approves it before it goes out.

        Args:
            to: the caller's email address, as they gave it
            subject: the subject line
            markdown: the body, in markdown; only facts said on this call
            note: anything the reviewer should double-check
            confidence: 0..1, how sure you are the email matches the call
        """
        ctx = self._ctx
        caller = _caller(ctx.room)
        # The turns behind the email: what the caller said so far (ids of chat_history items).
        evidence = [item.id for item in context.session.history.items if getattr(item, "role", None) == "user"]
        session = {
            "provider": "livekit",
            "room_sid": await ctx.room.sid,
            "room_name": ctx.room.name,
            "job_id": ctx.job.id,
            "agent_name": AGENT_NAME,
            "caller_identity": caller.identity if caller else None,
            "evidence_item_ids": evidence[-10:],
            "agent_note": note,
            "confidence": confidence,
            "drafted_at": datetime.now(timezone.utc).isoformat(),
        }
        mailbox = os.environ["MULTIMAIL_MAILBOX_ID"]
        sent = await asyncio.to_thread(
            _multimail, "POST", f"/v1/mailboxes/{mailbox}/send",
            {"to": [to], "subject": subject, "markdown": markdown, "metadata": {"voice": session},
             "idempotency_key": f"{ctx.job.id}-{subject}"},
        )
        # Tags are MultiMail's documented per-email key/values: the session travels there too.
        tags = {k: (",".join(v) if isinstance(v, list) else str(v)) for k, v in session.items() if v not in (None, [], "")}
        await asyncio.to_thread(_multimail, "PUT", f"/v1/mailboxes/{mailbox}/emails/{sent['id']}/tags", {"tags": tags})
        return "The email is written and held for a human to approve; tell the caller it will arrive shortly."


async def on_session_end(ctx: JobContext) -> None:
    # make_session_report() keeps timestamps; session.history.to_dict() drops them unless
    # exclude_timestamp=False (livekit.md section 3.1).
    report = ctx.make_session_report().to_dict()
    body = transcript_from_report(report, agent_name=AGENT_NAME, started_at=ctx.proc.userdata.get("started_at"), close_reason="session_end")
    try:
        result = await asyncio.to_thread(
            upload_transcript, os.environ["COUNTERSIGN_URL"], os.environ["TRANSCRIPT_INGEST_KEY"], os.environ["TRANSCRIPT_INGEST_SECRET"], body
        )
        logger.info("transcript uploaded: %s", result)
    except Exception:  # noqa: BLE001 - never crash the job on the way out
        logger.exception("transcript upload failed")


@server.rtc_session(on_session_end=on_session_end)
async def entrypoint(ctx: JobContext) -> None:
    ctx.proc.userdata["started_at"] = time.time()
    session = AgentSession(
        stt="deepgram/nova-3",
        llm="openai/gpt-4.1-mini",
        tts="cartesia/sonic-2",
        vad=silero.VAD.load(),
    )
    await session.start(agent=FrontDesk(ctx), room=ctx.room)


if __name__ == "__main__":
    cli.run_app(server)
