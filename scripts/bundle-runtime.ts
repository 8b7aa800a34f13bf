/**
 * The last step of `npm run build`: bundles the two shared modules every generated validators
 * folder ships, which depend on no spec, into dist/generator/runtime/ for the validators emitter
 * to copy (so that `generate` itself never runs a bundler):
 * - `formats.bundle.js` → `validators/formats.js`: ajv-formats' formats, one export each (see
 *   format-exports.ts), `uri` and `date-time` with their fast paths (generator/runtime/fast-uri.ts,
 *   generator/runtime/fast-date-time.ts);
 * - `helpers.bundle.js` → `validators/helpers.js`: Ajv's run-time helpers that its standalone
 *   code would `require()` (see AJV_HELPERS).
 * It also compiles the validator of `specgen.config.json` (generator/config-schema.ts) and, last,
 * writes the hash of the compiled toolkit that output stamps record (generator/stamp.ts).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Plugin } from "esbuild";
import { formatExports } from "./format-exports.js";
import { AJV_HELPERS } from "../generator/emit/validators/link.js";
import { FORMATS_BUNDLE_URL, HELPERS_BUNDLE_URL } from "../generator/emit/validators/shared-files.js";
import { CONFIG_SCHEMA } from "../generator/config-schema.js";
import { CONFIG_VALIDATOR_URL } from "../generator/config.js";
import { TOOLKIT_HASH_URL, hashToolkit } from "../generator/stamp.js";
import { Ajv2020 } from "ajv/dist/2020.js";
import standaloneCode from "ajv/dist/standalone/index.js";

/** The toolkit's root (holding dist/ and node_modules/), from dist/scripts/. */
const PACKAGE_ROOT = fileURLToPath(new URL("../../", import.meta.url));
const FAST_URI_JS = fileURLToPath(new URL("../generator/runtime/fast-uri.js", import.meta.url));
const FAST_DATE_TIME_JS = fileURLToPath(new URL("../generator/runtime/fast-date-time.js", import.meta.url));
/** ajv-formats' TypeScript source, whose table of formats format-exports.ts splits. */
const AJV_FORMATS_SOURCE = "ajv-formats/src/formats.ts";

/** esbuild, set up for reviewable and reproducible output: ESM, no minification, no platform APIs. */
async function bundle(contents: string, sourcefile: string): Promise<string> {
  const result = await build({
    stdin: { contents, resolveDir: PACKAGE_ROOT, sourcefile, loader: "js" },
    absWorkingDir: PACKAGE_ROOT,
    bundle: true,
    write: false,
    format: "esm",
    platform: "neutral",
    // Ajv's helpers are CommonJS packages: resolve them through `main`.
    mainFields: ["main"],
    target: "es2022",
    minify: false,
    legalComments: "none",
    logLevel: "silent",
    plugins: [stablePaths],
  });
  const text = result.outputFiles[0]?.text;
  if (!text || /\brequire\s*\(/.test(text)) throw new Error(`bundling ${sourcefile} failed or left a require()`);
  return text;
}

/**
 * Loads every file the bundle takes from disk (Ajv's runtime helpers, ajv-formats, the toolkit's
 * own runtime) under a name that does not depend on where npm put it: esbuild names each module
 * in a comment by its path from the working folder, which would read `node_modules/ajv/…` in this
 * checkout and `../ajv/…` in a project that installed the toolkit. Here they read `pkg:ajv/…` and
 * `pkg:specgen/dist/…`.
 *
 * While loading, it also drops the `helper.code = 'require("ajv/dist/runtime/…")…'` strings of
 * Ajv's runtime helpers, which only Ajv's code generator reads, so the output holds no
 * `require(` at all, not even inside a string.
 */
const stablePaths: Plugin = {
  name: "specgen-stable-paths",
  setup(b) {
    const RESOLVING = Symbol("stable-paths");
    const files = new Map<string, string>();
    b.onResolve({ filter: /.*/ }, async (args) => {
      if (args.pluginData === RESOLVING || args.kind === "entry-point") return undefined;
      const found = await b.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: RESOLVING,
      });
      if (found.errors.length) return { errors: found.errors };
      if (found.external || found.namespace !== "file") return undefined;
      const file = found.path;
      const parts = file.split(/[\\/]node_modules[\\/]/);
      let name = (parts.length > 1 ? parts[parts.length - 1]! : `specgen/${relative(PACKAGE_ROOT, file)}`)
        .split(sep)
        .join("/");
      // Two copies of one package (different versions) get distinct names.
      for (let n = 2; files.has(name) && files.get(name) !== file; n++) name = `${name.replace(/#\d+$/, "")}#${n}`;
      files.set(name, file);
      return { path: name, namespace: "pkg", pluginData: file };
    });
    b.onLoad({ filter: /.*/, namespace: "pkg" }, (args) => {
      const file = args.pluginData as string;
      let contents = readFileSync(file, "utf8");
      if (/[\\/]ajv[\\/]dist[\\/]runtime[\\/][^\\/]+\.js$/.test(file))
        contents = contents.replace(/^[\w$.]+\.code = (["'`])require\(.*\1;[ \t]*$/gm, "");
      if (/[\\/]ajv-formats[\\/]src[\\/]formats\.ts$/.test(file)) {
        return { contents: formatExports(contents, file), loader: "ts", resolveDir: dirname(file) };
      }
      return { contents, loader: "js", resolveDir: dirname(file) };
    });
  },
};

const helpers = Object.entries(AJV_HELPERS).map(
  ([file, binding]) => `export { default as ${binding} } from "ajv/dist/runtime/${file}.js";`,
);
writeFileSync(
  FORMATS_BUNDLE_URL,
  await bundle(
    [
      `import { "uri" as fullUri, "date-time" as fullDateTime } from ${JSON.stringify(AJV_FORMATS_SOURCE)};`,
      `import { fastUri } from ${JSON.stringify(FAST_URI_JS)};`,
      `import { withFastDateTime } from ${JSON.stringify(FAST_DATE_TIME_JS)};`,
      `export * from ${JSON.stringify(AJV_FORMATS_SOURCE)};`,
      "export const uri = /* @__PURE__ */ fastUri(fullUri);",
      "const dateTime = /* @__PURE__ */ withFastDateTime(fullDateTime);",
      'export { dateTime as "date-time" };',
      "",
    ].join("\n"),
    "formats.entry.js",
  ),
);
writeFileSync(HELPERS_BUNDLE_URL, await bundle(`${helpers.join("\n")}\n`, "helpers.entry.js"));

// The config file's validator, compiled once here (Ajv at run time would cost a no-op
// `generate` about a fifth of a second): CommonJS, so that loadProjectConfig can stay synchronous.
const configAjv = new Ajv2020({ code: { source: true, esm: false, lines: true }, allErrors: true });
writeFileSync(CONFIG_VALIDATOR_URL, standaloneCode.default(configAjv, configAjv.compile(CONFIG_SCHEMA)));

// Last, once every compiled file is in place: the stamp's toolkit hash (see generator/stamp.ts).
writeFileSync(TOOLKIT_HASH_URL, `${hashToolkit(fileURLToPath(new URL("../generator/", import.meta.url)))}\n`);
