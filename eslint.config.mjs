import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

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
    files: ["sandbox/**", "scripts/**", "e2e/**", "bench/**", "examples/**"],
    rules: { "no-console": "off" },
  },
]);
