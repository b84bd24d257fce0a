// Loaded with `node --import tsx --import ./scripts/bench-register.mjs` by `npm run bench`: the app's
// server modules begin with `import "server-only"`, which throws outside a React Server environment;
// the benchmark is a server, so the marker resolves to an empty module (as test/server-only-stub.ts does for Vitest).
import { register } from "node:module";

const hooks = `export async function resolve(specifier, context, next) {
  if (specifier === "server-only") return { url: "data:text/javascript,export {};", shortCircuit: true };
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
