"""A LiveKit voice agent (livekit-agents 1.x) whose emails are reviewed in Countersign.

- It sends through MultiMail (the mailbox is in gated_send, so every email is held for a human) and
  names the call in each email's tags: room sid and name, job id, caller, and the transcript turns
  behind the email (multimail_send.py).
- Mid-call, its ``send_follow_up`` tool sends a confirmation the caller asked for.
- When the session ends it uploads the transcript (countersign_upload.py), then sends the caller a
  summary of the call, written by an LLM from the transcript alone.

See docs/agents.md for each step.

    pip install "livekit-agents[silero]~=1.3"
    export LIVEKIT_URL=... LIVEKIT_API_KEY=... LIVEKIT_API_SECRET=...
    export MULTIMAIL_API_URL=https://api.multimail.dev MULTIMAIL_SEND_KEY=... MULTIMAIL_MAILBOX_ID=...
    export COUNTERSIGN_URL=https://countersign.example.com TRANSCRIPT_INGEST_KEY=... TRANSCRIPT_INGEST_SECRET=...
    python agent.py dev
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import os
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from livekit import rtc
from livekit.agents import Agent, AgentServer, AgentSession, JobContext, RunContext, cli, function_tool, inference, llm
from livekit.plugins import silero

from countersign_upload import transcript_from_report, upload_transcript
from multimail_send import send_for_review

logger = logging.getLogger("frontdesk")

# What reviewers see as the agent. Not a dispatch name: this worker is dispatched automatically.
AGENT_LABEL = "frontdesk"
BUSINESS = "Acme Dental"

# Automatic dispatch: no agent_name. Pass one to rtc_session (or set LIVEKIT_AGENT_NAME) only when
# you dispatch explicitly, from the caller's token or the AgentDispatch API.
server = AgentServer()


@dataclass
class CallState:
    started_at: float
    room_sid: str
    # The address the caller gave for a follow-up, if they gave one.
    confirmed_email: str | None = None


_calls: dict[str, CallState] = {}


def _caller(room: rtc.Room) -> rtc.RemoteParticipant | None:
    """The caller: the non-agent participant, a phone (SIP) caller first (livekit.md section 4)."""
    people = [
        p
        for p in room.remote_participants.values()
        if p.kind not in (rtc.ParticipantKind.PARTICIPANT_KIND_AGENT, rtc.ParticipantKind.PARTICIPANT_KIND_EGRESS)
    ]
    people.sort(key=lambda p: p.kind != rtc.ParticipantKind.PARTICIPANT_KIND_SIP)
    return people[0] if people else None


def _email_of(participant: rtc.RemoteParticipant | None) -> str | None:
    """The caller's address from participant metadata ({"email": ...}) or an `email` attribute."""
    if participant is None:
        return None
    try:
        parsed = json.loads(participant.metadata or "{}")
        if isinstance(parsed, dict) and "@" in str(parsed.get("email", "")):
            return str(parsed["email"])
    except ValueError:
        pass  # metadata is free text: no address in it
    return participant.attributes.get("email") or None


def _voice_context(ctx: JobContext, state: CallState, **extra: Any) -> dict[str, Any]:
    caller = _caller(ctx.room)
    return {
        "room_sid": state.room_sid,
        "room_name": ctx.room.name,
        "job_id": ctx.job.id,
        "agent_name": AGENT_LABEL,
        "caller_identity": caller.identity if caller else None,
        "drafted_at": datetime.now(timezone.utc).isoformat(),
        **extra,
    }


def _idempotency_key(job_id: str, *parts: str) -> str:
    """One email per content and job: a retried tool call or session end does not hold a second copy."""
    return f"{job_id}-{hashlib.sha256(chr(10).join(parts).encode('utf-8')).hexdigest()[:24]}"


def _caller_turn_ids(history: llm.ChatContext, last: int = 10) -> list[str]:
    """The user turns so far: the chat_history item ids a reviewer checks the email against."""
    ids = [item.id for item in history.items if item.type == "message" and item.role == "user"]
    return ids[-last:]


async def _send(**kwargs: Any) -> dict[str, Any]:
    result = await asyncio.to_thread(
        send_for_review, os.environ["MULTIMAIL_API_URL"], os.environ["MULTIMAIL_SEND_KEY"], os.environ["MULTIMAIL_MAILBOX_ID"], **kwargs
    )
    if not result["tagged"]:
        logger.warning("email %s is held without its call: tagging it failed", result["id"])
    return result


class FrontDesk(Agent):
    def __init__(self, ctx: JobContext, state: CallState) -> None:
        super().__init__(
            instructions=(
                f"You are the front desk of {BUSINESS}. Book appointments. When the caller asks for a "
                "confirmation by email, read the address back, then call send_follow_up with only what was said on the call."
            )
        )
        self._ctx = ctx
        self._state = state

    @function_tool()
    async def send_follow_up(
        self, context: RunContext, to: str, subject: str, markdown: str, note: str | None = None, confidence: float | None = None
    ) -> str:
        """Send the caller an email they asked for (a booking confirmation, directions, a quote). A human approves it before it goes out.

        Args:
            to: the caller's email address, as they spelled it and you read it back
            subject: the subject line
            markdown: the body, in markdown; only facts said on this call
            note: anything the reviewer should double-check
            confidence: 0..1, how sure you are the email matches the call
        """
        self._state.confirmed_email = to
        await _send(
            to=[to],
            subject=subject,
            markdown=markdown,
            voice=_voice_context(
                self._ctx, self._state, evidence_item_ids=_caller_turn_ids(context.session.history), agent_note=note, confidence=confidence
            ),
            idempotency_key=_idempotency_key(self._ctx.job.id, to, subject, markdown),
        )
        return "The email is written and held for a person to check; tell the caller it will arrive once approved."


async def _summarize(history: llm.ChatContext) -> str:
    """A short markdown summary of the call, written by an LLM from the transcript alone."""
    lines = [
        f"{'Caller' if item.role == 'user' else 'Agent'}: {item.text_content}"
        for item in history.items
        if item.type == "message" and item.role in ("user", "assistant") and item.text_content
    ]
    if not lines:
        return ""
    chat_ctx = llm.ChatContext.empty()
    chat_ctx.add_message(
        role="system",
        content=(
            f"You write the follow-up email {BUSINESS} sends after a phone call. In markdown, in a few short lines, "
            "summarize what was agreed. Use only facts said on the call: dates, times, amounts and references exactly as said. "
            "No greeting placeholders, no invented details, no promises the agent did not make."
        ),
    )
    chat_ctx.add_message(role="user", content="\n".join(lines))
    summarizer = inference.LLM(model="openai/gpt-4.1-mini")
    parts = [chunk async for chunk in summarizer.chat(chat_ctx=chat_ctx).to_str_iterable()]
    return "".join(parts).strip()


async def on_session_end(ctx: JobContext) -> None:
    """After the session closed: the whole conversation is in the history now (livekit.md section 3.1)."""
    state = _calls.pop(ctx.job.id, None)
    if state is None:
        return
    try:
        report = ctx.make_session_report()
    except RuntimeError:
        return  # the session never started: nothing to upload or summarize

    # 1. The transcript first, so Countersign can check the summary the moment it is held.
    #    to_dict() keeps created_at (seconds); session.history.to_dict() drops it by default.
    body = transcript_from_report(report.to_dict(), agent_name=AGENT_LABEL, started_at=state.started_at, close_reason="session_end")
    try:
        result = await asyncio.to_thread(
            upload_transcript, os.environ["COUNTERSIGN_URL"], os.environ["TRANSCRIPT_INGEST_KEY"], os.environ["TRANSCRIPT_INGEST_SECRET"], body
        )
        logger.info("transcript uploaded: %s", result)
    except Exception:  # noqa: BLE001 - never crash the job on the way out
        logger.exception("transcript upload failed")

    # 2. The summary email, held for review like every other.
    to = state.confirmed_email or _email_of(_caller(ctx.room))
    if not to:
        return  # no address given on the call or in the caller's metadata
    markdown = await _summarize(report.chat_history)
    if not markdown:
        return
    try:
        await _send(
            to=[to],
            subject=f"Your call with {BUSINESS}",
            markdown=markdown,
            voice=_voice_context(
                ctx,
                state,
                evidence_item_ids=[item.id for item in report.chat_history.items if item.type == "message" and item.role == "user"],
                agent_note="Summary written by an LLM from the whole call at session end.",
            ),
            idempotency_key=_idempotency_key(ctx.job.id, "summary", to),
        )
    except Exception:  # noqa: BLE001
        logger.exception("summary email failed")


@server.rtc_session(on_session_end=on_session_end)
async def entrypoint(ctx: JobContext) -> None:
    # The job names its room; its sid (RM_...) keys the session in Countersign.
    state = CallState(started_at=time.time(), room_sid=ctx.job.room.sid)
    _calls[ctx.job.id] = state
    session = AgentSession(
        stt="deepgram/nova-3",
        llm="openai/gpt-4.1-mini",
        tts="cartesia/sonic-2",
        vad=silero.VAD.load(),
    )
    await session.start(agent=FrontDesk(ctx, state), room=ctx.room)


if __name__ == "__main__":
    cli.run_app(server)
