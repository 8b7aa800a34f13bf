import { test } from "node:test";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import assert from "node:assert/strict";
import {
  childAt,
  encodeFragment,
  escapeToken,
  formatFragment,
  formatPointer,
  parseFragment,
  parsePointer,
  PointerSyntaxError,
  pointerTokens,
  setAt,
  setOwn,
  setOwnFresh,
  unescapeToken,
  valueAt,
} from "../generator/load/pointer.js";
import { derefAt, getPointer } from "../generator/load/refs.js";
import { escapePointerToken } from "../generator/runtime/pointer.js";
import { escapePointerToken as runtimeEscape } from "../generator/runtime/validation.js";
import { ROOT } from "./helpers.js";
import { runInNewContext } from "node:vm";

// Tables of `[name, { given, want }]`, one test per row.

const escapes: Array<[string, { given: string; want: string }]> = [
  ["plain token", { given: "name", want: "name" }],
  ["empty token", { given: "", want: "" }],
  ["slash", { given: "a/b", want: "a~1b" }],
  ["tilde", { given: "a~b", want: "a~0b" }],
  ["tilde then 1 (not a slash)", { given: "~1", want: "~01" }],
  ["tilde then 0", { given: "~0", want: "~00" }],
  ["path template", { given: "/rooms/{roomId}", want: "~1rooms~1{roomId}" }],
  ["__proto__", { given: "__proto__", want: "__proto__" }],
  ["percent stays", { given: "%2F", want: "%2F" }],
];
for (const [name, { given, want }] of escapes) {
  test(`escapeToken: ${name}`, () => assert.equal(escapeToken(given), want));
  test(`unescapeToken: ${name} round-trips`, () => assert.equal(unescapeToken(want), given));
}

test("unescapeToken: `~01` is `~1`, not `~/` (`~1` is replaced first)", () => assert.equal(unescapeToken("~01"), "~1"));

const plain: Array<[string, { given: string; want: string[] | "error" }]> = [
  ["the whole document", { given: "", want: [] }],
  ["the empty key", { given: "/", want: [""] }],
  ["two empty keys", { given: "//", want: ["", ""] }],
  ["escapes", { given: "/a~1b/c~0d/~01", want: ["a/b", "c~d", "~1"] }],
  ["array index and dash", { given: "/items/0/-", want: ["items", "0", "-"] }],
  ["leading zero kept as text", { given: "/01", want: ["01"] }],
  ["percent not decoded", { given: "/a%20b", want: ["a%20b"] }],
  ["__proto__ and constructor", { given: "/__proto__/constructor", want: ["__proto__", "constructor"] }],
  ["no leading slash", { given: "a/b", want: "error" }],
  ["a fragment is not plain", { given: "#/a", want: "error" }],
];
for (const [name, { given, want }] of plain) {
  test(`parsePointer: ${name}`, () => {
    if (want === "error") assert.throws(() => parsePointer(given), PointerSyntaxError);
    else assert.deepEqual(parsePointer(given), want);
  });
}

const fragments: Array<[string, { given: string; want: string[] | "error" }]> = [
  ["the whole document", { given: "#", want: [] }],
  ["without the #", { given: "/a", want: ["a"] }],
  ["the empty key", { given: "#/", want: [""] }],
  ["percent-decoded", { given: "#/a%20b/%7Bid%7D", want: ["a b", "{id}"] }],
  ["decoded, then unescaped", { given: "#/a~1b/%7E1", want: ["a/b", "/"] }],
  ["an encoded slash stays in its token", { given: "#/a%2Fb", want: ["a/b"] }],
  ["a stray % is kept as written", { given: "#/100%/x", want: ["100%", "x"] }],
  ["non-ASCII", { given: "#/%C3%A9t%C3%A9", want: ["été"] }],
  ["an anchor is not a pointer", { given: "#foo", want: "error" }],
];
for (const [name, { given, want }] of fragments) {
  test(`parseFragment: ${name}`, () => {
    if (want === "error") assert.throws(() => parseFragment(given), PointerSyntaxError);
    else assert.deepEqual(parseFragment(given), want);
  });
}

test("pointerTokens: a leading # picks the fragment form, else plain", () => {
  assert.deepEqual(pointerTokens("#/a%20b"), ["a b"]);
  assert.deepEqual(pointerTokens("/a%20b"), ["a%20b"]);
  assert.deepEqual(pointerTokens(""), []);
});

const formats: Array<[string, { given: string[]; want: { pointer: string; fragment: string } }]> = [
  ["none", { given: [], want: { pointer: "", fragment: "#" } }],
  ["the empty key", { given: [""], want: { pointer: "/", fragment: "#/" } }],
  ["escapes", { given: ["a/b", "c~d", "~1"], want: { pointer: "/a~1b/c~0d/~01", fragment: "#/a~1b/c~0d/~01" } }],
  [
    "path template",
    { given: ["paths", "/r/{id}"], want: { pointer: "/paths/~1r~1{id}", fragment: "#/paths/~1r~1%7Bid%7D" } },
  ],
  [
    "sub-delims and : @ stay",
    { given: ["a!$&'()*+,;=:@b"], want: { pointer: "/a!$&'()*+,;=:@b", fragment: "#/a!$&'()*+,;=:@b" } },
  ],
  ["space, %, # and ?", { given: ["a b%#?"], want: { pointer: "/a b%#?", fragment: "#/a%20b%25%23%3F" } }],
  ["non-ASCII, astral", { given: ["é😀"], want: { pointer: "/é😀", fragment: "#/%C3%A9%F0%9F%98%80" } }],
  ["line break", { given: ["a\nb"], want: { pointer: "/a\nb", fragment: "#/a%0Ab" } }],
  [
    "-, leading zero, __proto__",
    { given: ["-", "01", "__proto__"], want: { pointer: "/-/01/__proto__", fragment: "#/-/01/__proto__" } },
  ],
];
for (const [name, { given, want }] of formats) {
  test(`formatPointer / formatFragment: ${name}, and back`, () => {
    assert.equal(formatPointer(given), want.pointer);
    assert.equal(formatFragment(given), want.fragment);
    assert.deepEqual(parsePointer(want.pointer), given);
    assert.deepEqual(parseFragment(want.fragment), given);
  });
}

test("encodeFragment: a lone surrogate becomes U+FFFD's encoding instead of throwing", () => {
  assert.equal(encodeFragment("/a\uD800b"), "/a%EF%BF%BDb");
});

const doc = JSON.parse(`{
  "a": { "b/c": { "~d": 1 } },
  "list": [10, 20, { "x": null }],
  "": { "": "empty" },
  "__proto__": { "own": true },
  "zero": 0
}`) as Record<string, unknown>;

const lookups: Array<[string, { given: string; want: unknown }]> = [
  ["the root", { given: "", want: doc }],
  ["escaped keys", { given: "/a/b~1c/~0d", want: 1 }],
  ["array element", { given: "/list/1", want: 20 }],
  ["into an array element", { given: "/list/2/x", want: null }],
  ["a falsy value is found", { given: "/zero", want: 0 }],
  ["empty keys", { given: "//", want: "empty" }],
  ["own __proto__ key", { given: "/__proto__/own", want: true }],
  ["array: leading zero", { given: "/list/01", want: undefined }],
  ["array: -", { given: "/list/-", want: undefined }],
  ["array: empty token", { given: "/list/", want: undefined }],
  ["array: length", { given: "/list/length", want: undefined }],
  ["array: past the end", { given: "/list/3", want: undefined }],
  ["array: exponent", { given: "/list/1e0", want: undefined }],
  ["array: sign", { given: "/list/+1", want: undefined }],
  ["inherited constructor", { given: "/a/constructor", want: undefined }],
  ["inherited toString", { given: "/toString", want: undefined }],
  ["inherited __proto__", { given: "/a/__proto__", want: undefined }],
  ["array prototype method", { given: "/list/map", want: undefined }],
  ["below a scalar", { given: "/zero/x", want: undefined }],
  ["below null", { given: "/list/2/x/y", want: undefined }],
  ["missing", { given: "/nope", want: undefined }],
];
for (const [name, { given, want }] of lookups) {
  test(`valueAt: ${name}`, () => assert.equal(valueAt(doc, parsePointer(given)), want));
}

test("childAt: one step, own properties and decimal indexes only", () => {
  assert.equal(childAt([5], "0"), 5);
  assert.equal(childAt([5], "00"), undefined);
  assert.equal(childAt({}, "hasOwnProperty"), undefined);
  assert.equal(childAt("text", "length"), undefined);
  assert.equal(childAt(null, "x"), undefined);
});

const sets: Array<[string, { given: { doc: unknown; pointer: string }; want: { done: boolean; doc: unknown } }]> = [
  ["a new key", { given: { doc: { a: {} }, pointer: "/a/b" }, want: { done: true, doc: { a: { b: "v" } } } }],
  ["an existing key", { given: { doc: { a: 1 }, pointer: "/a" }, want: { done: true, doc: { a: "v" } } }],
  ["an escaped key", { given: { doc: {}, pointer: "/x~1y" }, want: { done: true, doc: { "x/y": "v" } } }],
  ["an array element", { given: { doc: { l: [1, 2] }, pointer: "/l/1" }, want: { done: true, doc: { l: [1, "v"] } } }],
  ["the end of an array", { given: { doc: { l: [1] }, pointer: "/l/1" }, want: { done: true, doc: { l: [1, "v"] } } }],
  ["past the end", { given: { doc: { l: [1] }, pointer: "/l/2" }, want: { done: false, doc: { l: [1] } } }],
  ["array: -", { given: { doc: { l: [1] }, pointer: "/l/-" }, want: { done: false, doc: { l: [1] } } }],
  ["array: leading zero", { given: { doc: { l: [1] }, pointer: "/l/00" }, want: { done: false, doc: { l: [1] } } }],
  ["a missing parent", { given: { doc: {}, pointer: "/a/b" }, want: { done: false, doc: {} } }],
  ["through an inherited key", { given: { doc: {}, pointer: "/constructor/x" }, want: { done: false, doc: {} } }],
  ["below a scalar", { given: { doc: { a: 1 }, pointer: "/a/b" }, want: { done: false, doc: { a: 1 } } }],
  ["the root", { given: { doc: {}, pointer: "" }, want: { done: false, doc: {} } }],
];
for (const [name, { given, want }] of sets) {
  test(`setAt: ${name}`, () => {
    assert.equal(setAt(given.doc, parsePointer(given.pointer), "v"), want.done);
    assert.deepEqual(given.doc, want.doc);
  });
}

test("setAt / setOwn: __proto__ becomes an own key; Object.prototype and the object's prototype are untouched", () => {
  const target: Record<string, unknown> = {};
  assert.equal(setAt({ a: target }, ["a", "__proto__"], { polluted: true }), true);
  assert.equal(Object.getPrototypeOf(target), Object.prototype);
  assert.ok(Object.hasOwn(target, "__proto__"));
  assert.deepEqual(Object.keys(target), ["__proto__"]);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  const other: Record<string, unknown> = {};
  setOwn(other, "constructor", 1);
  assert.equal(other.constructor, 1);
  assert.equal(Object.getOwnPropertyDescriptor(other, "constructor")?.enumerable, true);
});

// setOwnFresh assigns where `=` makes the same own property, and defines the others.
const freshKeys = ["a", "__proto__", "constructor", "toString", "hasOwnProperty", "0"];
for (const key of freshKeys) {
  test(`setOwnFresh: ${key} becomes an own, enumerable, writable data property; no prototype changes`, () => {
    const target: Record<string, unknown> = {};
    setOwnFresh(target, key, { polluted: true });
    assert.equal(Object.getPrototypeOf(target), Object.prototype);
    assert.deepEqual(Object.getOwnPropertyDescriptor(target, key), {
      value: { polluted: true },
      enumerable: true,
      writable: true,
      configurable: true,
    });
    assert.deepEqual(Object.keys(target), [key]);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
}

test("setOwnFresh: a prototype method's name is defined even where Object.prototype is frozen", () => {
  // Another realm, whose Object.prototype can be frozen without touching this one's.
  const target = runInNewContext("Object.freeze(Object.prototype); ({})") as Record<string, unknown>;
  setOwnFresh(target, "toString", 1);
  setOwnFresh(target, "a", 2);
  assert.deepEqual(Object.entries(target), [
    ["toString", 1],
    ["a", 2],
  ]);
});

// The modules that follow `$ref`s go through the same own-property lookup.

const refLookups: Array<[string, { given: string; want: unknown }]> = [
  ["a component", { given: "#/components/schemas/Pet", want: "pet" }],
  ["a percent-encoded token", { given: "#/paths/~1a%20b", want: "path" }],
  ["an array element by index", { given: "#/tags/0", want: "first" }],
  ["__proto__ is no own key", { given: "#/components/__proto__", want: undefined }],
  ["constructor is no own key", { given: "#/components/constructor", want: undefined }],
  ["an array's length is no element", { given: "#/tags/length", want: undefined }],
];
const refDoc = {
  components: { schemas: { Pet: "pet" } },
  paths: { "/a b": "path" },
  tags: ["first"],
};
for (const [name, { given, want }] of refLookups) {
  test(`derefAt / getPointer: ${name}`, () => {
    assert.equal(derefAt(refDoc, { $ref: given }, []).node, want);
    const lookup = () => getPointer(refDoc, given.slice(1), "spec.yaml");
    if (want === undefined) assert.throws(lookup, /\$ref target not found/);
    else assert.equal(lookup(), want);
  });
}

test("one module escapes a JSON pointer token (runtime/pointer.ts), for the toolkit and the shipped runtime", () => {
  // It imports nothing, so the validation runtime, which may import nothing from the toolkit, uses it too.
  const files = readdirSync(join(ROOT, "generator"), { recursive: true, encoding: "utf8" }).filter((f) =>
    f.endsWith(".ts"),
  );
  const inline = files.filter((f) => /["'`]~[01]["'`]/.test(readFileSync(join(ROOT, "generator", f), "utf8")));
  // load/pointer.ts only reads tokens back (unescapeToken); runtime/pointer.ts escapes them.
  assert.deepEqual(inline.sort(), [join("load", "pointer.ts"), join("runtime", "pointer.ts")]);
  assert.doesNotMatch(readFileSync(join(ROOT, "generator/load/pointer.ts"), "utf8"), /\.replace\(\/~\/g/);
  assert.equal(escapeToken, escapePointerToken, "load/pointer.ts re-exports the runtime's escape");
  assert.equal(runtimeEscape, escapePointerToken, "the validation runtime re-exports it too");
  assert.doesNotMatch(readFileSync(join(ROOT, "generator/runtime/pointer.ts"), "utf8"), /^\s*import\b/m);
});
