import fs from "node:fs";
import path from "node:path";

/**
 * A production server reads Next's configuration as the build serialised it (.next/required-server-files.json),
 * as Next's own standalone server.js does: the folder then needs no next.config.ts (nor the compiler that reads
 * it), and Next does not warn that `output: "standalone"` wants its server.js, since this one replaces it.
 */
export function adoptBuiltNextConfig(dir: string = process.cwd()): void {
  const file = path.join(/*turbopackIgnore: true*/ dir, ".next", "required-server-files.json");
  if (!fs.existsSync(file)) throw new Error("The app is not built: run `npm run build` first.");
  const { config } = JSON.parse(fs.readFileSync(file, "utf8")) as { config: Record<string, unknown> };
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(config);
}
