"use client";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { setFourEyesAction } from "@/lib/auth/actions";

export function ReviewSettingsPanel({ fourEyes }: { fourEyes: boolean }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <section aria-labelledby="review-settings-title" className="rounded-md border border-line bg-panel p-4 text-sm">
      <h2 id="review-settings-title" className="mb-3 font-semibold">Review rules</h2>
      <label className="flex items-start gap-3">
        <input
          type="checkbox"
          className="mt-1"
          checked={fourEyes}
          disabled={pending}
          onChange={(e) => {
            const enabled = e.target.checked;
            startTransition(async () => {
              await setFourEyesAction({ enabled });
              router.refresh();
            });
          }}
        />
        <span>
          <span className="font-medium">Four-eyes</span>
          <span className="block text-muted">An email a reviewer edited or wrote must be approved by a different reviewer.</span>
        </span>
      </label>
    </section>
  );
}
