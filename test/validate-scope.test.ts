import { test } from "node:test";
import assert from "node:assert/strict";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { unjudged } from "../generator/lint/recheck.js";
import { runValidate } from "../generator/validate/index.js";
import { reachableFrom } from "../generator/validate/reach.js";
import { tempDir } from "./helpers.js";

/**
 * `specgen validate spec#target` judges (with recheck) and warns of only the regexes the
 * target's validator can run: its schema and what its `$ref`s reach, however far.
 */

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** A document whose operation `a` answers C, which reaches D, which refers back to C; E is apart. */
const chain = {
  paths: { "/a": { get: { responses: { "200": { content: { "application/json": { schema: ref("C") } } } } } } },
  components: {
    schemas: {
      C: { type: "object", properties: { d: ref("D") } },
      D: { type: "array", items: ref("C"), pattern: "x" },
      E: { type: "string", pattern: "y" },
      C2: { type: "string" },
    },
  },
};
const A_AT = "/paths/~1a/get/responses/200/content/application~1json/schema";

test("reachableFrom: the target and what its $refs reach, not look-alike names or other schemas", () => {
  const within = reachableFrom(chain, A_AT);
  assert.ok(within);
  const cases: Array<[string, boolean]> = [
    [`${A_AT}`, true],
    ["/components/schemas/C/properties/d", true],
    ["/components/schemas/D/pattern", true],
    ["/components/schemas/E/pattern", false],
    ["/components/schemas/C2", false],
    ["/paths/~1a/get", false],
  ];
  for (const [pointer, want] of cases) assert.equal(within(pointer), want, pointer);
});

test("reachableFrom: undefined (everything counts) where a reference is not a local pointer or may be rescoped", () => {
  const withSchema = (schema: unknown) => ({
    ...chain,
    components: { schemas: { ...chain.components.schemas, C: schema } },
  });
  for (const c of [
    { $ref: "other.yaml#/C" },
    { $ref: "#anchor" },
    { $id: "https://example.com/c", type: "object" },
    { type: "object", properties: { n: { $dynamicRef: "#node" } } },
  ]) {
    assert.equal(reachableFrom(withSchema(c), A_AT), undefined, JSON.stringify(c));
  }
  // Outside the target's reach, such keys change nothing.
  const apart = { ...chain, components: { schemas: { ...chain.components.schemas, E: { $id: "https://e" } } } };
  assert.ok(reachableFrom(apart, A_AT));
});

/** A webhook `name` whose JSON body is `schema`. */
function webhook(name: string, schema: unknown): Record<string, unknown> {
  const requestBody = { content: { "application/json": { schema } } };
  return { post: { operationId: name, requestBody, responses: { "200": { description: "ok" } } } };
}

test("specgen validate warns of an unsafe regex its target reaches via $refs, never judges others", async () => {
  const dir = tempDir();
  // Patterns no other test of this process judges, so that the verdict cache tells what was asked.
  const reached = "^(q+)+$";
  const apart = "^(r+)+$";
  // recheck's synchronous call fails with this (see lint/recheck.ts): every regex is judged ahead, asynchronously.
  process.env.RECHECK_SYNC_BACKEND = "none";
  try {
    const spec = {
      openapi: "3.1.0",
      info: { title: "t", version: "1" },
      webhooks: {
        a: webhook("a", { type: "object", properties: { id: ref("Id") } }),
        b: webhook("b", { type: "object", properties: { tag: { type: "string", pattern: apart } } }),
      },
      components: {
        schemas: { Id: { $ref: "#/components/schemas/Code" }, Code: { type: "string", pattern: reached } },
      },
    };
    writeFileSync(join(dir, "spec.json"), JSON.stringify(spec));
    writeFileSync(join(dir, "ok.json"), '{"id": "qq"}');
    const a = await runValidate("spec.json#a", ["ok.json"], { cwd: dir });
    assert.equal(a.exitCode, 0, a.stderr.join("\n"));
    const warned = a.stderr.filter((l) => l.includes("may backtrack catastrophically"));
    assert.equal(warned.length, 1, a.stderr.join("\n"));
    const at = "warning: spec.json#/components/schemas/Code/pattern";
    assert.ok(warned[0]!.startsWith(`${at}: the regular expression "^(q+)+$"`), warned[0]);
    assert.ok(unjudged(apart), "the regex of b, which a never runs, is not judged");
    const b = await runValidate("spec.json#b", ["ok.json"], { cwd: dir });
    assert.equal(b.exitCode, 0, b.stderr.join("\n"));
    assert.match(b.stderr.join("\n"), /spec\.json#\/webhooks\/b\/.*"\^\(r\+\)\+\$" may backtrack catastrophically/);
    assert.doesNotMatch(b.stderr.join("\n"), /\^\(q\+\)\+\$/);
  } finally {
    delete process.env.RECHECK_SYNC_BACKEND;
    rmSync(dir, { recursive: true, force: true });
  }
});
