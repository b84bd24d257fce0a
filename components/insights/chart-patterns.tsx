// The three outcomes' fills: a colour and a texture each, so a chart reads without colour too
// (approved solid, edited striped, rejected dotted). Server-rendered SVG; no client code.
export type Outcome = "approved" | "edited" | "rejected";

export const outcomes: { key: Outcome; label: string; color: string }[] = [
  { key: "approved", label: "Approved", color: "var(--ok)" },
  { key: "edited", label: "Edited", color: "var(--warn)" },
  { key: "rejected", label: "Rejected", color: "var(--bad)" },
];

export function fillOf(prefix: string, outcome: Outcome): string {
  return outcome === "approved" ? "var(--ok)" : `url(#${prefix}-${outcome})`;
}

/** The patterns, once per SVG (ids are prefixed so several charts on a page never clash). */
export function OutcomePatterns({ prefix }: { prefix: string }) {
  return (
    <defs>
      <pattern id={`${prefix}-edited`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="6" height="6" fill="var(--warn)" />
        <rect width="2" height="6" fill="var(--panel)" />
      </pattern>
      <pattern id={`${prefix}-rejected`} width="5" height="5" patternUnits="userSpaceOnUse">
        <rect width="5" height="5" fill="var(--bad)" />
        <circle cx="2.5" cy="2.5" r="1.1" fill="var(--panel)" />
      </pattern>
    </defs>
  );
}

/** The legend: a swatch with the same texture beside each outcome's name. */
export function OutcomeLegend({ prefix }: { prefix: string }) {
  const ids = `${prefix}-legend`;
  return (
    <div className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-muted">
      <svg width="0" height="0" aria-hidden="true" className="absolute">
        <OutcomePatterns prefix={ids} />
      </svg>
      {outcomes.map((o) => (
        <span key={o.key} className="flex items-center gap-1.5">
          <svg width="14" height="14" aria-hidden="true">
            <rect width="14" height="14" fill={fillOf(ids, o.key)} stroke="var(--fg)" strokeOpacity="0.3" />
          </svg>
          {o.label}
        </span>
      ))}
    </div>
  );
}
