// The evidence bundle as one printable HTML page. Every value in it came from an agent, a caller or
// a reviewer, so each is escaped as text; the email is shown as the markdown its author wrote, never
// as its HTML. The page has no script and loads nothing: the route serves it under a CSP that
// allows only its own inline style.
import type { BundleAuditEntry, BundleCheck, EvidenceBundle, FieldDiff } from "./evidence-bundle";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text → HTML text or attribute value. */
export function escapeHtml(value: unknown): string {
  return String(value ?? "").replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const text = escapeHtml;
const orDash = (value: string | number | null | undefined) => (value === null || value === undefined || value === "" ? "—" : text(value));

function time(value: string | null): string {
  if (!value) return "—";
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? text(value) : `<time datetime="${text(value)}">${text(d.toISOString().replace("T", " ").slice(0, 19))} UTC</time>`;
}

function rows(pairs: [string, string][]): string {
  return `<dl class="facts">${pairs.map(([k, v]) => `<dt>${text(k)}</dt><dd>${v}</dd>`).join("")}</dl>`;
}

function diffHtml(diff: FieldDiff[]): string {
  if (diff.length === 0) return `<p class="muted">No change to the text (a re-send of the same content).</p>`;
  return diff
    .map(
      (d) =>
        `<h4>${text(d.field)}</h4><pre class="diff">${d.parts
          .map((p) => (p.added ? `<ins>${text(p.value)}</ins>` : p.removed ? `<del>${text(p.value)}</del>` : text(p.value)))
          .join("")}</pre>`,
    )
    .join("");
}

const DECISION_LABEL: Record<string, string> = { approve: "Approved", reject: "Rejected", edit: "Edited", cancel: "Cancelled in MultiMail" };

const VERDICT_LABEL: Record<string, string> = { problem: "Problem", unverified: "Not checked", supported: "Supported", note: "Note" };

function checkHtml(check: BundleCheck): string {
  const excerpt = check.excerpt.length
    ? `<blockquote>${check.excerpt
        .map((t) => `<p><span class="who">${text(t.speaker)}${t.at ? ` · ${text(t.at)}` : ""}</span> ${text(t.text)} <span class="muted">(${text(t.turnId)})</span></p>`)
        .join("")}</blockquote>`
    : "";
  return `<li class="check verdict-${text(check.verdict)}"><p><strong>${text(VERDICT_LABEL[check.verdict] ?? check.verdict)}</strong> · ${text(check.kind)}${
    check.part ? ` in the ${text(check.part)}` : ""
  }: <q>${text(check.text)}</q>${check.needsConfirmation ? " · <strong>needs the reviewer's confirmation</strong>" : ""}</p><p>${text(check.message)}</p>${excerpt}</li>`;
}

function auditRows(entries: BundleAuditEntry[]): string {
  if (entries.length === 0) return `<p class="muted">None.</p>`;
  return `<table><thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">What</th><th scope="col">Email</th></tr></thead><tbody>${entries
    .map((a) => `<tr><td>${time(a.at)}</td><td>${text(a.actor)}</td><td>${text(a.summary)}</td><td class="id">${orDash(a.emailId)}</td></tr>`)
    .join("")}</tbody></table>`;
}

const STYLE = `
:root { color-scheme: light; --ink: #1c1917; --muted: #57534e; --line: #d6d3d1; --bad: #9f1239; --good: #166534; }
* { box-sizing: border-box; }
body { font: 14px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: #fff; margin: 0 auto; max-width: 60rem; padding: 2rem 1.25rem; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; overflow-wrap: anywhere; }
h2 { font-size: 1.15rem; margin: 2rem 0 .5rem; padding-bottom: .25rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1rem; margin: 1.25rem 0 .25rem; }
h4 { font-size: .85rem; margin: .75rem 0 .25rem; color: var(--muted); }
.muted { color: var(--muted); }
.id { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: .85em; overflow-wrap: anywhere; }
dl.facts { display: grid; grid-template-columns: minmax(8rem, max-content) 1fr; gap: .2rem 1rem; margin: .5rem 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; font: 13px/1.5 ui-monospace, SFMono-Regular, Menlo, monospace; background: #fafaf9; border: 1px solid var(--line); border-radius: 4px; padding: .75rem; margin: .25rem 0; }
ins { background: #dcfce7; color: var(--good); text-decoration: underline; }
del { background: #ffe4e6; color: var(--bad); text-decoration: line-through; }
ul.checks { list-style: none; padding: 0; margin: 0; }
li.check { border-left: 4px solid var(--line); padding: .25rem .75rem; margin: .75rem 0; break-inside: avoid; }
li.check p { margin: .15rem 0; }
li.verdict-problem { border-color: var(--bad); }
li.verdict-supported { border-color: var(--good); }
blockquote { margin: .25rem 0; padding: .25rem .75rem; background: #fafaf9; border: 1px solid var(--line); border-radius: 4px; }
blockquote p { margin: .2rem 0; }
.who { font-weight: 600; text-transform: capitalize; }
table { width: 100%; border-collapse: collapse; margin: .5rem 0; }
th, td { text-align: left; vertical-align: top; padding: .3rem .5rem; border-bottom: 1px solid var(--line); overflow-wrap: anywhere; }
th { font-size: .85rem; color: var(--muted); }
.notice { font-size: .85rem; color: var(--muted); }
@media (max-width: 40rem) { dl.facts { grid-template-columns: 1fr; } dl.facts dd { margin-bottom: .4rem; } table { font-size: .85rem; } }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  h2 { break-after: avoid; }
  pre, blockquote, tr, li.check { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  @page { margin: 18mm 15mm; }
}
`;

/** The whole page; `generatedBy` is who asked for it (shown in the footer). */
export function renderBundleHtml(bundle: EvidenceBundle, generatedBy: string): string {
  const { item, multimail, session, checks } = bundle;
  const title = `Evidence: ${item.subject || "(no subject)"}`;
  const decision = item.decision ? `${DECISION_LABEL[item.decision] ?? item.decision}${item.decidedBy ? ` by ${item.decidedBy}` : ""}` : "Not decided";

  const summary = rows([
    ["State", text(item.state)],
    ["Decision", `${text(decision)}${item.decidedAt ? ` · ${time(item.decidedAt)}` : ""}`],
    ...(item.decisionReason ? ([["Reason", text(item.decisionReason)]] as [string, string][]) : []),
    ["Mailbox", text(item.mailboxLabel)],
    ["From", text(item.from)],
    ["To", text(item.to.join(", "))],
    ["Held", time(bundle.timestamps.heldAt)],
    ["First opened", time(bundle.timestamps.firstViewedAt)],
    ["Delivered", bundle.timestamps.bouncedAt ? `bounced ${time(bundle.timestamps.bouncedAt)}` : time(bundle.timestamps.deliveredAt)],
  ]);

  const ids = rows([
    ["Countersign item", `<span class="id">${text(item.id)}</span>`],
    ["Mailbox id", `<span class="id">${text(multimail.mailboxId)}</span>`],
    ["Agent's email", `<span class="id">${text(multimail.rootEmailId)}</span>`],
    ["Current email", `<span class="id">${text(multimail.currentEmailId)}</span>`],
    ["Threads", multimail.threadIds.length ? `<span class="id">${text(multimail.threadIds.join(", "))}</span>` : "—"],
    ["Delivery", text(multimail.delivery.replace("_", " "))],
  ]);

  const call = rows([
    ["Room", session.roomSid ? `<span class="id">${text(session.roomSid)}</span>${session.roomName ? ` (${text(session.roomName)})` : ""}` : orDash(session.roomName)],
    ["Agent job", session.jobId ? `<span class="id">${text(session.jobId)}</span>` : "—"],
    ["Agent", orDash(session.agentName)],
    ["Caller", text([session.caller.name, session.caller.email, session.caller.phone, session.caller.identity].filter(Boolean).join(" · ") || "—")],
    ["Call", `${time(session.startedAt)} – ${time(session.endedAt)}`],
    ["Transcript", text(session.transcriptState)],
    ["Agent's note", orDash(session.agentNote)],
    ["Agent's confidence", session.agentConfidence === null ? "—" : text(session.agentConfidence)],
    [
      "Recordings",
      session.recordings.length
        ? session.recordings
            .map((r) => `${text(r.egressId)} (${text(r.status)})${r.files.map((f) => `<br><span class="id">${text(f.location ?? f.filename ?? "")}</span>`).join("")}`)
            .join("<br>")
        : "—",
    ],
  ]);

  const emails = bundle.emails
    .map(
      (e) => `<section>
<h3>${e.role === "original" ? "The agent's draft" : "Re-sent revision"} <span class="id">${text(e.id)}</span></h3>
${rows([
  ["MultiMail status (last synced)", text(e.status)],
  ["From", text(e.from)],
  ["To", text(e.to.join(", "))],
  ...(e.cc.length ? ([["Cc", text(e.cc.join(", "))]] as [string, string][]) : []),
  ["Subject", text(e.subject)],
  ["Received", time(e.receivedAt)],
  ["Approved", e.approvedAt ? `${time(e.approvedAt)}${e.approvedBy ? ` by ${text(e.approvedBy)}` : ""}` : "—"],
  ["Delivered", e.bouncedAt ? `bounced ${time(e.bouncedAt)}${e.bounceType ? ` (${text(e.bounceType)})` : ""}` : time(e.deliveredAt)],
])}
<h4>Body (as written, markdown)</h4>
<pre>${text(e.markdown)}</pre>
</section>`,
    )
    .join("");

  const revisions = bundle.revisions.length
    ? bundle.revisions
        .map(
          (r) => `<section>
<h3>Revision ${text(r.number)} by ${text(r.author)}</h3>
${rows([
  ["Written", time(r.createdAt)],
  ["Edits email", `<span class="id">${text(r.baseEmailId)}</span>`],
  ["Re-send", `${text(r.resendState)}${r.resentEmailId ? ` as <span class="id">${text(r.resentEmailId)}</span>` : ""}${r.lastError ? ` · ${text(r.lastError)}` : ""}`],
  ["Content hash", `<span class="id">${text(r.contentHash)}</span>`],
])}
${diffHtml(r.diff)}
</section>`,
        )
        .join("")
    : `<p class="muted">The draft was not edited.</p>`;

  const checksHtml = checks
    ? `<p>${text(checks.summary)} · checked against email <span class="id">${text(checks.emailId)}</span>${
        checks.transcriptAvailable ? "" : " · <strong>the transcript had not arrived: claims could not be checked</strong>"
      }</p>${checks.findings.length ? `<ul class="checks">${checks.findings.map(checkHtml).join("")}</ul>` : `<p class="muted">Nothing to check in this draft.</p>`}`
    : `<p class="muted">No evidence checks.</p>`;

  const decisions = bundle.decisions.length
    ? `<table><thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">Decision</th><th scope="col">Email</th><th scope="col">MultiMail</th></tr></thead><tbody>${bundle.decisions
        .map(
          (d) =>
            `<tr><td>${time(d.createdAt)}</td><td>${text(d.actor)}</td><td>${text(d.action)}${d.reason ? `: ${text(d.reason)}` : ""}</td><td class="id">${text(d.emailId)}</td><td>${text(d.delivery)}${
              d.upstreamStatus ? ` (${text(d.upstreamStatus)})` : ""
            }${d.deliveredAt ? ` · ${time(d.deliveredAt)}` : ""}${d.lastError ? ` · ${text(d.lastError)}` : ""}</td></tr>`,
        )
        .join("")}</tbody></table>`
    : `<p class="muted">No decision yet.</p>`;

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${text(title)} · Countersign</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<p class="muted">Countersign · evidence bundle</p>
<h1>${text(item.subject || "(no subject)")}</h1>
<p class="notice">Everything below was written by a voice agent, a caller or a reviewer and is shown as plain text. Generated ${time(bundle.generatedAt)} for ${text(generatedBy)}.</p>
</header>
<main>
<h2>Summary</h2>
${summary}
<h2>MultiMail</h2>
${ids}
<h2>The call</h2>
${call}
<h2>Evidence checks</h2>
${checksHtml}
<h2>Recipient confirmation and stale acknowledgement</h2>
<h3>Recipient confirmed</h3>
${auditRows(bundle.confirmations.recipient)}
<h3>Stale draft acknowledged</h3>
${auditRows(bundle.confirmations.stale)}
<h2>Emails</h2>
${emails}
<h2>Revisions</h2>
${revisions}
<h2>Decisions</h2>
${decisions}
<h2>Audit trail</h2>
${auditRows(bundle.audit)}
</main>
</body>
</html>
`;
}
