// Ajv's compile hands each function's code to the Function constructor; the validators emitter
// only prints that code, so what Ajv evaluates is a stand-in (options.ts, notEvaluated), and the
// printed code is what it was (the snapshots hold it).
import assert from "node:assert/strict";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import standaloneCode from "ajv/dist/standalone/index.js";
import { createAjv } from "../generator/emit/validators/ajv.js";
import { loadSpec } from "../generator/validate/index.js";
import { tempDir } from "./helpers.js";
import { runtimeAjv } from "../bench/runtime-ajv.js";

test("Ajv evaluates a stand-in for each compiled function; the standalone code still validates", async () => {
  const dir = tempDir();
  try {
    const schema = { type: "object", required: ["id"], properties: { id: { type: "integer" } } };
    const responses = { "200": { description: "ok", content: { "application/json": { schema } } } };
    const doc = { openapi: "3.1.0", info: { title: "T", version: "1" }, paths: { "/t": { get: { responses } } } };
    writeFileSync(join(dir, "t.json"), JSON.stringify(doc));
    const { spec, targets } = await loadSpec(join(dir, "t.json"), { cwd: dir });
    const compiled = createAjv(spec, targets, undefined, "first");
    const [name, key] = Object.entries(compiled.keys)[0]!;
    const inMemory = compiled.ajv.getSchema(key)!;
    assert.throws(() => inMemory({ id: 1 }), /never runs it/);
    // The code Ajv prints is the compiled validator itself: run as a module of its own, it checks.
    const code = standaloneCode.default(compiled.ajv, compiled.keys).replace(/^export const /gm, "exports.");
    const exports: Record<string, (v: unknown) => boolean> = {};
    new Function("exports", "require", code)(exports, () => ({}));
    assert.equal(exports[name]!({ id: 1 }), true);
    assert.equal(exports[name]!({ id: "1" }), false);
    // The bench's anchor compiles with the same set-up and runs what Ajv compiles.
    const runtime = runtimeAjv(spec, targets, undefined, "first");
    const guard = runtime.ajv.getSchema(runtime.keys[name]!)!;
    assert.equal(guard({ id: 1 }), true);
    assert.equal(guard({ id: "1" }), false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
