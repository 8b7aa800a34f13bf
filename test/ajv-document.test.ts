// The copy of a document that Ajv compiles (generator/emit/validators/ajv-document.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import { ajvDocument, type CopyRules } from "../generator/emit/validators/ajv-document.js";

const RULES: CopyRules = { prefix: "#/$defs/document", from30: false, patterns: new Map() };

const shared = { type: "string", "x-note": "n" };
const copies: Array<[string, { given: unknown; rules?: Partial<CopyRules>; want: unknown }]> = [
  ["a scalar is itself", { given: 3, want: 3 }],
  [
    "annotations and extensions are left out, names stay",
    {
      given: { description: "d", "x-a": 1, properties: { description: { title: "t", type: "string" } } },
      want: { properties: { description: { type: "string" } } },
    },
  ],
  [
    "local refs are rebased; other refs and data stay as written",
    {
      given: { $ref: "#/a", allOf: [{ $ref: "other.yaml#/b" }], enum: [{ $ref: "#/c" }] },
      want: { $ref: "#/$defs/document/a", allOf: [{ $ref: "other.yaml#/b" }], enum: [{ $ref: "#/c" }] },
    },
  ],
  ["an empty enum allows nothing", { given: { items: { enum: [] } }, want: { items: false } }],
  [
    "an enum entry in a name map is a name",
    { given: { properties: { enum: [] } }, want: { properties: { enum: [] } } },
  ],
  [
    "a shared node is copied at each place, as each place reads it",
    {
      given: { properties: { p: shared }, allOf: [shared], $defs: { shared } },
      want: {
        properties: { p: { type: "string" } },
        allOf: [{ type: "string" }],
        $defs: { shared: { type: "string" } },
      },
    },
  ],
  [
    "patterns are read in their Unicode form, the later of two alike kept",
    {
      given: { pattern: "a\\:", patternProperties: { "a\\:": { type: "string" }, "a:": true } },
      rules: { patterns: new Map([["a\\:", "a:"]]) },
      want: { pattern: "a:", patternProperties: { "a:": true } },
    },
  ],
  [
    "3.0 schemas are read as 2020-12 once their entries are copied",
    {
      given: { nullable: true, allOf: [{ nullable: true, type: "string", description: "d" }] },
      rules: { from30: true },
      want: { anyOf: [{ allOf: [{ type: ["string", "null"] }] }, { type: "null" }] },
    },
  ],
];
for (const [name, { given, rules, want }] of copies) {
  test(`ajvDocument: ${name}`, () => assert.deepEqual(ajvDocument(given, { ...RULES, ...rules }), want));
}

test("ajvDocument: the document is not changed, and keys keep their order", () => {
  const doc = { type: "object", description: "d", properties: { b: { type: "string" } }, required: ["b"] };
  const before = structuredClone(doc);
  const copy = ajvDocument(doc, RULES) as Record<string, unknown>;
  assert.deepEqual(doc, before);
  assert.deepEqual(Object.keys(copy), ["type", "properties", "required"]);
  assert.notEqual(copy.properties, doc.properties);
});

test("ajvDocument: a __proto__ key stays an own key", () => {
  const doc = JSON.parse('{"properties": {"__proto__": {"type": "string"}}}') as unknown;
  const copy = ajvDocument(doc, RULES) as { properties: object };
  assert.ok(Object.hasOwn(copy.properties, "__proto__"));
  assert.equal(Object.getPrototypeOf(copy.properties), Object.prototype);
});
