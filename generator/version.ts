import { readFileSync } from "node:fs";

/**
 * The toolkit's version, read from its package.json (two folders above the compiled module,
 * `dist/generator/`, in the repository and in an installed package alike); part of the
 * generated output's cache key.
 */
export const VERSION: string = (
  JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }
).version;
