/**
 * Bounded work per answer and per compile: `specgen validate` with 150 000 problems, contains
 * failures folded in one pass, Ajv options immune to a polluted Object.prototype, and a linear
 * `uniqueItems`.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { compileAjvModule } from "../generator/emit/validators/compile.js";
import { validatorTargets } from "../generator/emit/validators/targets.js";
import { generate } from "../generator/generate.js";
import { problemsOf, type AjvErrorObject } from "../generator/runtime/validation.js";
import { tempDir } from "./helpers.js";
import { both, bounded, type Check, generated, specWith, VALIDATORS_ONLY } from "./validator-specs.js";

test("specgen validate: 150 000 problems finish promptly; the first 100 are shown, the rest counted", () => {
  const dir = tempDir();
  try {
    const schema = {
      type: "object",
      properties: {
        numbers: { type: "array", items: { type: "string" } },
        lists: { type: "array", items: { contains: { const: "x" } } },
      },
    };
    writeFileSync(join(dir, "spec.json"), JSON.stringify(specWith(schema)));
    const numbers = Array(100_000).fill("1").join(",\n");
    const lists = Array(50_000).fill("[]").join(",\n");
    const doc = `{\n"numbers": [${numbers}],\n"lists": [${lists}]\n}\n`;
    writeFileSync(join(dir, "answer.json"), doc);
    const started = Date.now();
    const r = bounded(["validate", "spec.json#getThing", "answer.json"], dir);
    assert.equal(r.signal, null, `validate was killed after ${Date.now() - started} ms`);
    assert.equal(r.status, 1, r.stderr);
    const lines = r.stdout.split("\n").filter(Boolean);
    assert.equal(lines.length, 101);
    assert.equal(lines[0], "answer.json:2:13: /numbers/0 must be string");
    assert.equal(lines[99], "answer.json:101:1: /numbers/99 must be string");
    assert.equal(lines[100], "answer.json: … and 149900 more problem(s) not shown (the first 100 are)");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("problemsOf folds each failed contains into one problem, as before, in one pass", () => {
  const errors: AjvErrorObject[] = [
    { instancePath: "/0/0", keyword: "const", params: { allowedValue: "x" }, schemaPath: "#/items/contains/const" },
    { instancePath: "/0", keyword: "contains", params: {}, schemaPath: "#/items/contains", message: "must contain" },
    { instancePath: "/1", keyword: "type", params: {}, schemaPath: "#/items/type", message: "must be array" },
  ];
  assert.deepEqual(problemsOf(errors), [
    { pointer: "/0", message: 'must contain "x"' },
    { pointer: "/1", message: "must be array" },
  ]);
});

test("a key added to Object.prototype does not change the compiled validators (Ajv options are all own)", async () => {
  const dir = tempDir();
  try {
    const n = { type: "integer", default: 1 };
    const spec = specWith({ type: "object", properties: { n }, required: ["n"], additionalProperties: false });
    await generated(spec, dir);
    const options = { cwd: dir, paths: ["specs"], out: "out", dryRun: true, force: true, config: VALIDATORS_ONLY };
    const { model } = await generate(options);
    const specModel = model.specs[0]!;
    const shared = { runtime: "./runtime.js", formats: "./formats.js", helpers: "./helpers.js" };
    const clean = await compileAjvModule(specModel, validatorTargets(specModel), shared);
    // (`$data` is left out: Ajv's own keyword definitions read it too, so it breaks Ajv itself.)
    const polluted = ["coerceTypes", "useDefaults", "removeAdditional", "verbose", "allowUnionTypes"];
    for (const key of polluted) {
      const value = key === "removeAdditional" ? "all" : true;
      Object.defineProperty(Object.prototype, key, { value, configurable: true, writable: true });
    }
    let dirty: string;
    try {
      dirty = await compileAjvModule(specModel, validatorTargets(specModel), shared);
    } finally {
      for (const key of polluted) delete (Object.prototype as Record<string, unknown>)[key];
    }
    assert.equal(dirty, clean);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("uniqueItems over objects is linear: 100,000 objects in bounded time, JSON equality on own members", async () => {
  const dir = tempDir();
  try {
    const { m } = await generated(specWith({ type: "array", uniqueItems: true, items: { type: "object" } }), dir);
    const [[, validate], [, is]] = both(m) as [[string, Check], [string, Check]];
    const many = Array.from({ length: 100_000 }, (_, i) => ({ id: i, tags: [String(i)] }));
    const started = Date.now();
    assert.equal(is(many), true);
    // Ajv's own keyword compares every pair: about 5e9 comparisons here, hours rather than seconds.
    assert.ok(Date.now() - started < 20_000, `took ${Date.now() - started} ms`);
    assert.equal(
      is([
        { a: 1, b: 2 },
        { b: 2, a: 1 },
      ]),
      false,
      "key order does not matter",
    );
    assert.equal(is([{ a: [1, 2] }, { a: [2, 1] }]), true, "array order does");
    assert.equal(is([{ n: 1 }, { n: "1" }]), true, "types do");
    assert.equal(validate([{ a: 1 }, { a: 2 }, { a: 1 }]), false);
    assert.deepEqual(
      (validate as unknown as { errors: Array<{ params: unknown }> }).errors.map((e) => e.params),
      [{ i: 2, j: 0 }],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
