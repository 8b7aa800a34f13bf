/**
 * The files every validators folder shares: the hand-written validation runtime
 * (`ValidationError`, the guard helpers), and ajv-formats' formats and Ajv's run-time helpers,
 * bundled when the toolkit is built (scripts/bundle-runtime.ts), as they never depend on a spec.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { GeneratedFile } from "../file.js";
import { banner, relativeImport } from "../module.js";

/** The compiled validation runtime, copied into the output as `validators/runtime.js`. */
export const RUNTIME_JS_URL = new URL("../../runtime/validation.js", import.meta.url);
const RUNTIME_DTS_URL = new URL("../../runtime/validation.d.ts", import.meta.url);
/** The pointer escape the runtime imports (`./pointer.js`), shared with the toolkit: shipped beside it. */
const POINTER_JS_URL = new URL("../../runtime/pointer.js", import.meta.url);
const POINTER_DTS_URL = new URL("../../runtime/pointer.d.ts", import.meta.url);
/** The shared modules of every validators folder, bundled at build time (scripts/bundle-runtime.ts). */
export const FORMATS_BUNDLE_URL = new URL("../../runtime/formats.bundle.js", import.meta.url);
export const HELPERS_BUNDLE_URL = new URL("../../runtime/helpers.bundle.js", import.meta.url);

/** Import specifiers the compiled module uses for the shared files. */
export interface SharedModules {
  /** The validation runtime (`ValidationError`, the guard helpers). */
  runtime: string;
  /** ajv-formats' format functions, see {@link formatsModule}. */
  formats: string;
  /** Ajv's run-time helpers, see {@link helpersModule}. */
  helpers: string;
}

/** The shared files as imported from the generated module at `path`. */
export function sharedImports(path: string): SharedModules {
  return {
    runtime: relativeImport(path, "validators/runtime.js"),
    formats: relativeImport(path, "validators/formats.js"),
    helpers: relativeImport(path, "validators/helpers.js"),
  };
}

/**
 * The shared files themselves: `validators/runtime.js` (+ `.d.ts`) with the `pointer.js` (+ `.d.ts`)
 * it imports, `formats.js` and `helpers.js`.
 */
export function sharedFiles(): GeneratedFile[] {
  return [
    { path: "validators/runtime.js", contents: `${banner(null)}${readFileSync(RUNTIME_JS_URL, "utf8")}` },
    { path: "validators/runtime.d.ts", contents: `${banner(null)}${readFileSync(RUNTIME_DTS_URL, "utf8")}` },
    { path: "validators/pointer.js", contents: `${banner(null)}${readFileSync(POINTER_JS_URL, "utf8")}` },
    { path: "validators/pointer.d.ts", contents: `${banner(null)}${readFileSync(POINTER_DTS_URL, "utf8")}` },
    // Imported only by modules that check a format; shipped with every validators folder for simplicity.
    { path: "validators/formats.js", contents: `${banner(null)}${formatsModule()}` },
    // Imported only by modules whose schemas need one (`minLength`, `const`/`enum` objects, …).
    { path: "validators/helpers.js", contents: `${banner(null)}${helpersModule()}` },
  ];
}

/**
 * ajv-formats' format functions as one ES module exporting `fullFormats`, shared by every
 * compiled module that checks a format (the package ships it once, as `validators/formats.js`).
 */
export function formatsModule(): string {
  return readBundle(FORMATS_BUNDLE_URL);
}

/** Ajv's run-time helpers (see AJV_HELPERS in link.ts) as one ES module, `validators/helpers.js`. */
export function helpersModule(): string {
  return readBundle(HELPERS_BUNDLE_URL);
}

function readBundle(url: URL): string {
  try {
    return readFileSync(url, "utf8");
  } catch {
    throw new Error(`${fileURLToPath(url)} is missing: the toolkit was not built completely (npm run build)`);
  }
}
