// The page for an address that matches nothing. Rendered per request, not prerendered: a static page
// would carry no CSP nonce (proxy.ts), and the browser would refuse its scripts.
import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";

export const metadata: Metadata = { title: "Page not found" };

export default async function NotFound() {
  await connection();
  return (
    <main id="main" className="grid min-h-screen place-items-center px-4 py-10">
      <div className="w-full max-w-sm rounded-lg border border-line bg-panel p-6 shadow-sm">
        <p className="mb-4 flex items-center gap-2 font-semibold">
          <span aria-hidden className="grid h-6 w-6 place-items-center rounded bg-accent text-xs text-accent-fg">
            ✓
          </span>
          Countersign
        </p>
        <h1 className="text-lg font-semibold">Page not found</h1>
        <p className="mt-1 text-sm text-muted">Nothing lives at this address. The link may be mistyped, or what it pointed to was removed.</p>
        <Link href="/" className="mt-4 inline-block rounded-md bg-accent px-3 py-1.5 text-sm font-medium text-accent-fg">
          Go to the review queue
        </Link>
      </div>
    </main>
  );
}
