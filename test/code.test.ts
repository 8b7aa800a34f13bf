// The code builder (generator/emit/code.ts): identifiers and built fragments go in as they are,
// every other value as an inert literal, and a name that is no plain identifier is refused.
import assert from "node:assert/strict";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { emitClient } from "../generator/emit/client/index.js";
import { type Code, code, identifier, key, list } from "../generator/emit/code.js";
import { readSpecFile } from "../generator/load/read.js";
import { buildModel } from "../generator/model/build.js";
import { tempDir } from "./helpers.js";

const x = identifier("x");
const HOSTILE = '"); process.exit(1); ("';
/** `${process.exit(1)}` and a backtick, as plain text. */
const TEMPLATE = ["$", "{process.exit(1)}`"].join("");

const built: Array<[string, { given: () => Code; want: string }]> = [
  ["identifier as is", { given: () => code`const ${x} = 1;`, want: "const x = 1;" }],
  ["$ in an emitter's own name", { given: () => code`${identifier("send$")}()`, want: "send$()" }],
  ["string as a literal", { given: () => code`f(${"a b"})`, want: 'f("a b")' }],
  ["number, boolean, null", { given: () => code`[${404}, ${true}, ${null}]`, want: "[404, true, null]" }],
  ["fragment as is", { given: () => code`a(${code`${x}.b`})`, want: "a(x.b)" }],
  ["data array as compact JSON", { given: () => code`${["a", 1, [null]]}`, want: '["a",1,[null]]' }],
  ["data object as compact JSON", { given: () => code`${{ a: { b: "c" } }}`, want: '{"a":{"b":"c"}}' }],
  ["list of literals and names", { given: () => code`[${list(["a", x, 2])}]`, want: '["a", x, 2]' }],
  ["list on lines", { given: () => list([code`a;`, code`b;`], "\n"), want: "a;\nb;" }],
  ["empty list", { given: () => code`{ ${list([])} }`, want: "{  }" }],
  ["key quoted", { given: () => code`{ ${key("a-b")}: 1 }`, want: '{ "a-b": 1 }' }],
  ["key __proto__ computed", { given: () => code`{ ${key("__proto__")}: 1 }`, want: '{ ["__proto__"]: 1 }' }],
  // hostile spec text stays inside its literal
  ["call breakout", { given: () => code`f(${HOSTILE})`, want: 'f("\\"); process.exit(1); (\\"")' }],
  ["comment end", { given: () => code`/* a */ f(${"*/ g() /*"})`, want: '/* a */ f("*/ g() /*")' }],
  ["line breaks", { given: () => code`f(${"a\nb\r"})`, want: 'f("a\\nb\\r")' }],
  ["line separators", { given: () => code`f(${"a\u2028b\u2029"})`, want: 'f("a\\u2028b\\u2029")' }],
  ["separator in a key", { given: () => code`{${key("\u2028")}:1}`, want: '{"\\u2028":1}' }],
  ["__proto__ string", { given: () => code`f(${"__proto__"})`, want: 'f("__proto__")' }],
  [
    "__proto__ data key",
    { given: () => code`${JSON.parse('{"__proto__":{"p":1}}')}`, want: '{["__proto__"]:{"p":1}}' },
  ],
  ["template syntax", { given: () => code`f(${TEMPLATE})`, want: `f("${TEMPLATE}")` }],
];

for (const [name, { given, want }] of built) {
  test(`code: ${name}`, () => assert.equal(String(given()), want));
}

test("code: a __proto__ data key stays an own key when the code runs", () => {
  const object: unknown = new Function(`return ${String(code`${JSON.parse('{"__proto__":{"p":1}}')}`)};`)();
  assert.equal(Object.getPrototypeOf(object), Object.prototype);
  assert.deepEqual(Object.getOwnPropertyDescriptor(object, "__proto__")?.value, { p: 1 });
});

test("code: hostile strings evaluate to themselves", () => {
  for (const text of [HOSTILE, "*/", "\u2028\u2029", "__proto__", "\\", "'", "</script>"]) {
    assert.equal(new Function(`return ${String(code`${text}`)};`)(), text);
  }
});

const refusedNames: Array<[string, { given: unknown; want: RegExp }]> = [
  ["empty", { given: "", want: /not a safe identifier/ }],
  ["digit first", { given: "1a", want: /not a safe identifier/ }],
  ["space", { given: "a b", want: /not a safe identifier/ }],
  ["call breakout", { given: HOSTILE, want: /not a safe identifier/ }],
  ["dot", { given: "a.b", want: /not a safe identifier/ }],
  ["line separator", { given: "a\u2028", want: /not a safe identifier/ }],
  ["trailing line break", { given: "a\n", want: /not a safe identifier/ }],
  ["non-ASCII letter", { given: "é", want: /not a safe identifier/ }],
  ["reserved word", { given: "class", want: /not a safe identifier/ }],
  ["strict-mode name", { given: "eval", want: /not a safe identifier/ }],
  ["not a string", { given: 1, want: /not a safe identifier/ }],
];

for (const [name, { given, want }] of refusedNames) {
  test(`identifier refuses: ${name}`, () => assert.throws(() => identifier(given as string), want));
}

const refusedValues: Array<[string, { given: () => unknown; want: RegExp }]> = [
  ["undefined", { given: () => code`${undefined}`, want: /no literal form/ }],
  ["function", { given: () => code`${() => 1}`, want: /no literal form/ }],
  ["symbol", { given: () => code`${Symbol("s")}`, want: /no literal form/ }],
  ["bigint", { given: () => code`${1n}`, want: /no literal form/ }],
  ["NaN", { given: () => code`${Number.NaN}`, want: /no literal form/ }],
  ["Infinity", { given: () => code`${Number.POSITIVE_INFINITY}`, want: /no literal form/ }],
  ["a Date", { given: () => code`${new Date(0)}`, want: /no literal form/ }],
  ["a fragment in data", { given: () => code`${[x]}`, want: /nested in data: use list\(\)/ }],
  ["a fragment in JSON.stringify", { given: () => JSON.stringify({ a: x }), want: /is no data/ }],
];

for (const [name, { given, want }] of refusedValues) {
  test(`code refuses: ${name}`, () => assert.throws(given, want));
}

test("code: fragments cannot be made outside the builder", () => {
  const Made = Object.getPrototypeOf(x).constructor as new (token: symbol, text: string) => unknown;
  assert.throws(() => new Made(Symbol("made by emit/code.ts"), "process.exit(1)"), /made only by emit\/code\.ts/);
});

/** The model of a one-operation spec whose query parameter is named with hostile text. */
async function hostileModel() {
  const dir = tempDir();
  try {
    const param = { name: `${HOSTILE}\u2028*/`, in: "query", schema: { type: "string" } };
    const get = { operationId: "getA", parameters: [param], responses: { 204: { description: "-" } } };
    const spec = { openapi: "3.1.0", info: { title: "t", version: "1" }, paths: { "/a": { get } } };
    writeFileSync(join(dir, "t.json"), JSON.stringify(spec));
    const pkg = { name: "x", version: "0.0.0", license: "MIT" };
    return (await buildModel([readSpecFile(join(dir, "t.json"))], dir, new Map(), pkg)).model;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test("client stubs: spec text only as a literal, a model name only as a checked identifier", async () => {
  const model = await hostileModel();
  const stubs = emitClient(model).files.find((f) => f.path === "client/t.js")!.contents;
  assert.ok(stubs.includes(`query: [${JSON.stringify(HOSTILE).slice(0, -1)}\\u2028*/"]`), stubs);
  assert.ok(!stubs.includes("\u2028"), "no raw line separator");
  // a bad name in the model (a toolkit bug) stops the emitter instead of reaching the code
  model.specs[0]!.operations[0]!.name = "getA = 1; process.exit(1); const x";
  assert.throws(() => emitClient(model), /not a safe identifier/);
});
