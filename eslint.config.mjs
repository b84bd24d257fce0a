import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const root = path.dirname(fileURLToPath(import.meta.url));
const sourceFiles = (dir) =>
  readdirSync(path.join(root, dir), { recursive: true })
    .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file))
    .map((file) => path.posix.join(dir, file.split(path.sep).join("/")));
// A file's text, or "" when it went away between listing and reading (someone else's scratch file).
const readSource = (file) => {
  try {
    return readFileSync(path.join(root, file), "utf8");
  } catch {
    return "";
  }
};
// The first statement of a file, after its header comments.
const firstStatement = (file) => readSource(file).replace(/^(?:\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/)*/, "");

// Server-only code, by path. A module that begins with `import "server-only"` joins the list by
// itself (read from the tree on each run), so marking a module is how to protect it; a module the
// machine routes (pages/api, where that marker throws) import is listed here by path instead.
const serverOnlyGlobs = ["lib/db/**", "lib/crypto/**", "lib/{env,logger,worker,boot}.ts", "lib/*/data.ts"];
const serverOnlyModules = sourceFiles("lib")
  .filter((file) => !/^lib\/(?:db\/.*|[^/]+\/data\.ts)$/.test(file))
  .filter((file) => /^import\s+["']server-only["']/.test(firstStatement(file)));
// Client-safe code: components, each domain's schemas.ts and queries.ts, and every "use client" file.
// Client components may still import a domain's actions.ts: Server Actions are called from the client.
const escapeGlob = (file) => file.replace(/[()[\]{}*?!+@]/g, "\\$&");
const clientFiles = [
  "components/**",
  "lib/*/schemas.ts",
  "lib/*/queries.ts",
  ...["app", "lib"]
    .flatMap(sourceFiles)
    .filter((file) => /^["']use client["']/.test(firstStatement(file)))
    .map(escapeGlob),
];
const libNeverImportsApp = { target: "lib/**", from: "app/**", message: "lib/ never imports app/: routes call lib, not the other way round." };
const clientSafe = 'Client-safe files (components, schemas.ts, queries.ts, "use client") never import server-only modules; Server Actions in actions.ts are fine.';

// Folders of lib/ (and its top-level modules) form an acyclic graph: for each import of another
// folder, the rule looks for a way back through the other folders' imports (tests excluded).
const libFolder = (file) => {
  const rel = path.relative(path.join(root, "lib"), file);
  return rel === "" || rel.startsWith("..") || path.isAbsolute(rel) ? null : `lib/${rel.split(path.sep)[0].replace(/\.tsx?$/, "")}`;
};
const resolveSpecifier = (from, specifier) =>
  specifier.startsWith("@/") ? path.join(root, specifier.slice(2)) : specifier.startsWith(".") ? path.resolve(path.dirname(from), specifier) : null;
let folderGraph = null;
let folderGraphAt = 0;
function libFolderGraph() {
  // Rebuilt when older than a few seconds, so an editor's long-running ESLint sees moved imports.
  if (folderGraph && Date.now() - folderGraphAt < 5_000) return folderGraph;
  folderGraph = new Map();
  for (const file of sourceFiles("lib")) {
    const abs = path.join(root, file);
    const from = libFolder(abs);
    for (const [, specifier] of readSource(file).matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"']+)["']/g)) {
      const target = resolveSpecifier(abs, specifier);
      const to = target && libFolder(target);
      if (!to || to === from) continue;
      if (!folderGraph.has(from)) folderGraph.set(from, new Map());
      if (!folderGraph.get(from).has(to)) folderGraph.get(from).set(to, `${file} → ${specifier}`);
    }
  }
  folderGraphAt = Date.now();
  return folderGraph;
}
// A path of folders from `start` back to `goal`, with the import that makes each step.
function wayBack(graph, start, goal) {
  const previous = new Map([[start, null]]);
  const queue = [start];
  while (queue.length > 0) {
    const at = queue.shift();
    for (const [next, via] of graph.get(at) ?? []) {
      if (previous.has(next)) continue;
      previous.set(next, { at, via });
      if (next === goal) {
        const steps = [];
        for (let step = previous.get(goal); step; step = previous.get(step.at)) steps.unshift(step.via);
        return steps;
      }
      queue.push(next);
    }
  }
  return null;
}
const noFolderCycle = {
  meta: { type: "problem", docs: { description: "No folder of lib/ imports one that imports it back" }, schema: [] },
  create(context) {
    const from = libFolder(context.filename);
    if (!from) return {};
    const check = (node) => {
      if (typeof node.source?.value !== "string") return;
      const target = resolveSpecifier(context.filename, node.source.value);
      const to = target && libFolder(target);
      if (!to || to === from) return;
      const back = wayBack(libFolderGraph(), to, from);
      if (back) context.report({ node: node.source, message: `${from} imports ${to}, which imports ${from} back: ${back.join("; ")}.` });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", "node_modules/**", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "examples/**/*.py"]),
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // Server code logs through lib/logger.ts (pino).
      "no-console": ["error", { allow: ["warn", "error"] }],
    },
  },
  {
    files: ["sandbox/**", "scripts/**", "e2e/**", "bench/**", "examples/**", "test/**"],
    rules: { "no-console": "off" },
  },
  // Boundaries (STYLE.md §2, §11): code is split by where it may run.
  {
    files: ["**/*.{ts,tsx,mjs}"],
    rules: { "import/no-restricted-paths": ["error", { basePath: root, zones: [libNeverImportsApp] }] },
  },
  {
    // The rule's options replace the block above for these files, so the lib → app zone is repeated;
    // the client zones target every file because `files` already picks the client-safe ones.
    files: clientFiles,
    rules: {
      "import/no-restricted-paths": [
        "error",
        {
          basePath: root,
          zones: [
            libNeverImportsApp,
            { target: "**", from: serverOnlyGlobs, message: clientSafe },
            { target: "**", from: serverOnlyModules, message: `${clientSafe} This one begins with import "server-only".` },
          ],
        },
      ],
      "no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "server-only", message: clientSafe },
            { name: "next/headers", message: clientSafe },
            {
              name: "next/navigation",
              importNames: ["usePathname", "useSearchParams"],
              message: "Import them from @/lib/navigation: typed as the App Router has them (never null).",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["lib/**/*.{ts,tsx}"],
    ignores: ["**/*.test.{ts,tsx}"],
    plugins: { countersign: { rules: { "no-folder-cycle": noFolderCycle } } },
    // import/no-cycle follows only our own modules: parsing packages is slow and can overflow the stack.
    settings: { "import/ignore": ["node_modules"] },
    rules: {
      "import/no-cycle": ["error", { maxDepth: 10, ignoreExternal: true }],
      "countersign/no-folder-cycle": "error",
    },
  },
]);
