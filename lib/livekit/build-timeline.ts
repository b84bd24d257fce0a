// Turns chat_history items (livekit.md §3.2) into the reviewer's timeline: who spoke and when
// (from call start), interruptions marked, each tool call folded together with its output, and an
// anchor per item id so evidence can point at the turn that supports it.
import { formatOffset } from "@/lib/evidence/evidence-index";
import type { ChatItem, FunctionCallItem, FunctionCallOutputItem } from "./transcript-upload";
import type { TimelineEntry, TurnAnchor } from "./schemas";

export interface TimelineOptions {
  /** Unix seconds the offsets count from; null shows no times. */
  callStart: number | null;
  callerLabel?: string | null;
  agentLabel?: string | null;
}

/** A DOM id safe in a `#fragment`, unique within the page. */
function anchorFor(id: string, used: Set<string>): string {
  const base = `turn-${id.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 120)}`;
  let anchor = base;
  for (let n = 2; used.has(anchor); n++) anchor = `${base}-${n}`;
  used.add(anchor);
  return anchor;
}

function offset(createdAt: number | undefined, callStart: number | null): string | null {
  return createdAt !== undefined && callStart !== null ? formatOffset(createdAt - callStart) : null;
}

/** The earliest created_at of the items, in Unix seconds. */
export function firstItemTime(items: readonly ChatItem[]): number | null {
  let first: number | null = null;
  for (const item of items) {
    if (item.created_at !== undefined && (first === null || item.created_at < first)) first = item.created_at;
  }
  return first;
}

export function buildTimeline(items: readonly ChatItem[], options: TimelineOptions): { entries: TimelineEntry[]; anchors: Record<string, TurnAnchor> } {
  const entries: TimelineEntry[] = [];
  const anchors: Record<string, TurnAnchor> = {};
  const used = new Set<string>();
  const outputs = new Map<string, FunctionCallOutputItem>();
  for (const item of items) if (item.type === "function_call_output") outputs.set((item as FunctionCallOutputItem).call_id, item as FunctionCallOutputItem);
  const folded = new Set<string>();
  const shownAlone = new Set<string>();
  const callerLabel = options.callerLabel?.trim() || "Caller";
  const agentLabel = options.agentLabel?.trim() || "Agent";

  const remember = (ids: string[], anchorId: string, at: string | null, speaker: string) => {
    for (const id of ids) anchors[id] ??= { anchorId, at, speaker };
  };

  items.forEach((item, index) => {
    const at = offset(item.created_at, options.callStart);
    const fallbackId = `item-${index}`;
    switch (item.type) {
      case "message": {
        const m = item as Extract<ChatItem, { type: "message" }>;
        const text = m.content
          .filter((c): c is string => typeof c === "string")
          .join("\n")
          .trim();
        const hiddenParts = m.content.length - m.content.filter((c) => typeof c === "string").length;
        const speaker = m.role === "user" ? "caller" : m.role === "assistant" ? "agent" : "system";
        const label = speaker === "caller" ? callerLabel : speaker === "agent" ? agentLabel : m.role === "developer" ? "Developer" : "System";
        const anchorId = anchorFor(m.id, used);
        entries.push({
          kind: "message",
          anchorId,
          turnIds: [m.id],
          speaker,
          label,
          text,
          at,
          interrupted: m.interrupted,
          confidence: m.transcript_confidence ?? null,
          hiddenParts,
        });
        remember([m.id], anchorId, at, label);
        return;
      }
      case "function_call": {
        const call = item as FunctionCallItem;
        const output = shownAlone.has(call.call_id) ? undefined : outputs.get(call.call_id);
        if (output) folded.add(call.call_id);
        // Evidence names a tool turn by its output's id (or call_id), so that id leads the anchor.
        const outputId = output ? (output.id ?? output.call_id) : null;
        const turnIds = [...new Set([outputId, call.id, call.call_id].filter((v): v is string => Boolean(v)))];
        const anchorId = anchorFor(turnIds[0] ?? fallbackId, used);
        entries.push({
          kind: "tool",
          anchorId,
          turnIds,
          name: call.name,
          arguments: call.arguments,
          output: output?.output ?? null,
          isError: output?.is_error ?? false,
          at,
        });
        remember(turnIds, anchorId, at, `${call.name} tool`);
        return;
      }
      case "function_call_output": {
        const output = item as FunctionCallOutputItem;
        if (folded.has(output.call_id)) return;
        shownAlone.add(output.call_id);
        const turnIds = [...new Set([output.id, output.call_id].filter((v): v is string => Boolean(v)))];
        const anchorId = anchorFor(turnIds[0] ?? fallbackId, used);
        const name = output.name ?? "tool";
        entries.push({ kind: "tool", anchorId, turnIds, name, arguments: "", output: output.output, isError: output.is_error, at });
        remember(turnIds, anchorId, at, `${name} tool`);
        return;
      }
      case "agent_handoff": {
        const h = item as Extract<ChatItem, { type: "agent_handoff" }>;
        const id = h.id ?? fallbackId;
        const anchorId = anchorFor(id, used);
        entries.push({ kind: "handoff", anchorId, turnIds: h.id ? [h.id] : [], from: h.old_agent_id ?? null, to: h.new_agent_id, at });
        return;
      }
      default: {
        const id = item.id ?? fallbackId;
        const anchorId = anchorFor(id, used);
        const detail = item.type === "agent_config_update" ? describeConfigUpdate(item as Extract<ChatItem, { type: "agent_config_update" }>) : null;
        entries.push({ kind: "event", anchorId, turnIds: item.id ? [item.id] : [], label: item.type.replace(/_/g, " "), detail, at });
      }
    }
  });
  return { entries, anchors };
}

function describeConfigUpdate(item: { tools_added?: string[] | null; tools_removed?: string[] | null; instructions?: string | null }): string | null {
  const parts = [
    item.tools_added?.length ? `tools added: ${item.tools_added.join(", ")}` : null,
    item.tools_removed?.length ? `tools removed: ${item.tools_removed.join(", ")}` : null,
    item.instructions ? "instructions changed" : null,
  ].filter(Boolean);
  return parts.length ? parts.join("; ") : null;
}
