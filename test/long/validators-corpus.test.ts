/**
 * The validators of the whole Matrix client-server corpus: every module bundles without
 * `require`, imports, runs and type-checks. A minute of CPU, so in `npm run test:long` (CI runs
 * it); `npm test` generates the same corpus once, in types.test.ts.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { generate } from "../../generator/generate.js";
import { CORPUS_CS, ROOT, tempDir } from "../helpers.js";
import { typecheck } from "../typecheck.js";
import { type Guard, walk, load } from "../generated-validators.js";

test("the Matrix client-server corpus: every module bundles without require, imports, runs and type-checks", {
  timeout: 240_000,
}, async () => {
  const out = tempDir();
  const result = await generate({ paths: [CORPUS_CS], out, cwd: ROOT });
  assert.deepEqual(
    result.problems.map((p) => p.message),
    [],
  );
  const files = walk(join(out, "validators"));
  const modules = files.filter((f) => f.endsWith(".js") && !/validators\/(index|runtime|formats)\.js$/.test(f));
  assert.ok(modules.length > 100, `${modules.length} modules`);
  for (const file of modules) {
    assert.ok(!/\brequire\s*\(/.test(readFileSync(file, "utf8")), file);
    const module = await load(file);
    for (const [key, value] of Object.entries(module))
      if (key.startsWith("is")) assert.equal(typeof (value as Guard)({}), "boolean", `${file} ${key}`);
  }
  assert.deepEqual(typecheck([join(out, "validators/index.d.ts")]), []);
});
