import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { formatNames, fullFormats as ajvFormats } from "ajv-formats/dist/formats.js";
import { formatExports } from "../scripts/format-exports.js";
import { formatsModule } from "../generator/emit/validators/shared-files.js";
import { SHARED, tempDir } from "./helpers.js";

/**
 * The shipped `validators/formats.js` has one export per format (scripts/format-exports.ts), so
 * that a bundle keeps only the formats its validators check, with ajv-formats' verdicts.
 */

type Check = RegExp | ((s: string) => boolean) | { validate: Check } | true | { type: string; validate: Check };

function verdict(check: unknown, input: string): boolean {
  if (check === true) return true;
  if (check instanceof RegExp) return check.test(input);
  if (typeof check === "function") return (check as (s: string) => boolean)(input);
  return verdict((check as { validate: Check }).validate, input);
}

const SUITE = join(SHARED, "corpus/json-schema-test-suite/draft2020-12/optional/format");

/** Every string of the JSON-Schema-Test-Suite's format tests, plus a few of our own. */
function samples(): string[] {
  const found = new Set(["", "*/", "2024-01-01", "https://x.example/", "\u2028", "a@b.c", "::1", "P1D"]);
  for (const file of readdirSync(SUITE)) {
    const groups = JSON.parse(readFileSync(join(SUITE, file), "utf8")) as Array<{ tests: Array<{ data: unknown }> }>;
    for (const g of groups) for (const t of g.tests) if (typeof t.data === "string") found.add(t.data);
  }
  return [...found];
}

async function shippedModule(): Promise<Record<string, unknown>> {
  const dir = tempDir();
  try {
    const file = join(dir, "formats.mjs");
    writeFileSync(file, formatsModule());
    return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test("the shipped formats module exports every ajv-formats format, each with ajv-formats' verdicts", async () => {
  const shipped = await shippedModule();
  assert.deepEqual(Object.keys(shipped).sort(), [...formatNames].sort());
  const inputs = samples();
  assert.ok(inputs.length > 400, `${inputs.length} sample strings`);
  for (const name of formatNames) {
    for (const input of inputs) {
      const want = verdict(ajvFormats[name], input);
      assert.equal(verdict(shipped[name], input), want, `${name} on ${JSON.stringify(input)}`);
    }
  }
});

/** min+gz size of a bundle that imports the shipped module as generated validators do. */
async function bundled(use: string): Promise<{ text: string; size: number }> {
  const dir = tempDir();
  try {
    writeFileSync(join(dir, "formats.js"), formatsModule());
    const contents = `import * as fullFormats from "./formats.js";\nexport const used = ${use};\n`;
    const out = await build({
      stdin: { contents, resolveDir: dir, loader: "js" },
      bundle: true,
      minify: true,
      format: "esm",
      write: false,
      logLevel: "silent",
    });
    const text = out.outputFiles[0]!.text;
    return { text, size: gzipSync(text).length };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test("a bundle keeps only the formats it reads, also through a quoted name", async () => {
  const uri = await bundled("fullFormats.uri");
  const dateTime = await bundled('fullFormats["date-time"]');
  const all = await bundled("Object.values(fullFormats)");
  // ajv-formats' email and ipv6 regexes are in neither; all formats are in the last.
  const ipv6 = "25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25";
  const email = "{|}~-]+(?:\\.";
  assert.ok(all.text.includes(ipv6) && all.text.includes(email));
  for (const { text } of [uri, dateTime]) {
    assert.ok(!text.includes(ipv6), "ipv6 regex left in");
    assert.ok(!text.includes(email), "email regex left in");
  }
  assert.ok(!uri.text.includes("isLeapYear") && !/\[0,31,28/.test(uri.text), "date code in the uri bundle");
  assert.match(dateTime.text, /\[0,31,28/);
  assert.ok(uri.size * 2 < all.size, `uri alone ${uri.size} B, all ${all.size} B`);
});

test("formatExports turns a table of formats into exports and drops the exported tables", () => {
  const source = [
    "function fmt(v) { return { validate: v } }",
    "function even(s) { return s.length % 2 === 0 }",
    'export const fullFormats = { even, "two-chars": /^..$/, wrapped: fmt(even) }',
    "export const fastFormats = { ...fullFormats }",
    "export const formatNames = Object.keys(fullFormats)",
  ].join("\n");
  const out = formatExports(source, "formats.ts");
  assert.doesNotMatch(out, /fullFormats|fastFormats|formatNames/);
  assert.match(out, /const format0 = \/\* @__PURE__ \*\/ \(\(\) => \(even\)\)\(\);/);
  assert.match(out, /const format2 = \/\* @__PURE__ \*\/ \(\(\) => \(fmt\(even\)\)\)\(\);/);
  assert.match(out, /export \{ format0 as "even", format1 as "two-chars", format2 as "wrapped" \};/);
});

test("formatExports refuses a source whose layout it does not know", () => {
  assert.throws(() => formatExports("export const formats = {}", "formats.ts"), /no `fullFormats` object literal/);
  assert.throws(
    () => formatExports("export const fullFormats = { ...other, get x() { return 1 } }", "formats.ts"),
    /cannot read/,
  );
});
