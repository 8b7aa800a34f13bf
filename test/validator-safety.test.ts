/**
 * What a spec puts in the generated validators, lint's example check and `specgen validate`:
 * no project secrets in the published code, spec data never read as code, own keys kept own,
 * decimal `multipleOf`, no backtracking regex run by lint, and bounded work per answer.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { generate } from "../generator/generate.js";
import type { ProjectConfig } from "../generator/config.js";
import { SpecError } from "../generator/errors.js";
import { lint } from "../generator/index.js";
import { compileValidatorModule } from "../generator/emit/validators/compile.js";
import { validatorTargets } from "../generator/emit/validators/targets.js";
import { problemsOf, type AjvErrorObject } from "../generator/runtime/validation.js";
import { ROOT, specgen, tempDir } from "./helpers.js";

type Check = (value: unknown) => boolean;

/** An OpenAPI document whose one operation, `getThing`, answers with `schema` (components as given). */
function specWith(schema: unknown, components: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    openapi: "3.1.0",
    info: { title: "Safety", version: "1" },
    paths: {
      "/thing": {
        get: {
          operationId: "getThing",
          responses: { "200": { description: "ok", content: { "application/json": { schema } } } },
        },
      },
    },
    components: { schemas: components },
  };
}

/** Generates the validators of `spec` into a temp folder; returns the module's code and exports. */
interface Generated {
  code: string;
  m: Record<string, Check>;
  warnings: string[];
}

const VALIDATORS_ONLY = { emit: ["validators" as const] };

async function generated(spec: unknown, dir: string, config: Partial<ProjectConfig> = {}): Promise<Generated> {
  mkdirSync(join(dir, "specs"), { recursive: true });
  writeFileSync(join(dir, "specs/safety.json"), JSON.stringify(spec));
  const result = await generate({
    cwd: dir,
    paths: ["specs"],
    out: "out",
    force: true,
    config: { ...VALIDATORS_ONLY, ...config },
  });
  assert.deepEqual(
    result.problems.filter((p) => p.severity === "error"),
    [],
  );
  const file = join(dir, "out/validators/safety.js");
  const m = (await import(pathToFileURL(file).href)) as Record<string, Check>;
  return { code: readFileSync(file, "utf8"), m, warnings: result.warnings };
}

const both = (m: Record<string, Check>) =>
  ["validateGetThingResponse", "isGetThingResponse"].map((n) => [n, m[n]!] as const);

/** Runs the built CLI in `cwd`, killed after a minute (the hang tests' bound). */
function bounded(args: string[], cwd: string) {
  const cli = join(ROOT, "dist/generator/cli.js");
  return spawnSync(process.execPath, [cli, ...args], { cwd, encoding: "utf8", timeout: 60_000 });
}

test("annotations (x-*, prose, examples, default, readOnly) never reach the validators; names do", async () => {
  const dir = tempDir();
  try {
    const schema = {
      type: "object",
      "x-secret": "NPM_TOKEN=npm_leak1",
      "x-go": { type: "NPM_TOKEN=npm_leak2" },
      description: "NPM_TOKEN=npm_leak3",
      deprecated: true,
      readOnly: true,
      examples: [{ token: "NPM_TOKEN=npm_leak4" }],
      required: ["description", "x-foo"],
      properties: {
        // Properties named like annotations are names: kept, required, typed.
        description: {
          type: "string",
          writeOnly: true,
          default: "NPM_TOKEN=npm_leak5",
          $comment: "NPM_TOKEN=npm_leak6",
        },
        "x-foo": { type: "integer", title: "NPM_TOKEN=npm_leak7" },
        // Data under enum stays data, `x-` keys and all.
        kind: { enum: [{ "x-kind": "a" }] },
      },
    };
    const { code, m } = await generated(specWith(schema), dir);
    assert.doesNotMatch(code, /NPM_TOKEN|npm_leak/);
    assert.doesNotMatch(code, /"deprecated"|"readOnly"|"writeOnly"/);
    for (const [name, check] of both(m)) {
      assert.equal(check({ description: "d", "x-foo": 1 }), true, name);
      assert.equal(check({ description: "d" }), false, name);
      assert.equal(check({ description: 1, "x-foo": 1 }), false, name);
      assert.equal(check({ description: "d", "x-foo": "1" }), false, name);
      assert.equal(check({ description: "d", "x-foo": 1, kind: { "x-kind": "a" } }), true, name);
      assert.equal(check({ description: "d", "x-foo": 1, kind: { "x-kind": "b" } }), false, name);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("an x-* key not an Ajv keyword name (x-go.type) generates; an unknown OpenAPI keyword is ignored", async () => {
  const dir = tempDir();
  try {
    const { m } = await generated(specWith({ type: "string", "x-go.type": "uuid.UUID" }), dir);
    assert.equal(m.isGetThingResponse!("x"), true);
    assert.equal(m.isGetThingResponse!(1), false);

    const unknown = specWith({ type: "string", summary: "not a keyword" });
    writeFileSync(join(dir, "specs/safety.json"), JSON.stringify(unknown, null, 2));
    // The struct gate judged it (one warning); Ajv reads it as an annotation. A bare JSON
    // Schema's unknown keyword stays an error (validators.test.ts, bare-schema.test.ts).
    const r = specgen(["generate", "specs", "-o", "out2", "--force"], { cwd: dir });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /safety\.json: keyword "summary" is no JSON Schema 2020-12 keyword; the validators ignore/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("spec data that reads `require (…)` is data: generate compiles it and the validator accepts it", async () => {
  const dir = tempDir();
  try {
    const { m } = await generated(specWith({ type: "string", enum: ['require ("approval")', "require(`x`)"] }), dir);
    for (const [name, check] of both(m)) {
      assert.equal(check('require ("approval")'), true, name);
      assert.equal(check("approval"), false, name);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("enum and const objects keep __proto__ and constructor own; hostile answers neither pass nor throw", async () => {
  const dir = tempDir();
  try {
    const properties = {
      role: { $ref: "#/components/schemas/Role" },
      owner: { const: { constructor: { name: "x" } } },
      tag: { enum: [{ a: 1 }] },
    };
    const role = { enum: [JSON.parse('{"__proto__": {"admin": true}}')] };
    const spec = specWith({ type: "object", properties }, { Role: role });
    const { code, m } = await generated(spec, dir);
    assert.match(code, /\["__proto__"\]:\{"admin":true\}/);
    for (const [name, check] of both(m)) {
      assert.equal(check({ role: {} }), false, name);
      assert.equal(check({ role: JSON.parse('{"__proto__":{"admin":true}}') }), true, name);
      assert.equal(check({ role: JSON.parse('{"__proto__":{"admin":false}}') }), false, name);
      assert.equal(check({ owner: JSON.parse('{"constructor":{"name":"x"}}') }), true, name);
      assert.equal(check({ owner: {} }), false, name);
      // fast-deep-equal called `valueOf` of the answer's object: a TypeError, not a verdict.
      assert.equal(check({ tag: JSON.parse('{"valueOf": 1}') }), false, name);
      assert.equal(check({ tag: { a: 1 } }), true, name);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("multipleOf 0.01 accepts prices (0.07, 0.29, 19.99) in the validators and in lint's example check", async () => {
  const dir = tempDir();
  try {
    const price = { type: "number", multipleOf: 0.01 };
    const { m } = await generated(specWith(price), dir);
    for (const [name, check] of both(m)) {
      for (const ok of [0.07, 0.29, 19.99, 1234567.89, 0, 5]) assert.equal(check(ok), true, `${name} ${ok}`);
      for (const bad of [0.001, 19.999, 0.075, 0.07001]) assert.equal(check(bad), false, `${name} ${bad}`);
    }
    const withExamples = specWith({ ...price, examples: [0.07, 0.29, 19.99] });
    writeFileSync(join(dir, "specs/safety.json"), JSON.stringify(withExamples));
    const { problems } = await lint([join(dir, "specs/safety.json")]);
    assert.deepEqual(
      problems.filter((p) => p.ruleId === "specgen/example-valid").map((p) => p.message),
      [],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a backtracking pattern: lint never runs it on the example (reports it unchecked); generate refuses it unless allowed", async () => {
  const dir = tempDir();
  try {
    const evil = `${"a".repeat(40)}!`;
    const spec = specWith({
      type: "object",
      properties: { code: { type: "string", pattern: "^(a|a)+$" } },
      patternProperties: { "^(b|b)+$": { type: "integer" } },
      example: { code: evil, [`${"b".repeat(40)}!`]: 1 },
    });
    mkdirSync(join(dir, "specs"));
    writeFileSync(join(dir, "specs/safety.json"), JSON.stringify(spec));
    const started = Date.now();
    const r = bounded(["lint", "specs/safety.json", "-f", "json"], dir);
    assert.equal(r.signal, null, `lint was killed after ${Date.now() - started} ms`);
    const problems = (JSON.parse(r.stdout) as { problems: Array<{ ruleId: string; message: string }> }).problems;
    const unchecked = problems.filter((p) => p.ruleId === "specgen/example-valid");
    assert.equal(unchecked.length, 1, JSON.stringify(problems));
    assert.ok(unchecked[0]!.message.includes('not checked against the regular expression(s) "^(a|a)+$", "^(b|b)+$"'));

    // Refused by default, at the first unsafe regex's file, line and pointer, nothing written.
    await assert.rejects(generated(spec, dir), (err: unknown) => {
      const e = err as SpecError;
      return (
        e instanceof SpecError &&
        /may backtrack catastrophically .*\(and 1 more\).*allowUnsafePatterns/.test(e.message) &&
        e.file.endsWith("safety.json") &&
        e.line !== undefined &&
        /\/(properties\/code\/pattern|patternProperties\/\^\(b\|b\)\+\$)$/.test(e.pointer ?? "")
      );
    });
    assert.equal(existsSync(join(dir, "out")), false);
    const { warnings } = await generated(spec, dir, { allowUnsafePatterns: true });
    const pointer = "/paths/~1thing/get/responses/200/content/application~1json/schema";
    const warned = (at: string) =>
      warnings.some((w) => w.includes(`safety.json#${pointer}${at}: `) && w.includes("catastrophically"));
    assert.ok(warned("/properties/code/pattern"), warnings.join("\n"));
    assert.ok(warned("/patternProperties/^(b|b)+$"), warnings.join("\n"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

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
    const clean = await compileValidatorModule(specModel, validatorTargets(specModel), shared);
    // (`$data` is left out: Ajv's own keyword definitions read it too, so it breaks Ajv itself.)
    const polluted = ["coerceTypes", "useDefaults", "removeAdditional", "verbose", "allowUnionTypes"];
    for (const key of polluted) {
      const value = key === "removeAdditional" ? "all" : true;
      Object.defineProperty(Object.prototype, key, { value, configurable: true, writable: true });
    }
    let dirty: string;
    try {
      dirty = await compileValidatorModule(specModel, validatorTargets(specModel), shared);
    } finally {
      for (const key of polluted) delete (Object.prototype as Record<string, unknown>)[key];
    }
    assert.equal(dirty, clean);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("uniqueItems over objects is linear: 100,000 objects are checked in bounded time, with JSON equality on own members", async () => {
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
