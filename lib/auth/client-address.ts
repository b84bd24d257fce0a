// The address a request came from, as the deployment's own proxies report it. Each trusted proxy
// appends the address it saw to X-Forwarded-For, so with N of them (TRUSTED_PROXY_HOPS) the Nth
// entry from the right is the client; everything left of it is whatever the client wrote. With no
// proxy the whole header is the client's own writing and is ignored. Pure: runs in proxy.ts too.

/** Set by proxy.ts on every request (any value the client sent is dropped); read by better-auth. */
export const CLIENT_ADDRESS_HEADER = "x-countersign-client-ip";

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** One X-Forwarded-For entry as a canonical IPv4 or IPv6 address, or null. Ports and brackets go. */
export function canonicalAddress(entry: string): string | null {
  let value = entry.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1]!;
  const v4WithPort = /^(\d+\.\d+\.\d+\.\d+):\d+$/.exec(value);
  if (v4WithPort) value = v4WithPort[1]!;
  if (IPV4.test(value)) return value;
  if (!value.includes(":") || !/^[0-9a-fA-F:.]+$/.test(value)) return null;
  let host: string;
  try {
    host = new URL(`http://[${value}]/`).hostname;
  } catch {
    return null;
  }
  const v6 = host.slice(1, -1);
  // An IPv4 client seen through a dual-stack socket: ::ffff:c000:201 is 192.0.2.1.
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(v6);
  if (mapped) {
    const hi = Number.parseInt(mapped[1]!, 16);
    const lo = Number.parseInt(mapped[2]!, 16);
    return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  return v6;
}

/** The client's address per the trusted proxies, or null when there are none or the entry is malformed. */
export function clientAddressFrom(forwardedFor: string | null | undefined, trustedHops: number): string | null {
  if (trustedHops <= 0 || !forwardedFor) return null;
  const entries = forwardedFor
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  if (entries.length === 0) return null;
  // Fewer entries than proxies: the request skipped some of them; the leftmost is the nearest we have.
  const picked = entries[Math.max(0, entries.length - trustedHops)]!;
  return canonicalAddress(picked);
}

/** The unit a limit counts: one IPv4 address, or one IPv6 /64 (a single host is usually given a whole /64). */
export function limitSubject(address: string | null): string {
  if (!address) return "direct";
  if (!address.includes(":")) return address;
  const [head = "", tail = ""] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = address.includes("::") ? [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => Number.parseInt(g || "0", 16).toString(16))
    .join(":")}::/64`;
}
