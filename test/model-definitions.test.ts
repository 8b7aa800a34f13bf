// The `$defs` and `definitions` maps of component schemas as the model lists them
// (model/definitions.ts): nested ones included, each with its owner and its entries' pointers.
import assert from "node:assert/strict";
import { test } from "node:test";
import { definitionMaps } from "../generator/model/definitions.js";
import type { DefinitionsModel } from "../generator/model/types.js";

const schemas = (given: Record<string, unknown>) => ({ components: { schemas: given } });

const cases: Array<[string, { given: Record<string, unknown>; want: DefinitionsModel[] }]> = [
  ["no component schemas", { given: { paths: {} }, want: [] }],
  ["a component without $defs", { given: schemas({ A: { type: "string" } }), want: [] }],
  [
    "a component's $defs, entries in the spec's order",
    {
      given: schemas({ A: { $defs: { b: { type: "string" }, a: { type: "integer" } } } }),
      want: [
        {
          owner: "/components/schemas/A",
          keyword: "$defs",
          entries: [
            { name: "b", pointer: "/components/schemas/A/$defs/b" },
            { name: "a", pointer: "/components/schemas/A/$defs/a" },
          ],
        },
      ],
    },
  ],
  [
    "$defs and definitions of one schema: $defs first",
    {
      given: schemas({ A: { definitions: { old: {} }, $defs: { new: {} } } }),
      want: [
        {
          owner: "/components/schemas/A",
          keyword: "$defs",
          entries: [{ name: "new", pointer: "/components/schemas/A/$defs/new" }],
        },
        {
          owner: "/components/schemas/A",
          keyword: "definitions",
          entries: [{ name: "old", pointer: "/components/schemas/A/definitions/old" }],
        },
      ],
    },
  ],
  [
    "nested: in a property, and in an entry of another map (owner first)",
    {
      given: schemas({
        A: { properties: { p: { $defs: { q: {} } } }, $defs: { outer: { $defs: { "in/ner": true } } } },
      }),
      want: [
        {
          owner: "/components/schemas/A",
          keyword: "$defs",
          entries: [{ name: "outer", pointer: "/components/schemas/A/$defs/outer" }],
        },
        {
          owner: "/components/schemas/A/$defs/outer",
          keyword: "$defs",
          entries: [{ name: "in/ner", pointer: "/components/schemas/A/$defs/outer/$defs/in~1ner" }],
        },
        {
          owner: "/components/schemas/A/properties/p",
          keyword: "$defs",
          entries: [{ name: "q", pointer: "/components/schemas/A/properties/p/$defs/q" }],
        },
      ],
    },
  ],
  [
    "an empty map is listed (its owner loses it in the types' copy too)",
    { given: schemas({ A: { $defs: {} } }), want: [{ owner: "/components/schemas/A", keyword: "$defs", entries: [] }] },
  ],
  [
    "not read: a property named $defs, data (examples, enum), a map that is no object, other components",
    {
      given: {
        components: {
          schemas: {
            A: {
              properties: { $defs: { type: "object" } },
              examples: [{ $defs: { x: {} } }],
              enum: [{ $defs: { y: {} } }],
              definitions: [{}],
            },
          },
          parameters: { P: { schema: { $defs: { z: {} } } } },
        },
        $defs: { top: {} },
      },
      want: [],
    },
  ],
  [
    "an entry named __proto__ is a name like any other",
    {
      given: schemas(JSON.parse('{"A": {"$defs": {"__proto__": {"type": "string"}}}}')),
      want: [
        {
          owner: "/components/schemas/A",
          keyword: "$defs",
          entries: [{ name: "__proto__", pointer: "/components/schemas/A/$defs/__proto__" }],
        },
      ],
    },
  ],
];

for (const [name, { given, want }] of cases) {
  test(`definitions: ${name}`, () => {
    const got = definitionMaps(given);
    // The walk's order between sibling schemas is its own; within one owner and down a branch it is fixed.
    const byOwner = (list: DefinitionsModel[]) =>
      [...list].sort((a, b) => (a.owner < b.owner ? -1 : a.owner > b.owner ? 1 : a.keyword < b.keyword ? -1 : 1));
    assert.deepEqual(byOwner(got), byOwner(want));
  });
}

test("definitions: an owner is listed before the maps nested in its entries", () => {
  const got = definitionMaps(schemas({ A: { $defs: { outer: { $defs: { inner: { $defs: { deepest: {} } } } } } } }));
  assert.deepEqual(
    got.map((m) => m.owner),
    ["/components/schemas/A", "/components/schemas/A/$defs/outer", "/components/schemas/A/$defs/outer/$defs/inner"],
  );
});
