import { test } from "node:test";
import assert from "node:assert/strict";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ExampleChecker } from "../generator/lint/example-checker.js";
import { DocumentStore } from "../generator/load/refs.js";
import { lint } from "../generator/lint/index.js";
import { tempDir } from "./helpers.js";

/** A store that counts the walks over a file's `$ref`s (the work that grew with the document). */
class CountingStore extends DocumentStore {
  walks = 0;
  override closure(path: string, errors?: Parameters<DocumentStore["closure"]>[1]): Map<string, unknown> {
    this.walks++;
    return super.closure(path, errors);
  }
}

/** A 3.1 document with `n` components, each with an example, the last one wrong. */
function manyExamples(n: number): Record<string, unknown> {
  const schemas: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) {
    const example = { id: i === n - 1 ? "x" : i };
    schemas[`S${i}`] = { type: "object", properties: { id: { type: "integer" } }, example };
  }
  return { openapi: "3.1.0", info: { title: "T", version: "1" }, paths: {}, components: { schemas } };
}

test("the example check walks each file once, whatever the number of examples", () => {
  const dir = tempDir();
  try {
    const file = join(dir, "api.json");
    writeFileSync(file, JSON.stringify(manyExamples(200)));
    const store = new CountingStore();
    const checker = new ExampleChecker(store);
    for (let i = 0; i < 200; i++) {
      const { problems } = checker.check(file, `/components/schemas/S${i}`, { id: i === 199 ? "x" : i });
      assert.equal(problems.length, i === 199 ? 1 : 0, `S${i}`);
    }
    assert.equal(store.walks, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("lint still finds the one wrong example among many", async () => {
  const dir = tempDir();
  try {
    writeFileSync(join(dir, "api.json"), JSON.stringify(manyExamples(300)));
    const { problems } = await lint([join(dir, "api.json")], { cwd: dir });
    const wrong = problems.filter((p) => p.ruleId === "specgen/example-valid");
    assert.equal(wrong.length, 1, JSON.stringify(wrong.map((p) => p.message)));
    assert.match(wrong[0]!.location[0]!.pointer!, /S299\/example$/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
