// A keyboard hint chip; hidden on small screens, where there is rarely a keyboard to press it on.
export function Kbd({ children }: { children: React.ReactNode }) {
  return <kbd className="hidden rounded border border-line bg-bg px-1 font-mono text-[0.7rem] text-muted sm:inline">{children}</kbd>;
}
