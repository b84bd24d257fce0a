"use client";
// Replying in a thread through the send key. Under gated_send MultiMail holds the reply like any
// agent email, so it goes to the queue marked as written by this reviewer.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { unwrapAction } from "@/lib/http/action-result";
import { replyAction } from "@/lib/inbox/actions";
import { inboxKeys } from "@/lib/inbox/queries";
import { modeLabels } from "./message-badges";

const GATED = new Set(["gated_send", "gated_all"]);

export function ReplyForm({
  mailboxId,
  threadId,
  replyTo,
  replyToLabel,
  mode,
}: {
  mailboxId: string;
  threadId: string;
  replyTo: string;
  replyToLabel: string;
  mode: string | null;
}) {
  const queryClient = useQueryClient();
  const [markdown, setMarkdown] = useState("");
  const [sent, setSent] = useState<string | null>(null);
  const reply = useMutation({
    mutationFn: (text: string) => unwrapAction(replyAction({ mailboxId, emailId: replyTo, markdown: text })),
    onSuccess: (result) => {
      setMarkdown("");
      setSent(result.emailId);
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: inboxKeys.thread(mailboxId, threadId) }),
  });
  const gated = mode ? GATED.has(mode) : true;
  return (
    <section aria-labelledby="reply-title" className="rounded-md border border-line bg-panel p-4">
      <h2 id="reply-title" className="font-semibold">
        Reply
      </h2>
      <p className="mt-1 text-sm text-muted">
        To {replyToLabel}.{" "}
        {gated
          ? "MultiMail holds your reply for review like any agent email; it appears in the queue as written by you, and with four-eyes on another reviewer approves it."
          : `This mailbox is ${mode ? (modeLabels[mode]?.text ?? mode).toLowerCase() : "not gated"}: MultiMail sends your reply without review.`}
      </p>
      <form
        className="mt-3 space-y-2"
        onSubmit={(e) => {
          e.preventDefault();
          if (markdown.trim() && !reply.isPending) reply.mutate(markdown);
        }}
      >
        <label className="block text-sm">
          <span className="mb-1 block text-muted">Your reply (markdown)</span>
          <textarea
            value={markdown}
            onChange={(e) => setMarkdown(e.target.value)}
            rows={6}
            className="w-full rounded-md border border-line bg-bg p-2 font-mono text-sm"
            onKeyDown={(e) => {
              if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) e.currentTarget.form?.requestSubmit();
            }}
          />
        </label>
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" variant="primary" disabled={reply.isPending || markdown.trim() === ""}>
            {reply.isPending ? "Sending…" : gated ? "Send reply for review" : "Send reply"}
          </Button>
          <span className="text-xs text-muted">Ctrl/⌘ + Enter sends</span>
        </div>
      </form>
      {reply.error ? (
        <p role="alert" className="mt-2 text-sm text-bad">
          {reply.error.message}
        </p>
      ) : null}
      {sent ? (
        <p role="status" className="mt-2 rounded-md border border-ok/40 bg-bg p-2 text-sm">
          Reply sent to MultiMail.
          {gated ? (
            <>
              {" "}
              It shows up in this thread and in the{" "}
              <Link href="/" className="text-accent underline">
                queue
              </Link>{" "}
              once MultiMail holds it.
            </>
          ) : null}
        </p>
      ) : null}
    </section>
  );
}
