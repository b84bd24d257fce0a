"use client";
// The form of first-run setup and of accepting an invite: name, email, password.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/http/action-result";
import { Field } from "./field";

export function NewAccountForm({
  submitLabel,
  fixedEmail,
  onCreate,
}: {
  submitLabel: string;
  fixedEmail?: string | null;
  onCreate: (input: { name: string; email: string; password: string }) => Promise<ActionResult<{ ok: boolean }>>;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="space-y-4"
      onSubmit={async (event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        if (form.get("password") !== form.get("confirm")) return setError("The passwords do not match.");
        setBusy(true);
        setError(null);
        const result = await onCreate({ name: String(form.get("name")), email: fixedEmail ?? String(form.get("email")), password: String(form.get("password")) });
        setBusy(false);
        if ("error" in result) return setError(result.error.message);
        router.replace("/");
        router.refresh();
      }}
    >
      <Field label="Your name" name="name" autoComplete="name" required autoFocus />
      <Field label="Email" name="email" type="email" autoComplete="username" required defaultValue={fixedEmail ?? undefined} readOnly={Boolean(fixedEmail)} />
      <Field label="Password (10+ characters)" name="password" type="password" autoComplete="new-password" minLength={10} required />
      <Field label="Repeat the password" name="confirm" type="password" autoComplete="new-password" minLength={10} required />
      {error ? (
        <p role="alert" className="text-sm text-bad">
          {error}
        </p>
      ) : null}
      <Button type="submit" variant="primary" className="w-full" disabled={busy}>
        {busy ? "Working…" : submitLabel}
      </Button>
    </form>
  );
}
