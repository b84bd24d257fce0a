// "Export evidence" for one email: the printable page opens in a new tab (print or save it as PDF
// from there), the JSON downloads. Plain links: every role may export, and each export is audited
// by the route (GET /api/items/{id}/export).
const linkClass =
  "inline-flex items-center justify-center gap-1.5 rounded-md border border-line bg-panel px-2.5 py-1 text-sm font-medium text-fg transition hover:bg-bg focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent";

export function ExportEvidenceLink({ itemId, className = "" }: { itemId: string; className?: string }) {
  const base = `/api/items/${encodeURIComponent(itemId)}/export`;
  return (
    <div role="group" aria-label="Export evidence" className={`flex flex-wrap items-center gap-2 ${className}`}>
      <a href={`${base}?format=html`} target="_blank" rel="noopener" className={linkClass}>
        Export evidence<span className="sr-only"> as a printable page (opens in a new tab)</span>
      </a>
      <a href={`${base}?format=json`} download className={`${linkClass} text-muted`}>
        JSON<span className="sr-only"> evidence bundle download</span>
      </a>
    </div>
  );
}
