import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generate } from "../generator/generate.js";
import { at, tempDir } from "./helpers.js";

/**
 * An Example object's `externalValue` (generator/load/external-values.ts): Redocly's bundler
 * reads it like a `$ref`; one it cannot read must not stop `generate`, whose output never reads
 * examples, while a broken `$ref` at the same place still does. (APIs.guru's PeerTube spec has
 * 30 such examples, each a URL.)
 */

function spec(example: Record<string, unknown>): Record<string, unknown> {
  const media = { schema: { type: "object", properties: { name: { type: "string" } } }, examples: { one: example } };
  return {
    openapi: "3.1.0",
    info: { title: "examples", version: "1" },
    paths: {
      "/config": {
        get: {
          operationId: "getConfig",
          responses: { "200": { description: "ok", content: { "application/json": media } } },
        },
      },
    },
  };
}

const SECRET = "outside-the-root-secret";

async function run(example: Record<string, unknown>) {
  const dir = tempDir();
  const root = join(dir, "root");
  mkdirSync(root);
  writeFileSync(join(dir, "secret.json"), JSON.stringify({ name: SECRET }));
  writeFileSync(join(root, "present.json"), JSON.stringify({ name: "present" }));
  const file = join(root, "api.json");
  writeFileSync(file, JSON.stringify(spec(example), null, 1));
  const out = join(dir, "out");
  const result = await generate({ cwd: root, paths: [file], out, refRoot: root });
  return { dir, out, result };
}

const cases: Array<{ name: string; example: Record<string, unknown>; stops: boolean }> = [
  { name: "a URL, remote refs off", example: { externalValue: "https://example.com/config.json" }, stops: false },
  { name: "a missing file", example: { externalValue: "./missing.json" }, stops: false },
  { name: "a file outside the root", example: { externalValue: "../secret.json" }, stops: false },
  { name: "a file that is there", example: { externalValue: "./present.json" }, stops: false },
  { name: "a broken $ref at the same place", example: { $ref: "./missing.json" }, stops: true },
];

for (const c of cases) {
  test(`an example's externalValue: ${c.name} ${c.stops ? "stops" : "does not stop"} generate`, async () => {
    const { dir, out, result } = await run(c.example);
    try {
      const errors = result.problems.filter((p) => p.severity === "error");
      if (c.stops) {
        assert.equal(errors.length, 1, JSON.stringify(result.problems.map((p) => p.message)));
        assert.match(errors[0]!.message, /Can't resolve \$ref/);
        return;
      }
      assert.deepEqual(
        errors.map((p) => p.message),
        [],
      );
      const types = readFileSync(join(out, "types/api.d.ts"), "utf8");
      assert.match(types, /name\?: string/);
      // Nothing outside the root was read: not in the output, not among the stamp's inputs.
      const stamp = readFileSync(join(out, ".specgen-stamp.json"), "utf8");
      assert.doesNotMatch(stamp, /secret\.json/);
      for (const f of ["types/api.d.ts", "validators/api.js", "client/api.js"]) {
        assert.doesNotMatch(readFileSync(join(out, f), "utf8"), new RegExp(SECRET));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test("Example-shaped data (a schema's example, a default) never makes generate read outside the root", async () => {
  const dir = tempDir();
  try {
    const root = join(dir, "root");
    mkdirSync(root);
    writeFileSync(join(dir, "secret.json"), JSON.stringify({ name: SECRET }));
    // Redocly's resolver follows any object with a string `externalValue`, data included; the
    // stamp used to hash what it listed, here a file outside the root.
    const schema = {
      type: "object",
      example: { externalValue: "../secret.json" },
      properties: { a: { type: "string", default: { externalValue: "./missing.json" } } },
    };
    const doc = spec({ value: { name: "x" } });
    const media = at(doc, "paths", "/config", "get", "responses", "200", "content", "application/json");
    (media as Record<string, unknown>).schema = schema;
    const file = join(root, "api.json");
    writeFileSync(file, JSON.stringify(doc));
    const out = join(dir, "out");
    const result = await generate({ cwd: root, paths: [file], out, refRoot: root });
    assert.deepEqual(
      result.problems.filter((p) => p.severity === "error"),
      [],
    );
    const stamp = JSON.parse(readFileSync(join(out, ".specgen-stamp.json"), "utf8")) as { inputs: object };
    assert.deepEqual(Object.keys(stamp.inputs), ["api.json"]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
