"use client";

import { Button } from "@/components/ui/button";

export default function DashboardError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="rounded-md border border-bad/40 bg-panel p-6">
      <h1 className="text-lg font-semibold">This page could not load</h1>
      <p className="mt-1 text-sm text-muted">{error.digest ? `Reference ${error.digest}. ` : ""}Nothing you decided was lost. Try again.</p>
      <Button className="mt-4" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
