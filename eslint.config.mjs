import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", "lib/db/generated/**", "next-env.d.ts", "tests/artifacts/**", "test-results/**", "data/**"]),
  {
    // Leaving fields out of an object by destructuring them away is how a narrower view is made.
    rules: { "@typescript-eslint/no-unused-vars": ["warn", { ignoreRestSiblings: true }] },
  },
  {
    // The domain layer never reaches into the UI or the routes.
    files: ["lib/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["@/app/*", "@/components/*", "../app/*", "../components/*"] }],
    },
  },
]);
