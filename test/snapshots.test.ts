import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { generate } from "../generator/generate.js";
import { FIXTURES, ROOT, tempDir } from "./helpers.js";
import { typecheck } from "./typecheck.js";

/**
 * One tiny spec per feature (test/fixtures/snapshots/<scenario>/), its generated output kept
 * as real files in test/snapshots/<scenario>/. Only `npm run test:update` rewrites them.
 * Files that are the same for every scenario (copied runtimes, package manifest, README,
 * licence, stamp) are left out, so a snapshot shows what the scenario is about; so is Ajv's
 * machine-written code (`validators/*.ajv.js`): a snapshot holds what people review, the
 * validator fronts, and the tests that run the validators check what Ajv wrote.
 */
const SCENARIOS = join(FIXTURES, "snapshots");
const SNAPSHOTS = join(ROOT, "test/snapshots");
const UPDATE = process.env.SPECGEN_UPDATE_SNAPSHOTS === "1";
const SHARED = new RegExp(
  String.raw`^(client/runtime(-media)?[./]|validators/runtime\.|validators/pointer\.|validators/formats\.|` +
    String.raw`validators/helpers\.|package\.json|README\.md|LICENSE|\.specgen-stamp\.json|index\.|types/index\.js)`,
);

const AJV_CODE = /^validators\/.*\.ajv\.js$/;

const walk = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
      )
    : [];

const scenarios = readdirSync(SCENARIOS).sort();

for (const name of scenarios) {
  test(`snapshot: ${name}`, async () => {
    const result = await generate({ cwd: join(SCENARIOS, name), dryRun: true });
    assert.deepEqual(
      result.problems.map((p) => p.message),
      [],
    );
    const files = result.files.filter((f) => !SHARED.test(f.path) && !AJV_CODE.test(f.path));
    const dir = join(SNAPSHOTS, name);
    if (UPDATE) {
      rmSync(dir, { recursive: true, force: true });
      for (const f of files) {
        mkdirSync(dirname(join(dir, f.path)), { recursive: true });
        writeFileSync(join(dir, f.path), f.contents);
      }
      return;
    }
    const kept = walk(dir)
      .map((p) => p.slice(dir.length + 1))
      .sort();
    assert.deepEqual(
      kept,
      files.map((f) => f.path).sort(),
      `${name}: the set of files changed; review and run npm run test:update`,
    );
    for (const f of files)
      assert.equal(
        readFileSync(join(dir, f.path), "utf8"),
        f.contents,
        `${name}/${f.path} changed; review and run npm run test:update`,
      );
  });
}

test("every scenario's output type-checks in one strict program", { skip: UPDATE }, async () => {
  // The snapshots leave the shared runtimes out, so each scenario is generated whole into a
  // temporary folder and all of them are checked together.
  const out = tempDir();
  for (const name of scenarios) {
    const result = await generate({ cwd: join(SCENARIOS, name), out: join(out, name), force: true });
    assert.ok(result.written, name);
  }
  const files = walk(out).filter((f) => f.endsWith(".d.ts"));
  assert.ok(files.length >= scenarios.length * 4);
  assert.deepEqual(typecheck(files), []);
});
