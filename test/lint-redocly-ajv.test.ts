// Redocly's example rules compile with an Ajv that skips the code optimisation pass
// (generator/lint/redocly-ajv.ts): the instance they create is made so, and what they report
// stays what an optimised Ajv reports.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "./helpers.js";
import { lint } from "../generator/lint/index.js";
import { unoptimisedRedoclyAjv } from "../generator/lint/redocly-ajv.js";

type AjvClass = new (o?: object) => { opts: { code: { optimize?: number | boolean } } };

/** The `default` class of the Ajv module that Redocly's rules load (the one they instantiate). */
function redoclyAjvClass(): AjvClass {
  const fromCore = createRequire(createRequire(import.meta.url).resolve("@redocly/openapi-core"));
  return (fromCore("@redocly/ajv/dist/2020") as { default: AjvClass }).default;
}

test("the Ajv that Redocly's example rules create compiles without the optimisation pass", async () => {
  // Loading lint's Redocly side (files.ts) makes the change; calling it again wraps nothing twice.
  await import("../generator/lint/files.js");
  unoptimisedRedoclyAjv();
  const Ajv = redoclyAjvClass();
  assert.equal(new Ajv({ allErrors: true }).opts.code.optimize, 0);
  assert.equal(new Ajv({ code: { optimize: 2, lines: true } }).opts.code.optimize, 0);
  assert.equal(Object.getPrototypeOf(Object.getPrototypeOf(Ajv)).name, "Ajv");
});

test("Redocly's no-invalid-media-type-examples still reports a wrong example, word for word", async () => {
  const dir = tempDir();
  try {
    const schema = { type: "object", required: ["id"], properties: { id: { type: "string" }, n: { enum: [1, 2] } } };
    const media = { schema, example: { n: 3 } };
    const doc = {
      openapi: "3.1.0",
      info: { title: "t", version: "1" },
      paths: { "/x": { get: { responses: { "200": { description: "ok", content: { "application/json": media } } } } } },
    };
    writeFileSync(join(dir, "api.json"), JSON.stringify(doc, null, 2));
    writeFileSync(join(dir, "redocly.yaml"), "rules:\n  no-invalid-media-type-examples: error\n");
    const result = await lint([join(dir, "api.json")], { cwd: dir });
    const got = result.problems.filter((p) => p.ruleId === "no-invalid-media-type-examples").map((p) => p.message);
    assert.deepEqual(got, [
      "Example value must conform to the schema: must have required property 'id'.",
      'Example value must conform to the schema: `n` property must be equal to one of the allowed values "1", "2".',
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
