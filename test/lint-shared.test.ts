// What one `specgen lint` run shares between the documents it lints: the files they all
// reference are read and parsed once (not once per document), and sharing changes no verdict.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "./helpers.js";
import { lint, type LintResult } from "../generator/lint/index.js";
import { documentReads } from "../generator/load/read.js";
import { makeRefPolicy } from "../generator/load/policy.js";
import { PolicyResolver, SharedReads } from "../generator/load/resolver.js";

/** An OpenAPI 3.1 document whose one response has `schema` and, when given, an `example`. */
function openapi(schema: object, example?: unknown): string {
  const media = example === undefined ? { schema } : { schema, example };
  const op = {
    operationId: "get",
    summary: "Get",
    description: "Get it.",
    security: [],
    responses: { "200": { description: "ok", content: { "application/json": media } } },
  };
  const doc = {
    openapi: "3.1.0",
    info: { title: "t", version: "1", description: "d", license: { name: "MIT", url: "https://x.test" } },
    servers: [{ url: "https://x.test" }],
    paths: { "/x": { get: op } },
  };
  return JSON.stringify(doc, null, 2);
}

const THING = { Thing: { type: "object", required: ["id"], properties: { id: { type: "string" } } } };

/** Writes `files` (name → text) into a fresh folder; returns it. */
function project(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** b.yaml's example (`id: 2`) against the shared schema's string `id`, as lint reports it. */
const B_EXAMPLE_PROBLEM =
  'Example does not match its schema at `/id`: Instance type "number" is invalid. Expected "string".';

/** The example-valid problems of a lint run: file and message. */
const exampleProblems = (result: LintResult): Array<[string | undefined, string]> =>
  result.problems
    .filter((p) => p.ruleId === "specgen/example-valid")
    .map((p) => [p.location[0]?.source.absoluteRef, p.message]);

test("a file that several documents reference is read once per lint run, not once per document", async () => {
  const ref = { $ref: "defs/shared.yaml#/Thing" };
  const dir = project({
    "a.yaml": openapi(ref, { id: "1" }),
    "b.yaml": openapi(ref, { id: 2 }),
    "c.yaml": openapi(ref, { id: "3" }),
    "defs/shared.yaml": JSON.stringify(THING),
  });
  const reads: string[] = [];
  documentReads.observe = (path) => reads.push(path);
  try {
    const result = await lint([join(dir, "a.yaml"), join(dir, "b.yaml"), join(dir, "c.yaml")], { cwd: dir });
    const shared = reads.filter((p) => p.endsWith("shared.yaml"));
    assert.equal(shared.length, 1, `read ${shared.length} times`);
    assert.deepEqual(exampleProblems(result), [[join(dir, "b.yaml"), B_EXAMPLE_PROBLEM]]);
  } finally {
    delete documentReads.observe;
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the resolvers of one run share each file's Source, parse and policy answers", async () => {
  const dir = project({ "shared.yaml": JSON.stringify(THING), "a.yaml": "{}" });
  try {
    const policy = makeRefPolicy([dir], dir);
    const shared = new SharedReads(policy);
    const one = await new PolicyResolver(policy, undefined, shared).resolveDocument(null, join(dir, "shared.yaml"));
    const two = await new PolicyResolver(policy, undefined, shared).resolveDocument(null, join(dir, "shared.yaml"));
    assert.ok(!(one instanceof Error) && !(two instanceof Error));
    assert.equal(one.source, two.source, "one Source");
    assert.equal(one.parsed, two.parsed, "one parse");
    // The run's policy is asked once per target, and still refuses what it refuses.
    const outside = join(tempDir(), "x.yaml");
    writeFileSync(outside, "{}");
    for (let i = 0; i < 2; i++) {
      const refused = new PolicyResolver(policy, undefined, shared).resolveDocument(null, outside);
      await assert.rejects(refused, /outside the spec root/);
    }
    const dot = join(dir, ".env.yaml");
    writeFileSync(dot, "{}");
    await assert.rejects(new PolicyResolver(policy, undefined, shared).resolveDocument(null, dot), /dot-file/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("example data of one document, a schema of another: the second document's examples are checked", async () => {
  const dir = project({
    // a.yaml pulls shared.yaml into an example value (data for a.yaml)...
    "a.yaml": openapi({ type: "object" }, { $ref: "shared.yaml" }),
    // ...and b.yaml validates its example against it, as a schema.
    "b.yaml": openapi({ $ref: "shared.yaml#/Thing" }, { id: 2 }),
    "shared.yaml": JSON.stringify(THING),
  });
  try {
    const result = await lint([join(dir, "a.yaml"), join(dir, "b.yaml")], { cwd: dir });
    assert.deepEqual(exampleProblems(result), [[join(dir, "b.yaml"), B_EXAMPLE_PROBLEM]]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
