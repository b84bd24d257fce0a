"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { authClient } from "@/lib/auth/client";
import { safeNextPath } from "@/lib/auth/safe-next";
import { Field } from "./field";

export function SignInForm({ next, sso }: { next: string; sso: { label: string } | null }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <div className="space-y-4">
      <form
        className="space-y-4"
        onSubmit={async (event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          setBusy(true);
          setError(null);
          const { error: failed } = await authClient.signIn.email({ email: String(form.get("email")), password: String(form.get("password")) });
          setBusy(false);
          if (failed) {
            // One message whether or not the account exists.
            setError(failed.status === 429 ? "Too many attempts. Wait a minute and try again." : "Email or password is incorrect, or the account is deactivated.");
            return;
          }
          router.replace(safeNextPath(next));
          router.refresh();
        }}
      >
        <Field label="Email" name="email" type="email" autoComplete="username" required autoFocus />
        <Field label="Password" name="password" type="password" autoComplete="current-password" required />
        {error ? (
          <p role="alert" className="text-sm text-bad">
            {error}
          </p>
        ) : null}
        <Button type="submit" variant="primary" className="w-full" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </Button>
      </form>
      {sso ? (
        <>
          <p className="text-center text-xs text-muted">or</p>
          <Button className="w-full" onClick={() => void authClient.signIn.social({ provider: "oidc", callbackURL: safeNextPath(next) })}>
            {sso.label}
          </Button>
        </>
      ) : null}
    </div>
  );
}
