import { test } from "node:test";
import assert from "node:assert/strict";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generate } from "../generator/generate.js";
import { summarizeWarnings } from "../generator/warnings.js";
import { specgen, tempDir } from "./helpers.js";

/** A 3.1 spec with `n` operations whose operationIds are no free identifiers (`op-0`, …). */
function dashedIds(n: number): string {
  const paths: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) {
    const content = { "application/json": { schema: { type: "string" } } };
    paths[`/t${i}`] = { get: { operationId: `op-${i}`, responses: { "200": { description: "ok", content } } } };
  }
  return JSON.stringify({ openapi: "3.1.0", info: { title: "T", version: "1" }, paths });
}

test("summarizeWarnings: a kind with many lines is one line with the count and the first three", () => {
  const many = ["a: op 1", "a: op 2", "a: op 3", "a: op 4"];
  const kinds = new Map(many.map((w) => [w, "operation-renamed"]));
  const lines = summarizeWarnings(["plain", ...many, "last"], kinds);
  assert.deepEqual(lines, [
    "plain",
    "4 operationIds that are no free identifier, so renamed, e.g. a: op 1; a: op 2; a: op 3; … (--verbose lists all)",
    "last",
  ]);
  assert.deepEqual(summarizeWarnings(many.slice(0, 3), kinds), many.slice(0, 3), "three are printed in full");
  assert.deepEqual(summarizeWarnings(many, kinds, true), many, "verbose lists all");
});

test("generate prints one line for 50 renamed operations, --verbose all 50; the API keeps them, kinded", async () => {
  const dir = tempDir();
  try {
    writeFileSync(join(dir, "api.json"), dashedIds(50));
    const quiet = specgen(["generate", "api.json", "-o", "out", "--emit", "types"], { cwd: dir });
    assert.equal(quiet.status, 0, quiet.stderr);
    const lines = quiet.stderr.split("\n").filter((l) => l.startsWith("warning:"));
    assert.equal(lines.length, 1, quiet.stderr);
    const summary = /^warning: 50 operationIds that are no free identifier, so renamed, e\.g\. api\.json: .*"op-0"/u;
    assert.match(lines[0]!, summary);
    assert.match(lines[0]!, /--verbose lists all\)$/);
    const loud = specgen(["generate", "api.json", "-o", "out", "--emit", "types", "--force", "--verbose"], {
      cwd: dir,
    });
    assert.equal(loud.stderr.split("\n").filter((l) => l.startsWith("warning:")).length, 50, loud.stderr);
    const result = await generate({ cwd: dir, paths: ["api.json"], dryRun: true, config: { emit: ["types"] } });
    assert.equal(result.warnings.length, 50);
    assert.ok(result.warnings.every((w) => result.model.warningKinds?.get(w) === "operation-renamed"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("an operationId that differs from its function only in the first letter's case is not reported", async () => {
  const dir = tempDir();
  try {
    const content = { "application/json": { schema: { type: "string" } } };
    const op = (operationId: string) => ({
      get: { operationId, responses: { "200": { description: "ok", content } } },
    });
    const paths = { "/a": op("GetAmlCheck"), "/b": op("get-pets"), "/c": op("delete") };
    writeFileSync(
      join(dir, "api.json"),
      JSON.stringify({ openapi: "3.1.0", info: { title: "T", version: "1" }, paths }),
    );
    const result = await generate({ cwd: dir, paths: ["api.json"], dryRun: true, config: { emit: ["types"] } });
    const renamed = result.warnings.filter((w) => result.model.warningKinds?.get(w) === "operation-renamed");
    assert.equal(renamed.length, 2, renamed.join("\n"));
    assert.ok(!renamed.some((w) => w.includes('"GetAmlCheck"')), "GetAmlCheck → getAmlCheck is the naming rule");
    assert.ok(renamed.some((w) => w.includes('"get-pets"') && w.includes("getPets")));
    assert.ok(renamed.some((w) => w.includes('"delete"') && w.includes("delete_")));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
