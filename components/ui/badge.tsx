const tones = {
  neutral: "border-line text-muted",
  info: "border-accent/40 text-accent",
  ok: "border-ok/40 text-ok",
  warn: "border-warn/50 text-warn",
  bad: "border-bad/50 text-bad",
} as const;

export function Badge({ tone = "neutral", children, title }: { tone?: keyof typeof tones; children: React.ReactNode; title?: string }) {
  return (
    <span title={title} className={`inline-flex items-center whitespace-nowrap rounded-full border px-2 py-0.5 text-xs font-medium ${tones[tone]}`}>
      {children}
    </span>
  );
}
