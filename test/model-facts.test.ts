// The facts the model computes once per document (model/facts.ts): a table of small documents,
// and, on a real multi-file spec of the scale corpus, equality with what the emitters compute
// today by walking the document themselves (emit/validators.ts `scanDocument`, emit/types.ts
// `usesReadWrite`), until they read the model's facts instead.
import assert from "node:assert/strict";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";
import { readSpecFile } from "../generator/load/read.js";
import { buildModel } from "../generator/model/build.js";
import { type DocumentFacts, documentFacts } from "../generator/model/facts.js";
import { ROOT, SHARED } from "./helpers.js";

/** Facts as plain sorted data, for deepEqual. */
function plain(facts: DocumentFacts) {
  return {
    formats: [...facts.formats].sort(),
    patterns: [...facts.patterns].sort(),
    discriminator: facts.discriminator,
    readWrite: facts.readWrite,
  };
}

const none = { formats: [], patterns: [], discriminator: false, readWrite: false };

const cases: Array<[string, { given: unknown; want: Partial<ReturnType<typeof plain>> }]> = [
  ["an empty document", { given: {}, want: {} }],
  [
    "formats and patterns of nested schemas",
    {
      given: {
        components: {
          schemas: {
            A: { type: "string", format: "uuid", pattern: "^a$" },
            B: { type: "array", items: { format: "date-time" } },
            C: { patternProperties: { "^x-": {}, "^y": { pattern: "z+" } } },
          },
        },
      },
      want: { formats: ["date-time", "uuid"], patterns: ["^a$", "^x-", "^y", "z+"] },
    },
  ],
  [
    "a property named format or pattern is a name, not a keyword",
    { given: { properties: { format: { type: "string" }, pattern: { type: "string" } } }, want: {} },
  ],
  [
    "data is never read: enum, const, default, examples",
    {
      given: {
        enum: [{ format: "a", readOnly: true }],
        const: { pattern: "b" },
        default: { discriminator: {} },
        examples: [{ writeOnly: true }],
      },
      want: {},
    },
  ],
  [
    "annotations and extensions hold no validator facts",
    {
      given: {
        description: { format: "a" },
        "x-rule": { pattern: "b", discriminator: {} },
        contentSchema: { format: "c" },
        externalDocs: { pattern: "d" },
      },
      want: {},
    },
  ],
  [
    "but readOnly/writeOnly count inside them, as the types read every object",
    { given: { "x-copy": { readOnly: true } }, want: { readWrite: true } },
  ],
  ["a discriminator", { given: { oneOf: [], discriminator: { propertyName: "k" } }, want: { discriminator: true } }],
  ["writeOnly: true", { given: { properties: { p: { writeOnly: true } } }, want: { readWrite: true } }],
  ["readOnly: false is no use", { given: { properties: { p: { readOnly: false } } }, want: {} }],
  ["a property named readOnly is a name", { given: { properties: { readOnly: true } }, want: {} }],
  [
    "a $ref to a meta-schema brings its formats",
    {
      given: { $ref: "https://json-schema.org/draft/2020-12/schema" },
      want: { formats: ["regex", "uri", "uri-reference"] },
    },
  ],
  [
    "arrays: schema lists and parameters",
    {
      given: { allOf: [{ format: "email" }], parameters: [{ schema: { pattern: "p" } }] },
      want: { formats: ["email"], patterns: ["p"] },
    },
  ],
];
for (const [name, { given, want }] of cases) {
  test(`documentFacts: ${name}`, () => assert.deepEqual(plain(documentFacts(given)), { ...none, ...want }));
}

/**
 * A function the emitters keep module-private today: imported from a sibling copy of the compiled
 * module that exports it (removed at once), so the comparison runs the emitter's own code.
 */
async function emitterFunction<F>(name: string): Promise<F> {
  const folder = join(ROOT, "dist/generator/emit");
  const files = readdirSync(folder, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".js"));
  const file = files.find((f) => readFileSync(join(folder, f), "utf8").includes(`function ${name}(`));
  assert.ok(file, `no compiled emitter declares ${name}: compare with what replaced it`);
  const path = join(folder, file);
  const text = readFileSync(path, "utf8");
  if (text.includes(`export function ${name}(`)) return (await import(pathToFileURL(path).href))[name] as F;
  const copy = join(dirname(path), `.facts-probe-${process.pid}-${basename(path)}`);
  writeFileSync(copy, `${text}\nexport { ${name} as probed };\n`);
  try {
    return (await import(pathToFileURL(copy).href)).probed as F;
  } finally {
    rmSync(copy, { force: true });
  }
}

test("the model's facts equal what the emitters compute, on a multi-file spec of the scale corpus", async () => {
  const path = join(SHARED, "corpus/scale/digitalocean/DigitalOcean-public.v2.yaml");
  const pkg = { name: "x", version: "0.0.0", license: "MIT" };
  const { model, problems } = await buildModel([readSpecFile(path)], dirname(path), new Map(), pkg);
  assert.deepEqual(problems, []);
  const spec = model.specs[0]!;
  type Scan = (doc: unknown) => { formats: Set<string>; patterns: Set<string>; discriminators: boolean };
  const scanDocument = await emitterFunction<Scan>("scanDocument");
  const usesReadWrite = await emitterFunction<(doc: unknown) => boolean>("usesReadWrite");
  const scanned = scanDocument(spec.document);
  const want = {
    formats: [...scanned.formats].sort(),
    patterns: [...scanned.patterns].sort(),
    discriminator: scanned.discriminators,
    readWrite: usesReadWrite(spec.document),
  };
  assert.deepEqual(plain(spec.facts), want);
  // The spec uses each fact, so the comparison is not of empty sets.
  assert.ok(want.formats.length && want.patterns.length && want.readWrite);
});
