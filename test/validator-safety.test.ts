/**
 * What a spec puts in the generated validators, lint's example check and `specgen validate`:
 * no project secrets in the published code, spec data never read as code, own keys kept own,
 * decimal `multipleOf`, no backtracking regex run by lint (bounded work: validator-limits.test.ts).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SpecError } from "../generator/errors.js";
import { lint } from "../generator/index.js";
import { specgen, tempDir } from "./helpers.js";
import { both, bounded, generated, specWith } from "./validator-specs.js";

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

test("a backtracking pattern: lint never runs it (reports it unchecked); generate refuses unless allowed", async () => {
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
