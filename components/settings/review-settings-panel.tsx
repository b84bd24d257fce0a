"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { setFourEyesAction, setUndoGraceAction } from "@/lib/accounts/actions";
import { Button } from "@/components/ui/button";

export function ReviewSettingsPanel({ fourEyes, undoGraceSeconds }: { fourEyes: boolean; undoGraceSeconds: number }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [enabled, setEnabled] = useState(fourEyes);
  const [grace, setGrace] = useState(String(undoGraceSeconds));
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <section aria-labelledby="review-settings-title" className="rounded-md border border-line bg-panel p-4 text-sm">
      <h2 id="review-settings-title" className="mb-3 font-semibold">
        Review rules
      </h2>
      <label className="flex items-start gap-3">
        <input
          type="checkbox"
          className="mt-1"
          checked={enabled}
          disabled={pending}
          onChange={(e) => {
            const next = e.target.checked;
            setEnabled(next);
            startTransition(async () => {
              const result = await setFourEyesAction({ enabled: next });
              if ("error" in result) {
                setEnabled(!next);
                setError(result.error.message);
              } else setError(null);
              router.refresh();
            });
          }}
        />
        <span>
          <span className="font-medium">Four-eyes</span>
          <span className="block text-muted">An email a reviewer edited or wrote must be approved by a different reviewer.</span>
        </span>
      </label>
      <form
        className="mt-4"
        onSubmit={(e) => {
          e.preventDefault();
          const seconds = Number(grace);
          if (!Number.isInteger(seconds) || seconds < 0 || seconds > 300) {
            setError("The undo period is a whole number of seconds from 0 to 300.");
            return;
          }
          startTransition(async () => {
            const result = await setUndoGraceAction({ seconds });
            if ("error" in result) {
              setError(result.error.message);
              setSaved(null);
            } else {
              setError(null);
              setSaved(seconds === 0 ? "Decisions now go to MultiMail at once (no undo)." : `Decisions now wait ${seconds} s before they go to MultiMail.`);
            }
            router.refresh();
          });
        }}
      >
        <label htmlFor="undo-grace" className="font-medium">
          Undo period
        </label>
        <span id="undo-grace-help" className="block text-muted">
          Seconds a decision waits before it goes to MultiMail, so the reviewer can undo it (0 sends at once).
        </span>
        <div className="mt-2 flex items-center gap-2">
          <input
            id="undo-grace"
            type="number"
            inputMode="numeric"
            min={0}
            max={300}
            step={1}
            value={grace}
            aria-describedby="undo-grace-help"
            onChange={(e) => setGrace(e.target.value)}
            className="w-24 rounded border border-line bg-bg px-2 py-1"
          />
          <span className="text-muted">seconds</span>
          <Button type="submit" size="sm" disabled={pending}>
            Save
          </Button>
        </div>
        {saved ? (
          <p role="status" className="mt-2 text-muted">
            {saved}
          </p>
        ) : null}
      </form>
      {error ? (
        <p role="alert" className="mt-2 text-bad">
          {error}
        </p>
      ) : null}
    </section>
  );
}
