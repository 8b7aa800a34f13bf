import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "../helpers.js";
import { checkAliasExpansion } from "../../generator/load/read.js";
import { backtrackingHazard, patternError } from "../../generator/lint/patterns.js";
import { SpecError } from "../../generator/errors.js";
import { STAMP_FILE } from "../../generator/stamp.js";
import { api, cli, LINT_CONFIG, WRITTEN_BY_SPECGEN } from "./input-helpers.js";

/**
 * Untrusted specs (issue 7), pathological but legal input: it completes or fails with a message,
 * never a stack overflow; and the checks behind that (alias expansion, regex hazards).
 */

describe("pathological but legal input", { concurrency: 3 }, () => {
  test("circular $refs across files generate recursive types", async () => {
    const dir = tempDir("specgen-hostile-");
    mkdirSync(join(dir, "specs/defs"), { recursive: true });
    writeFileSync(join(dir, "specs/api.yaml"), api("$ref: ./defs/node.yaml"));
    writeFileSync(
      join(dir, "specs/defs/node.yaml"),
      "type: object\nproperties:\n  name: {type: string}\n" +
        "  children:\n    type: array\n    items:\n      $ref: ./edge.yaml\n",
    );
    writeFileSync(join(dir, "specs/defs/edge.yaml"), "type: object\nproperties:\n  to:\n    $ref: ./node.yaml\n");
    const lint = await cli(["lint", "-c", LINT_CONFIG, "specs"], dir);
    assert.equal(lint.status, 0, lint.out);
    const gen = await cli(["generate", "specs/api.yaml", "-o", "out"], dir);
    assert.equal(gen.status, 0, gen.out);
    const types = readFileSync(join(dir, "out/types/api.d.ts"), "utf8");
    assert.match(types, /children\?: components\["schemas"\]\["edge"\]\[\]/);
    assert.match(types, /to\?: components\["schemas"\]\["node"\]/);
  });

  test("a 500-level nested schema: lint completes, generate says how deep it can go", async () => {
    const dir = tempDir("specgen-hostile-");
    mkdirSync(join(dir, "specs"));
    const deep = `${'{"type":"object","properties":{"n":'.repeat(500)}{"type":"string"}${"}}".repeat(500)}`;
    writeFileSync(
      join(dir, "specs/api.json"),
      JSON.stringify(
        JSON.parse(
          `{"openapi":"3.1.0","info":{"title":"t","version":"1"},"paths":{},"components":{"schemas":{"Deep":${deep}}}}`,
        ),
      ),
    );
    const lint = await cli(["lint", "-c", LINT_CONFIG, "specs"], dir);
    assert.equal(lint.status, 0, lint.out);
    mkdirSync(join(dir, "out"));
    writeFileSync(join(dir, "out/MARKER"), "x");
    writeFileSync(join(dir, "out", STAMP_FILE), WRITTEN_BY_SPECGEN);
    const gen = await cli(["generate", "specs", "-o", "out"], dir);
    assert.equal(gen.status, 1, gen.out);
    assert.match(gen.out, /api\.json:1:\d+ at #\/components\/schemas\/Deep\/properties\/n\//);
    assert.match(gen.out, /Nested more than 512 levels deep here: the types emitter .* cannot print types this deep/);
    assert.doesNotMatch(gen.out, /RangeError|Maximum call stack/);
    assert.deepEqual(readdirSync(join(dir, "out")).sort(), [STAMP_FILE, "MARKER"]);
    // 250 levels are generated.
    const ok = `${'{"type":"object","properties":{"n":'.repeat(250)}{"type":"string"}${"}}".repeat(250)}`;
    writeFileSync(
      join(dir, "specs/api.json"),
      `{"openapi":"3.1.0","info":{"title":"t","version":"1"},"paths":{},"components":{"schemas":{"Deep":${ok}}}}`,
    );
    const gen250 = await cli(["generate", "specs", "-o", "out"], dir);
    assert.equal(gen250.status, 0, gen250.out);
  });

  test("a 2,000-path spec lints and generates", async () => {
    const dir = tempDir("specgen-hostile-");
    mkdirSync(join(dir, "specs"));
    const paths: Record<string, unknown> = {};
    for (let i = 0; i < 2000; i++) {
      paths[`/items${i}/{id}`] = {
        get: {
          operationId: `getItem${i}`,
          parameters: [
            {
              name: "id",
              in: "path",
              required: true,
              schema: { type: "string", pattern: "^[a-z0-9]+(\\.[a-z0-9]+)*$" },
            },
          ],
          responses: {
            "200": {
              description: "ok",
              content: { "application/json": { schema: { type: "object", properties: { id: { type: "string" } } } } },
            },
          },
        },
      };
    }
    writeFileSync(
      join(dir, "specs/many.json"),
      JSON.stringify({ openapi: "3.1.0", info: { title: "t", version: "1" }, paths }),
    );
    const lint = await cli(["lint", "-c", LINT_CONFIG, "specs"], dir);
    assert.equal(lint.status, 0, lint.out);
    const gen = await cli(["generate", "specs", "-o", "out"], dir);
    assert.equal(gen.status, 0, gen.out);
    assert.match(gen.out, /2000 operation\(s\)/);
    assert.ok(existsSync(join(dir, "out/client/many.js")));
  });
});

test("alias expansion is measured per node, once: shared nodes are cheap, bombs are refused", () => {
  // 20 levels of two-way sharing: about 2 million nodes expanded, 40 written; measured instantly.
  const nodes: unknown[] = [["x"]];
  for (let i = 1; i <= 20; i++) nodes.push([nodes[i - 1], nodes[i - 1]]);
  const started = performance.now();
  assert.throws(
    () => checkAliasExpansion({ top: nodes[20] }, "f.yaml"),
    (e: unknown) => e instanceof SpecError && /alias bomb/.test(e.message) && e.pointer === "/top/0",
  );
  assert.ok(performance.now() - started < 1000);
  // Sharing that stays small, and a large document without any, pass.
  assert.doesNotThrow(() => checkAliasExpansion({ a: nodes[10], b: nodes[10] }, "f.yaml"));
  assert.doesNotThrow(() => checkAliasExpansion({ big: Array.from({ length: 1_200_000 }, (_, i) => i) }, "f.yaml"));
});

test("regex checks: invalid patterns, and backtracking hazards (recheck)", () => {
  assert.match(patternError("([a-z]") ?? "", /Unterminated group/);
  // Valid without the `u` flag only: Ajv compiles those without it (with a warning), so not an error.
  assert.equal(patternError("[\\-\\:]"), undefined);
  const hazards = [
    "^(a+)+$",
    "(\\w+\\s?)*$",
    "(.*a){12}",
    "^(\\d+)*$",
    "^(a|a)*$",
    "^([a-zA-Z0-9])(([\\-.]|[_]+)?([a-zA-Z0-9]+))*@",
  ];
  for (const p of hazards) assert.ok(backtrackingHazard(p), p);
  // Delimited repetitions, and every pattern of the Matrix corpus, are not reported.
  const safe = [
    "^([a-z]+\\.)*[a-z]+$",
    "^(\\.[a-z]+)*$",
    "(a|b)*",
    "(ab+)+",
    "([^,]+,)*",
    "^(avatar_url|displayname|m\\.tz|[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+)$",
    "^[\\w\\s\\-\\p{L},.'']+$",
    "^mxc:\\/\\/",
  ];
  for (const p of safe) assert.equal(backtrackingHazard(p), undefined, p);
});
