import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { generate } from "../generator/generate.js";
import { lint } from "../generator/lint/index.js";
import { spec30, withFiles } from "./real-world-helpers.js";

/** Vendor extensions as real specs write them (see load/tolerance.ts). */

test("an x- extension Redocly types, shaped another tool's way (ReadMe's x-code-samples): generate warns", async () => {
  const samples = spec30("                type: string").replace(
    "      summary: A thing.\n",
    "      summary: A thing.\n      x-code-samples:\n        - { name: curl, language: shell, code: curl x }\n",
  );
  await withFiles({ "api.yaml": samples }, async (dir) => {
    const result = await generate({ cwd: dir, paths: ["api.yaml"], dryRun: true });
    assert.deepEqual(result.problems, []);
    assert.ok(
      result.warnings.some((w) => /^api\.yaml: \d+ place\(s\) have an `x-` extension shaped unlike/.test(w)),
      result.warnings.join("\n"),
    );
    const linted = await lint([join(dir, "api.yaml")], { cwd: dir });
    assert.ok(linted.problems.some((p) => p.ruleId === "struct" && /`name` is not expected/.test(p.message)));
  });
});
