// `generate` no longer waits for recheck's last verdicts before its emitters: the validators
// compile meanwhile and wait only before their warnings about unsafe regexes (compile.ts,
// held-warnings.ts), and the gate's refusal stays the run's error (pattern-gate.ts, patternsJudged).
import assert from "node:assert/strict";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, test } from "node:test";
import { compileValidators } from "../generator/emit/validators/compile.js";
import { judgeAll } from "../generator/pattern-gate.js";
import { loadSpec } from "../generator/validate/index.js";
import { specgen, tempDir } from "./helpers.js";

const SHARED = { runtime: "./runtime.js", formats: "./formats.js", helpers: "./helpers.js" };
const POLYNOMIAL = "^a*a*$";

const dir = tempDir();
after(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A spec whose compile warns of all three kinds, in this order: a pattern read in its Unicode
 * form, an unsafe (polynomial) regex, then Ajv's own (an unknown format, an `if` without `then`).
 */
async function warningSpec() {
  const props = {
    code: { type: "string", pattern: "^[a-z\\:]+$" },
    slow: { type: "string", pattern: POLYNOMIAL },
    when: { type: "string", format: "not-a-format" },
    odd: { if: { type: "string" } },
  };
  const schema = { type: "object", properties: props };
  const responses = { "200": { description: "ok", content: { "application/json": { schema } } } };
  const doc = {
    openapi: "3.1.0",
    info: { title: "Warns", version: "1" },
    paths: { "/w": { get: { operationId: "getW", responses } } },
  };
  const file = join(dir, "warns.json");
  writeFileSync(file, JSON.stringify(doc));
  return loadSpec(file, { cwd: dir });
}

test("compileValidators, the verdicts still coming: Ajv compiles at once, the warnings keep their order", async () => {
  const { spec, targets } = await warningSpec();
  await judgeAll([POLYNOMIAL]);
  const direct: string[] = [];
  const expected = await compileValidators(spec, targets, SHARED, (m) => direct.push(m));
  assert.equal(direct.length, 4, direct.join("\n"));
  assert.match(direct[0]!, /not valid Unicode regular expressions/);
  assert.match(direct[1]!, /may backtrack catastrophically/);

  const later: string[] = [];
  let release = (): void => undefined;
  const judged = new Promise<void>((resolve) => {
    release = resolve;
  });
  const compiling = compileValidators(spec, targets, SHARED, (m) => later.push(m), judged);
  // Ajv's compile ran before the first await; its warnings wait behind the unsafe-regex ones.
  assert.deepEqual(later, direct.slice(0, 1));
  let settled = false;
  void compiling.then(() => {
    settled = true;
  });
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(settled, false);
  release();
  const got = await compiling;
  assert.deepEqual(later, direct);
  assert.equal(got.ajv, expected.ajv);
});

test("compileValidators: a compile error comes without the verdicts; their rejection is its error", async () => {
  const file = join(dir, "typo.schema.json");
  const schema = { $schema: "https://json-schema.org/draft/2020-12/schema", type: "string", minLenght: 1 };
  writeFileSync(file, JSON.stringify(schema));
  const typo = await loadSpec(file, { cwd: dir });
  const never = new Promise<void>(() => undefined);
  // A bare schema's unknown keyword is an error (strict.ts), found while Ajv compiles.
  await assert.rejects(
    compileValidators(typo.spec, typo.targets, SHARED, () => {}, never),
    /unknown keyword/,
  );
  const { spec, targets } = await warningSpec();
  const refused = Promise.reject(new Error("refused by the gate"));
  await assert.rejects(
    compileValidators(spec, targets, SHARED, () => {}, refused),
    /refused by the gate/,
  );
});

test("generate: a regex the gate refuses is the error, even when Ajv's compile fails meanwhile", () => {
  const run = tempDir();
  try {
    const schema = { $schema: "https://json-schema.org/draft/2020-12/schema", type: "string" };
    writeFileSync(join(run, "tag.schema.json"), JSON.stringify({ ...schema, pattern: "^(a+)+$", minLenght: 3 }));
    const r = specgen(["generate", "tag.schema.json", "-o", "out"], { cwd: run });
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /tag\.schema\.json:1:1: the regular expression "\^\(a\+\)\+\$" may backtrack/);
    assert.doesNotMatch(r.stderr, /minLenght/);
  } finally {
    rmSync(run, { recursive: true, force: true });
  }
});
