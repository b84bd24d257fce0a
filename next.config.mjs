// @ts-check
// A plain module, not next.config.ts: `next start` would load Next's SWC compiler (~25 MB resident for
// the life of the server) only to read a TypeScript config (issue 10).

// The Content-Security-Policy (with a per-request nonce) and HSTS are set in proxy.ts.
const securityHeaders = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "no-referrer" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

/** @type {import("next").NextConfig} */
const nextConfig = {
  // The container runs .next/standalone/server.js (Dockerfile); `next start` (demo, e2e) still serves the same build.
  output: "standalone",
  poweredByHeader: false,
  // `npm test` type-checks once up front (tsc --noEmit) and then builds with this set.
  typescript: { ignoreBuildErrors: process.env.NEXT_SKIP_TYPECHECK === "1" },
  serverExternalPackages: ["@electric-sql/pglite", "pino", "pg"],
  outputFileTracingIncludes: { "/*": ["./drizzle/**/*"] },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
