// The model's guards over a whole document (model/finite.ts, model/redocly-guards.ts): each walks
// with load/walk.ts, reads data and extensions too, and names the place it refuses.
import assert from "node:assert/strict";
import { test } from "node:test";
import { SpecError } from "../generator/errors.js";
import { rejectNonFinite } from "../generator/model/finite.js";
import { rejectRedoclyTraps } from "../generator/model/redocly-guards.js";

/** The pointer the guard's error names, or "ok" when it lets the document pass. */
function refused(guard: (doc: unknown, source: string) => void, doc: unknown): string {
  try {
    guard(doc, "spec.yaml");
    return "ok";
  } catch (err) {
    assert.ok(err instanceof SpecError && err.file === "spec.yaml", String(err));
    return err.pointer ?? "";
  }
}

const nonFinite: Array<[string, { given: unknown; want: string }]> = [
  ["finite numbers pass", { given: { maximum: 1e308, minimum: -0, enum: [1, 2.5] }, want: "ok" }],
  ["Infinity in data (enum)", { given: { a: { enum: [1, Infinity] } }, want: "/a/enum/1" }],
  ["NaN in an extension", { given: { "x-limit": { n: NaN } }, want: "/x-limit/n" }],
  [
    "-Infinity under a property named enum",
    { given: { properties: { enum: { maximum: -Infinity } } }, want: "/properties/enum/maximum" },
  ],
  [
    "a key with / and ~ is escaped",
    { given: { properties: { "a/b~c": { maximum: Infinity } } }, want: "/properties/a~1b~0c/maximum" },
  ],
  ["a key with a line break is shown as a fragment", { given: { "a\nb": NaN }, want: "#/a%0Ab" }],
  ["the root itself", { given: Infinity, want: "/" }],
];
for (const [name, { given, want }] of nonFinite) {
  test(`rejectNonFinite: ${name}`, () => assert.equal(refused(rejectNonFinite, given), want));
}

test("rejectNonFinite: a deep document is walked without recursion", () => {
  let doc: unknown = { maximum: Infinity };
  for (let i = 0; i < 50_000; i++) doc = { not: doc };
  assert.equal(refused(rejectNonFinite, doc).split("/").length, 50_002);
});

const traps: Array<[string, { given: unknown; want: string }]> = [
  [
    "plain keys pass, __proto__, toString and constructor too",
    { given: JSON.parse('{"__proto__": 1, "toString": 2, "constructor": 3}'), want: "ok" },
  ],
  [
    "hasOwnProperty inside an example value",
    { given: { example: { hasOwnProperty: 1 } }, want: "/example/hasOwnProperty" },
  ],
  ["valueOf as a property name", { given: { properties: { valueOf: {} } }, want: "/properties/valueOf" }],
];
for (const [name, { given, want }] of traps) {
  test(`rejectRedoclyTraps: ${name}`, () => assert.equal(refused(rejectRedoclyTraps, given), want));
}
