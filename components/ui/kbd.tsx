export function Kbd({ children }: { children: React.ReactNode }) {
  return <kbd className="rounded border border-line bg-bg px-1 font-mono text-[0.7rem] text-muted">{children}</kbd>;
}
