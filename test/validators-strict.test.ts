/**
 * Ajv's strict mode, kept on with purpose: legal schemas it would refuse compile, ignored
 * keywords warn, an unknown keyword stops generate.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generate } from "../generator/generate.js";
import { loadValidators } from "../generator/validate/index.js";
import { ROOT, tempDir } from "./helpers.js";
import { type Guard, fn } from "./generated-validators.js";

test("strict mode with purpose: legal schemas Ajv's strict checks refuse compile; ignored keywords warn", async () => {
  const dir = tempDir();
  try {
    const bare = async (name: string, schema: Record<string, unknown>) => {
      const file = join(dir, `${name}.json`);
      writeFileSync(file, JSON.stringify(schema));
      const result = await generate({ paths: [file], cwd: ROOT, dryRun: true, config: { emit: ["validators"] } });
      const loaded = await loadValidators(file, { cwd: ROOT });
      const name0 = Object.keys(loaded.exports).find((k) => k.startsWith("is"))!;
      return { warnings: result.warnings, is: fn<Guard>(loaded.exports, name0) };
    };
    // An open tuple (strictTuples): two leading items, any tail.
    const tuple = await bare("tuple", { prefixItems: [{ type: "integer" }, { type: "string" }] });
    const tuples = [tuple.is([1, "a"]), tuple.is([1]), tuple.is([1, "a", null]), tuple.is(["a"])];
    assert.deepEqual(tuples, [true, true, true, false]);
    // A key named by `properties` and matched by `patternProperties` obeys both (allowMatchingProperties).
    const both = await bare("both", {
      properties: { foo: { type: "array" } },
      patternProperties: { "f.o": { minItems: 2 } },
    });
    assert.deepEqual([both.is({ foo: [1, 2] }), both.is({ foo: [1] }), both.is({ foo: "ab" })], [true, false, false]);
    // `required` naming a property nothing declares (strictRequired).
    const required = await bare("required", { type: "object", required: ["a"] });
    assert.deepEqual([required.is({ a: 1 }), required.is({})], [true, false]);
    // Keywords with no effect where they stand are legal: compiled, with a warning naming the file.
    const ignored = await bare("ignored", { if: { minimum: 1 }, minContains: 1 });
    assert.equal(ignored.is(0), true);
    const warned = ignored.warnings.join("\n");
    assert.match(warned, /ignored\.json: "if" without "then" and "else" is ignored/);
    assert.match(warned, /"minContains" without "contains" is ignored/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("strict mode stays on: an unknown keyword stops generate; unknown formats are annotations (warned)", async () => {
  const dir = tempDir();
  const spec = (schema: Record<string, unknown>) => {
    const doc = {
      openapi: "3.1.0",
      info: { title: "t", version: "1" },
      paths: {
        "/x": {
          get: {
            operationId: "getX",
            responses: { "200": { description: "ok", content: { "application/json": { schema } } } },
          },
        },
      },
    };
    const file = join(dir, `${Object.keys(schema).join("-")}.json`);
    writeFileSync(file, JSON.stringify(doc));
    return file;
  };
  // Redocly's struct gate rejects a misspelt keyword in an OpenAPI file before any emitter runs;
  // a bare JSON Schema file reaches Ajv, whose strict mode names the keyword and the file.
  const typo = join(dir, "typo.yaml");
  writeFileSync(typo, "type: object\nproperties:\n  a:\n    type: string\n    minLenght: 1\n");
  await assert.rejects(generate({ paths: [typo], cwd: ROOT, dryRun: true }), (err: Error) => {
    // Located where the keyword is written.
    assert.equal(
      String(err),
      'typo.yaml:5:5: cannot compile validators: strict mode: unknown keyword: "minLenght" ' +
        "(at /properties/a/minLenght)",
    );
    return true;
  });
  // Prose is left out of what Ajv compiles, but only JSON Schema's own prose keywords.
  const summary = join(dir, "summary.yaml");
  writeFileSync(summary, "type: object\nsummary: not a JSON Schema keyword\ndescription: one\n");
  await assert.rejects(
    generate({ paths: [summary], cwd: ROOT, dryRun: true }),
    /summary\.yaml:2:1: cannot compile validators: strict mode: unknown keyword: "summary"/,
  );
  const odd = spec({ type: "string", format: "operationId", pattern: "^[a-z\\-\\:]+$", "x-vendor": { note: 1 } });
  const result = await generate({ paths: [odd], cwd: ROOT, dryRun: true });
  assert.ok(
    result.warnings.some((w) => w.includes('"operationId"') && w.includes("annotations")),
    result.warnings.join("\n"),
  );
  assert.ok(
    result.warnings.some((w) => w.includes("not valid Unicode regular expressions")),
    result.warnings.join("\n"),
  );
  const loaded = await loadValidators(odd, { cwd: ROOT });
  assert.equal(fn<Guard>(loaded.exports, "isGetXResponse")("get-thing:"), true);
  assert.equal(fn<Guard>(loaded.exports, "isGetXResponse")("Get Thing"), false);
  // Escaped punctuation is all it takes: Unicode mode stays on for the spec's other patterns
  // (`.` is one code point there, so one emoji matches `^.$`). A pattern that needs more turns it off.
  const mixed = spec({
    type: "object",
    properties: { id: { type: "string", pattern: "^[a-z\\-\\:]+$" }, one: { type: "string", pattern: "^.$" } },
  });
  const mixedResult = await generate({ paths: [mixed], cwd: ROOT, dryRun: true });
  assert.ok(
    mixedResult.warnings.some((w) => w.includes("escaped punctuation")),
    mixedResult.warnings.join("\n"),
  );
  const isMixed = fn<Guard>((await loadValidators(mixed, { cwd: ROOT })).exports, "isGetXResponse");
  assert.deepEqual(
    [isMixed({ id: "a-b:c", one: "\u{1F600}" }), isMixed({ id: "a b" }), isMixed({ one: "ab" })],
    [true, false, false],
  );
  const letter = spec({
    type: "object",
    properties: { id: { type: "string", pattern: "^\\a$" }, one: { type: "string", pattern: "^.$" } },
  });
  assert.equal(
    fn<Guard>((await loadValidators(letter, { cwd: ROOT })).exports, "isGetXResponse")({ id: "a", one: "\u{1F600}" }),
    false,
    "non-Unicode mode: an emoji is two characters",
  );
});
