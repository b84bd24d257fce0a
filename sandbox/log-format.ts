// Pino's JSON lines as one readable line each, for the demo's terminal: time, level, scope, message,
// then the remaining fields as key=value. Lines that are not pino JSON pass through unchanged.
// Dependency-free on purpose: production keeps JSON (lib/logger.ts), only the demo reads it by eye.

const LEVELS: Record<number, string> = { 10: "TRACE", 20: "DEBUG", 30: "INFO ", 40: "WARN ", 50: "ERROR", 60: "FATAL" };
const COLOURS: Record<number, string> = { 10: "90", 20: "90", 30: "36", 40: "33", 50: "31", 60: "35" };
const HIDDEN = new Set(["level", "time", "msg", "pid", "hostname", "app", "scope", "v"]);

function value(v: unknown): string {
  if (typeof v === "string") return /[\s="]/.test(v) ? JSON.stringify(v) : v;
  if (v && typeof v === "object" && "message" in v && typeof (v as { message: unknown }).message === "string") return JSON.stringify((v as { message: string }).message);
  return JSON.stringify(v);
}

export function formatLogLine(line: string, colour = false): string {
  if (!line.startsWith("{")) return line;
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  if (typeof entry.level !== "number" || typeof entry.msg !== "string") return line;
  const time = typeof entry.time === "number" ? new Date(entry.time).toISOString().slice(11, 19) : "--:--:--";
  const level = LEVELS[entry.level] ?? String(entry.level);
  const paint = (code: string | undefined, text: string) => (colour && code ? `\x1b[${code}m${text}\x1b[0m` : text);
  const scope = typeof entry.scope === "string" ? ` [${entry.scope}]` : "";
  const rest = Object.entries(entry)
    .filter(([k]) => !HIDDEN.has(k))
    .map(([k, v]) => `${k}=${value(v)}`)
    .join(" ");
  return `${paint("90", time)} ${paint(COLOURS[entry.level], level)}${scope} ${entry.msg}${rest ? paint("90", ` ${rest}`) : ""}`;
}

/** Splits a stream into lines and writes each one formatted. */
export function pipeFormatted(stream: NodeJS.ReadableStream, out: NodeJS.WritableStream, colour: boolean): void {
  let pending = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk: string) => {
    pending += chunk;
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) out.write(`${formatLogLine(line, colour)}\n`);
  });
  stream.on("end", () => {
    if (pending) out.write(`${formatLogLine(pending, colour)}\n`);
  });
}
