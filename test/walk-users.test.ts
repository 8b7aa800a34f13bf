// The whole-document walks built on load/walk.ts: where a keyword is first used (keywordPointer),
// how far YAML aliases expand a document (checkAliasExpansion), where Ajv's compiled functions
// start (functionRoots). Tables of `[name, { given, want }]`.
import { test } from "node:test";
import assert from "node:assert/strict";
import yaml from "js-yaml";
import { keywordPointer } from "../generator/load/keyword-pointer.js";
import {
  checkAliasExpansion,
  MAX_ALIAS_EXPANSION,
  ownKeyNamedProtoAt,
  parseYaml,
  REDOCLY_YAML_SCHEMA,
} from "../generator/load/read.js";
import { SpecError } from "../generator/errors.js";
import { formatPointer } from "../generator/load/pointer.js";
import { functionRoots } from "../generator/validate/roots.js";

const keywords: Array<[string, { given: unknown; keyword: string; want: string | undefined }]> = [
  ["at the root", { given: { type: "object", summary: "x" }, keyword: "summary", want: "/summary" }],
  ["absent", { given: { type: "object" }, keyword: "summary", want: undefined }],
  ["a name map's entry is a name", { given: { properties: { summary: {} } }, keyword: "summary", want: undefined }],
  [
    "below a name map's entry it is a keyword again",
    { given: { properties: { a: { summary: 1 } } }, keyword: "summary", want: "/properties/a/summary" },
  ],
  [
    "not inside data",
    { given: { enum: [{ summary: 1 }], default: { summary: 1 } }, keyword: "summary", want: undefined },
  ],
  [
    "inside an x- extension (only the data keys are left out)",
    { given: { "x-a": { summary: 1 } }, keyword: "summary", want: "/x-a/summary" },
  ],
  ["never an array index", { given: { allOf: [{}, {}] }, keyword: "1", want: undefined }],
  [
    "the first in document order: an earlier entry's subtree first",
    { given: { a: { b: { summary: 1 } }, summary: 2 }, keyword: "summary", want: "/a/b/summary" },
  ],
  [
    "the first in document order: the key before a later entry's subtree",
    { given: { summary: 2, a: { b: { summary: 1 } } }, keyword: "summary", want: "/summary" },
  ],
  [
    "the first in document order among siblings and cousins",
    {
      given: { allOf: [{ not: {} }, { items: { summary: 1 }, summary: 2 }], anyOf: [{ summary: 3 }] },
      keyword: "summary",
      want: "/allOf/1/items/summary",
    },
  ],
  [
    "a shared node at its first place",
    (() => {
      const shared = { summary: 1 };
      return { given: { a: { x: shared }, b: shared }, keyword: "summary", want: "/a/x/summary" };
    })(),
  ],
  ["the pointer is escaped", { given: { "a/b~": { summary: 1 } }, keyword: "summary", want: "/a~1b~0/summary" }],
];
for (const [name, { given, keyword, want }] of keywords) {
  test(`keywordPointer: ${name}`, () => assert.equal(keywordPointer(given, keyword), want));
}

/** A YAML document of `levels` lists, each holding the one below twice (2^levels nodes expanded). */
function bomb(levels: number, under = "x-bomb"): string {
  const lines = ['a0: &a0 ["lol"]'];
  for (let i = 1; i <= levels; i++) lines.push(`a${i}: &a${i} [*a${i - 1}, *a${i - 1}]`);
  return `${under}:\n${lines.map((l) => `  ${l}`).join("\n")}\n`;
}

const aliases: Array<[string, { given: string; want: { message: RegExp; pointer: string } | undefined }]> = [
  ["no aliases", { given: "a: {b: [1, 2, {c: 3}]}\n", want: undefined }],
  ["a few shared nodes", { given: "a: &x {b: [1, 2]}\nc: *x\nd: [*x, *x]\n", want: undefined }],
  [
    "an alias that contains itself",
    { given: "a:\n  b: &x\n    c: *x\n", want: { message: /refers to a node that contains it/, pointer: "/a/b/c" } },
  ],
  [
    "a self-referencing list",
    { given: "a: &x [1, *x]\n", want: { message: /refers to a node that contains it/, pointer: "/a/1" } },
  ],
  [
    "an alias bomb: the smallest subtree over the limit, where it is written",
    { given: bomb(24), want: { message: /aliases expand .* alias bomb/, pointer: "/x-bomb/a19" } },
  ],
  [
    "a bomb written under an escaped key",
    { given: bomb(24, "a/b"), want: { message: /aliases expand/, pointer: "/a~1b/a19" } },
  ],
];
for (const [name, { given, want }] of aliases) {
  test(`checkAliasExpansion: ${name}`, () => {
    const doc = yaml.load(given);
    if (want === undefined) return assert.doesNotThrow(() => checkAliasExpansion(doc, "f.yaml"));
    assert.throws(
      () => checkAliasExpansion(doc, "f.yaml"),
      (e: unknown) =>
        e instanceof SpecError && e.file === "f.yaml" && want.message.test(e.message) && e.pointer === want.pointer,
    );
  });
}

// parseYaml skips the expansion check for a document without anchors: one with aliases still gets it.
for (const [name, { given, want }] of aliases) {
  test(`parseYaml: ${name}`, () => {
    if (want === undefined) return assert.doesNotThrow(() => parseYaml(given, "f.yaml"));
    assert.throws(
      () => parseYaml(given, "f.yaml", REDOCLY_YAML_SCHEMA),
      (e: unknown) =>
        e instanceof SpecError && e.file === "f.yaml" && want.message.test(e.message) && e.pointer === want.pointer,
    );
  });
}

test("checkAliasExpansion: the limit is on the nodes aliases add, summed over the document", () => {
  // Level i expands to 3·2^i - 1 nodes: 17 levels add about 786,000 in all, 18 about 1.57 million,
  // though no level is over the limit; the error then points at the smallest subtree that is.
  assert.ok(3 * 2 ** 18 - 1 < MAX_ALIAS_EXPANSION);
  assert.doesNotThrow(() => checkAliasExpansion(yaml.load(bomb(17)), "f.yaml"));
  assert.throws(
    () => checkAliasExpansion(yaml.load(bomb(18)), "f.yaml"),
    (e: unknown) => e instanceof SpecError && /alias bomb/.test(e.message) && e.pointer === "/x-bomb",
  );
});

/** Function roots as `pointer` (with ` anchored` for the target's own), sorted. */
const rootsOf = (given: unknown, target: string, origins: Record<string, string[]> = {}) =>
  functionRoots(given, target, origins)
    .map((r) => `${formatPointer(r.tokens)}${r.anchored ? " anchored" : ""}`)
    .sort();

const roots: Array<[string, { given: unknown; target: string; origins?: Record<string, string[]>; want: string[] }]> = [
  ["no refs: the target alone, anchored", { given: { a: { type: "string" } }, target: "/a", want: ["/a anchored"] }],
  [
    "every local $ref's target, wherever it is written, data and names included",
    {
      given: {
        a: { items: { $ref: "#/$defs/b" } },
        properties: { $ref: { $ref: "#/$defs/c" } },
        examples: [{ $ref: "#/$defs/d" }],
        "x-e": { $ref: "#/$defs/e" },
      },
      target: "/a",
      want: ["/$defs/b", "/$defs/c", "/$defs/d", "/$defs/e", "/a anchored"],
    },
  ],
  [
    "a ref to the target: it is called at any depth, so not anchored",
    { given: { a: { not: { $ref: "#/a" } } }, target: "/a", want: ["/a"] },
  ],
  [
    "only local refs (not another file's, not the whole document)",
    {
      given: { a: { anyOf: [{ $ref: "b.yaml#/x" }, { $ref: "#" }, { $ref: 7 }] } },
      target: "/a",
      want: ["/a anchored"],
    },
  ],
  [
    "refs are read as URI fragments",
    { given: { a: { $ref: "#/$defs/x~1y%20z" } }, target: "/a", want: ["/$defs/x~1y z", "/a anchored"] },
  ],
  [
    "a ref written twice is one root",
    { given: { a: { $ref: "#/b" }, c: [{ $ref: "#/b" }] }, target: "/a", want: ["/a anchored", "/b"] },
  ],
  [
    "where hoisted subschemas stood",
    {
      given: { a: {} },
      target: "/a",
      origins: { h0: ["#/a/properties/p", "#/c"] },
      want: ["/a anchored", "/a/properties/p", "/c"],
    },
  ],
];
for (const [name, { given, target, origins, want }] of roots) {
  test(`functionRoots: ${name}`, () => assert.deepEqual(rootsOf(given, target, origins), want));
}

const protoKeys: Array<[string, { given: unknown; want: string | undefined }]> = [
  ["none", { given: { a: [{ b: 1 }], constructor: {} }, want: undefined }],
  ["at the root", { given: JSON.parse('{"__proto__": {}}'), want: "/__proto__" }],
  ["nested, escaped", { given: JSON.parse('{"a/b": [{"__proto__": 1}]}'), want: "/a~1b/0/__proto__" }],
  ["in data and names too", { given: JSON.parse('{"enum": [{"__proto__": 1}]}'), want: "/enum/0/__proto__" }],
  [
    "parsed from YAML",
    { given: yaml.load("rules:\n  x:\n    __proto__: {polluted: true}\n"), want: "/rules/x/__proto__" },
  ],
];
for (const [name, { given, want }] of protoKeys) {
  test(`ownKeyNamedProtoAt: ${name}`, () => assert.equal(ownKeyNamedProtoAt(given), want));
}
