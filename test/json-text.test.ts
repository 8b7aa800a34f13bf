// JSON read without YAML where YAML reads it alike (load/json-scan.ts): JSON.parse for the
// document (load/read.ts) and a token tree for Redocly's line numbers (load/json-ast.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import yaml from "js-yaml";
import { getLineColLocation, Source } from "@redocly/openapi-core";
import { isPlainJson } from "../generator/load/json-scan.js";
import { JsonAwareSource, jsonAst } from "../generator/load/json-ast.js";
import { parseYaml, REDOCLY_YAML_SCHEMA } from "../generator/load/read.js";
import { formatFragment } from "../generator/load/pointer.js";
import { CORPUS_CS } from "./helpers.js";

// Tables of `[name, { given, want }]`: whether the text is read as JSON (else YAML reads it, as before).
const texts: Array<[string, { given: string; want: boolean }]> = [
  ["a mapping on one line", { given: '{"a": 1, "b": [true, null, "x"]}', want: true }],
  ["indented, trailing line break", { given: '{\n  "a": {\n    "b": -1.5e3\n  }\n}\n', want: true }],
  ["a list at the top", { given: '[{"a": "\\u00e9\\/"}, []]', want: true }],
  ["space before the colon", { given: '{"a" : 1}', want: true }],
  ["YAML", { given: "a: 1\n", want: false }],
  ["space before the first bracket", { given: ' {"a": 1}', want: false }],
  ["line break between key and colon", { given: '{"a"\n: 1}', want: false }],
  ["line break after the colon", { given: '{"a":\n 1}', want: false }],
  ["tab indentation", { given: '{\n\t"a": 1\n}', want: false }],
  ["CRLF line ends", { given: '{\r\n"a": 1\r\n}', want: false }],
  ["repeated key (js-yaml refuses it)", { given: '{"a": 1, "a": 2}', want: false }],
  ["repeated key through an escape", { given: '{"a": 1, "\\u0061": 2}', want: false }],
  ["-0 (js-yaml reads 0)", { given: '{"a": -0}', want: false }],
  ["number past a double (js-yaml reads a string)", { given: '{"a": 1e400}', want: false }],
  ["lone surrogate (js-yaml refuses it)", { given: '{"a": "\ud800"}', want: false }],
  ["non-printable character", { given: '{"a": "\u0086"}', want: false }],
  ["raw tab in a string", { given: '{"a": "x\ty"}', want: false }],
  ["trailing comma", { given: '{"a": 1,}', want: false }],
  ["single quotes", { given: "{'a': 1}", want: false }],
  ["unknown escape", { given: '{"a": "\\x41"}', want: false }],
  ["text after the value", { given: '{"a": 1} x', want: false }],
  ["nested 1,001 deep", { given: `${"[".repeat(1001)}${"]".repeat(1001)}`, want: false }],
  ["nested 1,000 deep", { given: `${"[".repeat(1000)}${"]".repeat(1000)}`, want: true }],
];
for (const [name, { given, want }] of texts) {
  test(`plain JSON: ${name}`, () => {
    assert.equal(isPlainJson(given), want);
    assert.equal(jsonAst(given) !== undefined, want);
    // Either way the parse is js-yaml's, errors included.
    let expected: unknown;
    try {
      expected = yamlLoad(given);
    } catch {
      assert.throws(() => parseYaml(given, "x.json", REDOCLY_YAML_SCHEMA));
      return;
    }
    assertSameValue(parseYaml(given, "x.json", REDOCLY_YAML_SCHEMA), expected);
  });
}

test("plain JSON: JSON.parse gives js-yaml's value (key order, own __proto__, numbers, escapes)", () => {
  const given =
    '{"b": 1, "2": 0.1, "__proto__": {"x": 9007199254740993}, "<<": {"y": 1e-400}, "z": -1e-400,' +
    ' "s": "\\ud83d\\ude00 \\b\\f\\n\\r\\t \\"", "n": [12345678901234567890123, -0.0, 5e-324, 1E+5]}';
  assert.ok(isPlainJson(given));
  const doc = parseYaml(given, "x.json", REDOCLY_YAML_SCHEMA) as Record<string, unknown>;
  assert.equal(Object.getPrototypeOf(doc), Object.prototype);
  assert.ok(Object.hasOwn(doc, "__proto__"));
  assertSameValue(doc, yamlLoad(given));
});

/** js-yaml alone, as load/read.ts calls it (its depth limit is 1,200; js-yaml's own is 100). */
const yamlLoad = (text: string): unknown =>
  yaml.load(text, { schema: REDOCLY_YAML_SCHEMA, maxDepth: 1200 } as yaml.LoadOptions);

/** Same value, key order and prototypes, with -0 and 0 told apart. */
function assertSameValue(actual: unknown, expected: unknown, at = ""): void {
  if (typeof expected !== "object" || expected === null) {
    assert.ok(Object.is(actual, expected), `${at}: ${String(actual)} vs ${String(expected)}`);
    return;
  }
  assert.equal(typeof actual, "object", at);
  assert.equal(Object.getPrototypeOf(actual), Object.getPrototypeOf(expected), at);
  const keys = Reflect.ownKeys(expected);
  assert.deepEqual(Reflect.ownKeys(actual as object), keys, at);
  for (const key of keys) {
    const a = (actual as Record<string | symbol, unknown>)[key];
    assertSameValue(a, (expected as Record<string | symbol, unknown>)[key], `${at}/${String(key)}`);
  }
}

/** Every pointer of a parsed document, with whether it names an array item. */
function pointers(doc: unknown, tokens: string[] = [], out: string[][] = []): string[][] {
  out.push(tokens);
  if (typeof doc === "object" && doc !== null) {
    for (const [key, value] of Object.entries(doc)) pointers(value, [...tokens, key], out);
  }
  return out;
}

// Redocly's line and column for every node (and every key) of the text, located through
// yaml-ast-parser (a plain Source) and through the JSON tree: the same, so lint prints the same.
const layouts: Array<[string, (doc: unknown) => string]> = [
  ["two-space indent", (doc) => `${JSON.stringify(doc, null, 2)}\n`],
  ["one line", (doc) => JSON.stringify(doc)],
  ["commas apart", (doc) => JSON.stringify(doc, null, 4).replace(/,\n/g, "\n,").replace(/": /g, '" :  ')],
];
const spec = parseYaml(readFileSync(join(CORPUS_CS, "rooms.yaml"), "utf8"), "rooms.yaml");
// Brackets and escaped quotes inside strings: the JSON tree skips members by counting brackets outside strings.
const odd = {
  "": [],
  "<<": { "a/b": [1, -2.5e-3, "x\\y"] },
  "é😀": { "~1": {}, 'q"': [[], [null, true]] },
  "[{": { "]}": ["}", '"]', "\\", '\\"{', "\u005d"], '{"': { "[": [{ "}": "]" }] } },
};
for (const [name, write] of layouts) {
  test(`JSON tree: Redocly's line numbers for every node, ${name}`, () => {
    for (const doc of [spec, odd]) {
      const text = write(doc);
      assert.ok(jsonAst(text), "read as plain JSON");
      const theirs = new Source("/x.json", text);
      const ours = new JsonAwareSource("/x.json", text);
      for (const tokens of pointers(doc)) {
        for (const reportOnKey of [false, true]) {
          const pointer = formatFragment(tokens);
          const want = getLineColLocation({ source: theirs, pointer, reportOnKey });
          const got = getLineColLocation({ source: ours, pointer, reportOnKey });
          assert.deepEqual([got.start, got.end], [want.start, want.end], `${pointer} (key: ${reportOnKey})`);
        }
      }
    }
  });
}

test("JSON tree: a missing member is located at its nearest holder, as by yaml-ast-parser", () => {
  const text = '{\n  "a": {\n    "b": [1, {"c": 2}]\n  }\n}\n';
  for (const pointer of ["#/a/x", "#/a/b/5", "#/a/b/1/d/e", "#/z", "#/a/b/0/q"]) {
    const want = getLineColLocation({ source: new Source("/x.json", text), pointer, reportOnKey: true });
    const got = getLineColLocation({ source: new JsonAwareSource("/x.json", text), pointer, reportOnKey: true });
    assert.deepEqual([got.start, got.end], [want.start, want.end], pointer);
  }
});

test("JSON tree: YAML and JSON laid out otherwise go to yaml-ast-parser", () => {
  let parsed = 0;
  const load = (input: string) => {
    parsed++;
    return new Source("/y", input).getAst(yamlAstOf);
  };
  for (const text of ["a: 1\n", '{"a"\n: 1}', '{"a": 1, "a": 2}']) new JsonAwareSource("/x.json", text).getAst(load);
  assert.equal(parsed, 3);
  // Plain JSON is never handed to the loader.
  new JsonAwareSource("/x.json", '{"a": 1}').getAst(() => assert.fail("parsed by the loader"));
});

// The loader Redocly's formatter passes (yaml-ast-parser's safeLoad), taken from a located plain Source.
const yamlAstOf: Parameters<Source["getAst"]>[0] = (() => {
  let captured: Parameters<Source["getAst"]>[0] | undefined;
  const probe = new Source("/probe.yaml", "a: 1\n");
  probe.getAst = (load) => {
    captured = load;
    return Source.prototype.getAst.call(probe, load);
  };
  getLineColLocation({ source: probe, pointer: "#/a", reportOnKey: false });
  return captured!;
})();

test("plain JSON: a large text found plain is remembered, and only that text is", () => {
  // Over the 1 MiB from which the scanner keeps its answer (json-scan.ts FOUND_PLAIN).
  const items = Array.from({ length: 40_000 }, (_, i) => `  {"n": ${i}, "s": "value number ${i}"}`);
  const text = `[\n${items.join(",\n")}\n]\n`;
  assert.ok(text.length > 1 << 20);
  assert.equal(isPlainJson(text), true);
  assert.equal(isPlainJson(text), true);
  // The same length, one key repeated: YAML refuses it, so it is not plain, remembered text or not.
  const repeated = text.replace('{"n": 7, "s"', '{"n": 7, "n"');
  assert.equal(repeated.length, text.length);
  assert.equal(isPlainJson(repeated), false);
  assert.equal(isPlainJson(`${text} `), true);
  assert.equal(isPlainJson(`${text}x`), false);
});
