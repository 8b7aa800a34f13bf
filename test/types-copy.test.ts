// The rewrites of the types' copy of a document (generator/emit/types/), unit by unit: each
// walks the document with load/walk.ts, so data and `x-` values are not entered, a name map's
// entries are names, a node shared by two places is rewritten once, and any depth is walked.
import assert from "node:assert/strict";
import { test } from "node:test";
import { hoistDefinitions } from "../generator/emit/types/bare-schema.js";
import { definitionMaps } from "../generator/model/definitions.js";
import { documentFacts } from "../generator/model/facts.js";
import { readerDocs } from "../generator/emit/types/reader-docs.js";

/** A document nesting `leaf` under `depth` levels of `items`. */
function nested(depth: number, leaf: Record<string, unknown>): Record<string, unknown> {
  let doc = leaf;
  for (let i = 0; i < depth; i++) doc = { items: doc };
  return doc;
}

/** The node at `depth` levels of `items` under `doc`. */
function leafOf(doc: Record<string, unknown>, depth: number): Record<string, unknown> {
  let node = doc;
  for (let i = 0; i < depth; i++) node = node.items as Record<string, unknown>;
  return node;
}

const readerCases: Array<[string, { given: Record<string, unknown>; want: Record<string, unknown> }]> = [
  [
    "a description is rendered and escaped",
    { given: { description: "end */ [x](/y)" }, want: { description: "end *\\/ [x](https://spec.example/y)" } },
  ],
  [
    "the Matrix version becomes a @since tag",
    {
      given: { "x-addedInMatrixVersion": "1.1" },
      want: { "x-addedInMatrixVersion": "1.1", description: "@since Matrix 1.1" },
    },
  ],
  [
    "a property named description is a name, not prose",
    {
      given: { properties: { description: { type: "string", title: "a */" } } },
      want: { properties: { description: { type: "string", title: "a *\\/" } } },
    },
  ],
  [
    "data and x- values are not entered",
    {
      given: { enum: [{ description: "*/" }], "x-ext": { description: "*/" } },
      want: { enum: [{ description: "*/" }], "x-ext": { description: "*/" } },
    },
  ],
  [
    "allOf members that only restrict values are dropped",
    { given: { allOf: [{ minLength: 1 }, { type: "string" }] }, want: { allOf: [{ type: "string" }] } },
  ],
];
for (const [name, { given, want }] of readerCases) {
  test(`readerDocs: ${name}`, () => assert.deepEqual(readerDocs(given, "https://spec.example"), want));
}

test("readerDocs: a node shared by two places (a YAML alias) gets its notes once", () => {
  const shared: Record<string, unknown> = { "x-addedInMatrixVersion": "1.2" };
  const doc = readerDocs({ properties: { a: shared, b: shared } }, undefined);
  assert.equal(shared.description, "@since Matrix 1.2");
  assert.equal(doc.properties.a, doc.properties.b);
});

test("readerDocs: a description deeper than 500 levels is escaped too", () => {
  const doc = readerDocs(nested(700, { description: "a */ b" }), undefined);
  assert.equal(leafOf(doc, 700).description, "a *\\/ b");
});

const readWriteCases: Array<[string, { given: unknown; want: boolean }]> = [
  ["a readOnly property", { given: { properties: { id: { type: "string", readOnly: true } } }, want: true }],
  ["a writeOnly schema in a list", { given: { allOf: [{ writeOnly: true }] }, want: true }],
  ["none", { given: { properties: { id: { type: "string" } } }, want: false }],
  ["a property named readOnly", { given: { properties: { readOnly: { type: "boolean" } } }, want: false }],
  ["readOnly inside an example", { given: { examples: [{ readOnly: true }] }, want: false }],
  ["readOnly inside an x- extension", { given: { "x-meta": { readOnly: true } }, want: false }],
  ["readOnly deeper than 500 levels", { given: nested(700, { readOnly: true }), want: true }],
];
for (const [name, { given, want }] of readWriteCases) {
  test(`facts.readWrite: ${name}`, () => assert.equal(documentFacts(given).readWrite, want));
}

test("hoistDefinitions: nested $defs become components keyed by their place; $refs follow", () => {
  const inner = { type: "integer" };
  const doc = {
    components: {
      schemas: {
        Root: {
          properties: { a: { $ref: "#/components/schemas/Root/$defs/outer/$defs/inner" } },
          $defs: { outer: { $defs: { inner } } },
        },
        // Taken already: the hoisted `outer` is numbered.
        "Root.$defs.outer": { type: "string" },
      },
    },
  };
  hoistDefinitions(doc, definitionMaps(doc));
  const schemas = doc.components.schemas as Record<string, unknown>;
  assert.deepEqual(Object.keys(schemas), [
    "Root",
    "Root.$defs.outer",
    "Root.$defs.outer2",
    "Root.$defs.outer2.$defs.inner",
  ]);
  assert.equal(schemas["Root.$defs.outer2.$defs.inner"], inner);
  assert.deepEqual(schemas["Root.$defs.outer2"], {});
  assert.deepEqual(schemas.Root, {
    properties: { a: { $ref: "#/components/schemas/Root.$defs.outer2.$defs.inner" } },
  });
});
