"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { setFourEyesAction } from "@/lib/accounts/actions";

export function ReviewSettingsPanel({ fourEyes }: { fourEyes: boolean }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [enabled, setEnabled] = useState(fourEyes);
  const [error, setError] = useState<string | null>(null);
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
      {error ? (
        <p role="alert" className="mt-2 text-bad">
          {error}
        </p>
      ) : null}
    </section>
  );
}
