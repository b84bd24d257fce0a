// Every package the lock installs must run on the Node version package.json promises: a dependency
// whose `engines.node` refuses our floor (sanitize-html 2.17.6+ wants Node 22.12) fails here, not
// on a machine that runs the floor.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

type Version = [number, number, number];

function parseVersion(text: string): Version | null {
  const m = /^v?(\d+|[xX*])(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?/.exec(text.trim());
  if (!m) return null;
  const part = (s: string | undefined) => (s === undefined || /[xX*]/.test(s) ? -1 : Number(s));
  return [part(m[1]), part(m[2]), part(m[3])];
}

const cmp = (a: Version, b: Version) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
const floorOf = (v: Version): Version => [Math.max(v[0], 0), Math.max(v[1], 0), Math.max(v[2], 0)];

/** One comparator (">=20.19.0", "^20.19.0", "~1.2", "20.x", "*") against a concrete version. */
function comparatorAccepts(comparator: string, version: Version): boolean {
  const m = /^(>=|<=|>|<|\^|~|=)?\s*(.*)$/.exec(comparator.trim());
  if (!m) return false;
  const [, op = "", rest = ""] = m;
  if (rest === "" || rest === "*" || /^[xX]$/.test(rest)) return true;
  const parsed = parseVersion(rest);
  if (!parsed) return false;
  const low = floorOf(parsed);
  switch (op) {
    case ">=":
      return cmp(version, low) >= 0;
    case ">":
      return cmp(version, low) > 0;
    case "<=":
      return cmp(version, low) <= 0;
    case "<":
      return cmp(version, low) < 0;
    case "^": {
      const upper: Version = low[0] > 0 || parsed[1] === -1 ? [low[0] + 1, 0, 0] : low[1] > 0 || parsed[2] === -1 ? [0, low[1] + 1, 0] : [0, 0, low[2] + 1];
      return cmp(version, low) >= 0 && cmp(version, upper) < 0;
    }
    case "~": {
      const upper: Version = parsed[1] === -1 ? [low[0] + 1, 0, 0] : [low[0], low[1] + 1, 0];
      return cmp(version, low) >= 0 && cmp(version, upper) < 0;
    }
    default:
      // "20", "20.x", "20.19.0": every unset part is a wildcard.
      return parsed.every((p, i) => p === -1 || p === version[i]);
  }
}

/** A node-semver range: alternatives joined by "||", each a space-separated set (or "a - b"). */
export function rangeAccepts(range: string, version: Version): boolean {
  return range.split("||").some((alternative) => {
    const hyphen = /^\s*(\S+)\s+-\s+(\S+)\s*$/.exec(alternative);
    if (hyphen) return comparatorAccepts(`>=${hyphen[1]}`, version) && comparatorAccepts(`<=${hyphen[2]}`, version);
    const parts = alternative
      .trim()
      .replace(/(>=|<=|>|<|\^|~|=)\s+/g, "$1")
      .split(/\s+/)
      .filter(Boolean);
    return parts.length === 0 || parts.every((p) => comparatorAccepts(p, version));
  });
}

interface LockEntry {
  version?: string;
  optional?: boolean;
  engines?: { node?: string } | string[];
}

const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { engines: { node: string } };
const lock = JSON.parse(readFileSync("package-lock.json", "utf8")) as { packages: Record<string, LockEntry> };

describe("engines", () => {
  it("reads ranges as npm does", () => {
    expect(rangeAccepts(">=20.19", [20, 20, 0])).toBe(true);
    expect(rangeAccepts(">=22.12.0", [20, 20, 0])).toBe(false);
    expect(rangeAccepts("^20.19.0 || >=22.12.0", [20, 19, 0])).toBe(true);
    expect(rangeAccepts("^20.19.0 || >=22.12.0", [21, 0, 0])).toBe(false);
    expect(rangeAccepts(">= 20.19.0", [20, 18, 9])).toBe(false);
    expect(rangeAccepts("^14.18.0 || >=16.0.0", [20, 9, 0])).toBe(true);
    expect(rangeAccepts(">=6 <7", [20, 0, 0])).toBe(false);
    expect(rangeAccepts("10.x || >=12", [20, 0, 0])).toBe(true);
  });

  it("every installed package accepts the Node floor of package.json", () => {
    const floor = /^>=\s*(\d+(?:\.\d+){0,2})$/.exec(pkg.engines.node)?.[1];
    expect(floor, `package.json engines.node should be a plain ">=x.y" floor, got ${pkg.engines.node}`).toBeDefined();
    const version = floorOf(parseVersion(floor!)!);
    const refused = Object.entries(lock.packages)
      // Platform-specific optional binaries (another OS or CPU) are never installed together.
      .filter(([name, entry]) => name !== "" && !entry.optional)
      .flatMap(([name, entry]) => {
        const range = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
        return range && !rangeAccepts(range, version) ? [`${name.replace(/^.*node_modules\//, "")}@${entry.version} wants node ${range}`] : [];
      });
    expect(refused, `these packages refuse Node ${floor}`).toEqual([]);
  });
});
