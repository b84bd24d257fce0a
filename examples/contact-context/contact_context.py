"""Greet a returning caller with context (Countersign's agent API), standard library only.

    from contact_context import fetch_contact_context, with_contact_context
    ctx = fetch_contact_context("maria@example.com", "https://countersign.example.com", os.environ["COUNTERSIGN_AGENT_KEY"])
    instructions = with_contact_context(BASE_INSTRUCTIONS, ctx)

CLI: python contact_context.py <email>  (COUNTERSIGN_URL and COUNTERSIGN_AGENT_KEY in the environment)
"""
from __future__ import annotations

import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request


def fetch_contact_context(email: str, countersign_url: str, agent_key: str, timeout: float = 1.5) -> dict | None:
    """The caller's context as a dict, or None when Countersign has never seen the address (404)."""
    url = f"{countersign_url.rstrip('/')}/api/v1/contacts/{urllib.parse.quote(email.strip().lower(), safe='')}/context"
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {agent_key}", "Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return json.loads(response.read())
    except urllib.error.HTTPError as error:
        if error.code == 404:
            return None
        body = error.read().decode("utf-8", "replace")
        raise RuntimeError(f"Countersign {error.code}: {body}") from None


def with_contact_context(instructions: str, context: dict | None) -> str:
    """Your instructions, then what Countersign knows about the caller (nothing for a new caller)."""
    if not context:
        return instructions
    return f"{instructions}\n\nWhat we know about this caller from earlier calls and emails (do not read it out; use it to help):\n{context['text']}"


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python contact_context.py <email>")
    found = fetch_contact_context(sys.argv[1], os.environ["COUNTERSIGN_URL"], os.environ["COUNTERSIGN_AGENT_KEY"])
    print(json.dumps(found, indent=2) if found else "Countersign has never seen this address.")
