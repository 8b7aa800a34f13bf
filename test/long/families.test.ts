// The four Matrix API families besides client-server: each lints clean and generates, and what
// it generates compiles. Server-server keeps example events as JSON files next to its specs
// (a list at the top level; events whose `type` member makes them look like schemas).
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { generate } from "../../generator/generate.js";
import { lint } from "../../generator/lint/index.js";
import { ROOT, SHARED, tempDir } from "../helpers.js";
import { typecheck } from "../typecheck.js";

const API = join(SHARED, "corpus/matrix-spec/data/api");
const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );

const FAMILIES = [
  // family, OpenAPI documents, operations, JSON Schemas taken as input
  ["application-service", 5, 9, 9],
  ["identity", 11, 23, 3],
  ["push-gateway", 1, 1, 0],
  ["server-server", 24, 36, 26],
] as const;

for (const [family, documents, operations, schemas] of FAMILIES) {
  test(`the Matrix ${family} API lints clean, generates, and its output compiles`, {
    skip: !existsSync(join(API, family)) && "corpus not present",
  }, async () => {
    const dir = join(API, family);
    const linted = await lint([dir]);
    assert.deepEqual(
      linted.problems.map((p) => `${relative(dir, p.location[0]!.source.absoluteRef)} ${p.message}`),
      [],
    );
    const out = tempDir();
    const result = await generate({ paths: [dir], out, cwd: ROOT });
    assert.deepEqual(
      result.problems.map((p) => p.message),
      [],
    );
    const specs = result.model.specs;
    assert.deepEqual(
      [
        specs.filter((s) => s.kind === "openapi").length,
        specs.reduce((n, s) => n + s.operations.length, 0),
        specs.filter((s) => s.kind === "json-schema").length,
      ],
      [documents, operations, schemas],
    );
    // Example data is read through the documents that reference it, never as a spec of its own.
    assert.deepEqual(
      specs.filter((s) => s.source.startsWith("examples/")).map((s) => s.source),
      [],
    );
    const declarations = walk(out).filter((f) => f.endsWith(".d.ts"));
    assert.deepEqual(typecheck(declarations), []);
  });
}
