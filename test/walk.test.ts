import { test } from "node:test";
import assert from "node:assert/strict";
import { DATA_KEYS, isDataKey, NAME_MAPS, SCHEMA_MAPS } from "../generator/load/keys.js";
import { walk, type WalkOptions } from "../generator/load/walk.js";
import { findPatterns } from "../generator/lint/patterns.js";

/** The pointers `walk` enters, with `!` after the ones whose keys are names, sorted. */
function entered(doc: unknown, options?: WalkOptions): string[] {
  const out: string[] = [];
  walk(doc, (place) => void out.push(`${place.pointer()}${place.names ? "!" : ""}`), options);
  return out.sort();
}

const walks: Array<[string, { given: unknown; options?: WalkOptions; want: string[] }]> = [
  ["the root and nested objects and arrays", { given: { a: { b: [{}] } }, want: ["", "/a", "/a/b", "/a/b/0"] }],
  [
    "a name map's entries are names",
    {
      given: { properties: { enum: {} } },
      want: ["", "/properties!", "/properties/enum"],
    },
  ],
  [
    "data in keyword position is not entered",
    {
      given: { enum: [{}], default: {}, examples: {}, "x-ext": {}, const: {}, example: {} },
      want: [""],
    },
  ],
  [
    "data keys are names under a name map",
    {
      given: { paths: { "x-not": {} } },
      want: ["", "/paths!", "/paths/x-not"],
    },
  ],
  [
    "a name map's entry holds keywords again",
    {
      given: { properties: { p: { properties: {} } } },
      want: ["", "/properties!", "/properties/p", "/properties/p/properties!"],
    },
  ],
  ["pointers are escaped", { given: { paths: { "/a~b": {} } }, want: ["", "/paths!", "/paths/~1a~0b"] }],
  [
    "names: false reads every key as a keyword",
    {
      given: { properties: {} },
      options: { names: false },
      want: ["", "/properties"],
    },
  ],
  [
    "skip picks the keys left out",
    {
      given: { enum: {}, a: {} },
      options: { skip: (k) => k === "a" },
      want: ["", "/enum"],
    },
  ],
];
for (const [name, { given, options, want }] of walks) {
  test(`walk: ${name}`, () => assert.deepEqual(entered(given, options), want));
}

test("walk: a node reached twice (a YAML alias) is entered once", () => {
  const shared = { s: {} };
  const seen: unknown[] = [];
  walk({ a: shared, b: shared }, ({ node }) => void seen.push(node));
  assert.equal(seen.filter((n) => n === shared).length, 1);
});

test("walk: everyPlace enters a shared node at each place, with each place's reading, and no cycle", () => {
  const shared = { s: {} };
  const doc = { a: shared, properties: { b: shared } };
  const places: string[] = [];
  walk(doc, (p) => void places.push(`${p.pointer()}${p.names ? "!" : ""}`), { everyPlace: true });
  assert.deepEqual(places.sort(), ["", "/a", "/a/s", "/properties!", "/properties/b", "/properties/b/s"]);
  const cycle: Record<string, unknown> = {};
  cycle.self = { back: cycle };
  const cyclic: string[] = [];
  walk(cycle, (p) => void cyclic.push(p.pointer()), { everyPlace: true });
  assert.deepEqual(cyclic.sort(), ["", "/self"]);
});

test("walk: skip leaves a node's entries out, stop ends the walk", () => {
  assert.deepEqual(entered({ a: { b: {} } }, {}).length, 3);
  const skipped: string[] = [];
  walk({ a: { b: {} } }, (p) => {
    skipped.push(p.pointer());
    return p.pointer() === "/a" ? "skip" : undefined;
  });
  assert.deepEqual(skipped.sort(), ["", "/a"]);
  let calls = 0;
  walk({ a: {}, b: {} }, () => {
    calls++;
    return "stop";
  });
  assert.equal(calls, 1);
});

test("walk: a node changed when entered is walked as changed", () => {
  const doc: Record<string, unknown> = { a: true };
  walk(doc, ({ node }) => {
    if (!Array.isArray(node) && node.a === true) node.a = { b: {} };
  });
  assert.deepEqual(entered(doc), ["", "/a", "/a/b"]);
});

test("walk: deep documents are walked without recursion", () => {
  let doc: Record<string, unknown> = {};
  for (let i = 0; i < 100_000; i++) doc = { not: doc };
  let count = 0;
  walk(doc, () => void count++);
  assert.equal(count, 100_001);
});

test("walk: documentOrder enters nodes in document order, a shared node at its first place", () => {
  const shared = { s: {} };
  const doc = { a: { b: {} }, c: [{}, shared], d: shared };
  const order = (options: WalkOptions) => {
    const out: string[] = [];
    walk(doc, (p) => void out.push(p.pointer()), options);
    return out;
  };
  assert.deepEqual(order({ documentOrder: true }), ["", "/a", "/a/b", "/c", "/c/0", "/c/1", "/c/1/s"]);
  // By default the last key is entered first.
  assert.deepEqual(order({}), ["", "/d", "/d/s", "/c", "/c/0", "/a", "/a/b"]);
});

test("walk: leave is called after the nodes entered from a node, and right away for one skipped", () => {
  const events: string[] = [];
  walk(
    { a: { b: {} }, c: { d: {} } },
    (p) => {
      events.push(`enter ${p.pointer()}`);
      return p.pointer() === "/c" ? "skip" : undefined;
    },
    { documentOrder: true, leave: (p) => void events.push(`leave ${p.pointer()}`) },
  );
  assert.deepEqual(events, [
    "enter ",
    "enter /a",
    "enter /a/b",
    "leave /a/b",
    "leave /a",
    "enter /c",
    "leave /c",
    "leave ",
  ]);
});

test("walk: a pointer asked of every place of a deep document is right (each built on its parent's)", () => {
  let doc: Record<string, unknown> = {};
  for (let i = 0; i < 20_000; i++) doc = { "a/b": doc };
  let last = "";
  walk(doc, (p) => {
    last = p.pointer();
  });
  assert.equal(last.length, 20_000 * "/a~1b".length);
});

test("key table: every schema map is a name map, and no data key names a name map", () => {
  for (const key of SCHEMA_MAPS) assert.ok(NAME_MAPS.has(key), key);
  for (const key of DATA_KEYS) assert.ok(!NAME_MAPS.has(key) && isDataKey(key), key);
  assert.ok(isDataKey("x-anything") && !isDataKey("pattern"));
});

// findPatterns reads keys through the same table: a name map's entry called `pattern` is a name.
const patterns: Array<[string, { given: unknown; want: string[] }]> = [
  ["a schema's pattern", { given: { type: "string", pattern: "^a$" }, want: ["/pattern ^a$"] }],
  ["patternProperties keys", { given: { patternProperties: { "^x": {} } }, want: ["/patternProperties/^x ^x"] }],
  ["a property called pattern", { given: { properties: { pattern: { type: "string" } } }, want: [] }],
  [
    "a discriminator mapping called pattern",
    {
      given: { discriminator: { propertyName: "k", mapping: { pattern: "#/components/schemas/A(" } } },
      want: [],
    },
  ],
  ["a response header map entry called pattern", { given: { headers: { pattern: "x(" } }, want: [] }],
  [
    "data: enum, examples, x-",
    {
      given: { enum: [{ pattern: "(" }], examples: [{ pattern: "(" }], "x-rule": { pattern: "(" } },
      want: [],
    },
  ],
  [
    "nested under items with escaping",
    {
      given: { items: { "a/b": { pattern: "c" } } },
      want: ["/items/a~1b/pattern c"],
    },
  ],
];
for (const [name, { given, want }] of patterns) {
  test(`findPatterns: ${name}`, () => {
    assert.deepEqual(
      findPatterns(given)
        .map((f) => `${f.pointer} ${f.pattern}`)
        .sort(),
      want,
    );
  });
}
