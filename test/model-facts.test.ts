// The facts the model computes once per document (model/facts.ts), which the emitters read
// instead of walking the document again: a table of small documents, and a real multi-file spec
// of the scale corpus.
import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { readSpecFile } from "../generator/load/read.js";
import { buildModel } from "../generator/model/build.js";
import { ANNOTATION_KEYS, isAnnotationKey } from "../generator/load/keys.js";
import { type DocumentFacts, documentFacts } from "../generator/model/facts.js";
import { SHARED } from "./helpers.js";

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
    "readOnly/writeOnly count inside annotations, not inside extensions",
    {
      given: { contentSchema: { writeOnly: true }, "x-copy": { readOnly: true } },
      want: { readWrite: true },
    },
  ],
  [
    "readOnly in an extension only",
    { given: { properties: { a: { "x-copy": { properties: { b: { readOnly: true } } } } } }, want: {} },
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

test("the facts of a multi-file spec of the scale corpus", async () => {
  const path = join(SHARED, "corpus/scale/digitalocean/DigitalOcean-public.v2.yaml");
  const pkg = { name: "x", version: "0.0.0", license: "MIT" };
  const { model, problems } = await buildModel([readSpecFile(path)], dirname(path), new Map(), pkg);
  assert.deepEqual(problems, []);
  const facts = plain(model.specs[0]!.facts);
  // The spec uses each fact (its files reached through $refs included).
  assert.ok(facts.formats.includes("date-time") && facts.formats.includes("uuid"), facts.formats.join());
  assert.ok(facts.patterns.length > 0 && facts.readWrite);
});

// Every keyword of JSON Schema 2020-12 and of OpenAPI's Schema Object, and extensions.
const KEYWORDS = [
  ...["$schema", "$id", "$ref", "$anchor", "$dynamicRef", "$dynamicAnchor", "$vocabulary", "$comment", "$defs"],
  ...["allOf", "anyOf", "oneOf", "not", "if", "then", "else", "dependentSchemas", "prefixItems", "items"],
  ...["contains", "properties", "patternProperties", "additionalProperties", "propertyNames"],
  ...["unevaluatedItems", "unevaluatedProperties", "type", "enum", "const", "multipleOf", "maximum"],
  ...["exclusiveMaximum", "minimum", "exclusiveMinimum", "maxLength", "minLength", "pattern", "maxItems"],
  ...["minItems", "uniqueItems", "maxContains", "minContains", "maxProperties", "minProperties", "required"],
  ...["dependentRequired", "format", "contentEncoding", "contentMediaType", "contentSchema", "title"],
  ...["description", "default", "deprecated", "readOnly", "writeOnly", "examples", "definitions"],
  ...["discriminator", "xml", "externalDocs", "example", "nullable", "x-anything", "x-", "summary"],
];

test("annotation keys: every one is a keyword; no keyword a validator reads is one", () => {
  for (const key of ANNOTATION_KEYS) assert.ok(KEYWORDS.includes(key), key);
  const read = ["$ref", "allOf", "properties", "pattern", "format", "type", "enum", "const", "required", "items"];
  assert.deepEqual(read.filter(isAnnotationKey), []);
  assert.ok(isAnnotationKey("x-anything") && isAnnotationKey("discriminator") && isAnnotationKey("readOnly"));
});
