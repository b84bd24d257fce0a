// The review page's shell while the email is on its way: the way back, and where each panel will be.
import Link from "next/link";

function Panel({ title, tall = false }: { title: string; tall?: boolean }) {
  return (
    <section aria-label={title} aria-busy="true" className="rounded-md border border-line bg-panel p-4">
      <h2 className="text-sm font-semibold text-muted">{title}</h2>
      <div className={`mt-3 animate-pulse rounded bg-bg ${tall ? "h-64" : "h-16"}`} />
    </section>
  );
}

export function ReviewSkeleton() {
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <Link href="/" className="text-sm text-muted hover:text-fg">
          ← Queue
        </Link>
        <span className="text-sm text-muted">Loading the email…</span>
      </div>
      <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="space-y-4">
          <Panel title="Evidence checks" />
          <Panel title="Draft" tall />
        </div>
        <div className="space-y-4">
          <Panel title="Decision" />
          <Panel title="Voice session" />
          <Panel title="History" />
        </div>
      </div>
    </div>
  );
}
