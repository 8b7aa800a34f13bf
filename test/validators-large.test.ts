import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { specTypes } from "../generator/emit/types/spec-types.js";
import { compileAjvModule } from "../generator/emit/validators/compile.js";
import { validatorTargets } from "../generator/emit/validators/targets.js";
import { WorkerTask } from "../generator/emit/worker.js";
import { isLargeSpec, LARGE_SPEC_ITEMS, LARGE_SPEC_TEXT } from "../generator/model/size.js";
import { SpecError } from "../generator/errors.js";
import type { SpecModel } from "../generator/model/types.js";
import { generate } from "../generator/generate.js";
import { ROOT, specgen, tempDir } from "./helpers.js";

/**
 * Large specs: their types print on a worker thread (the same file as on the main thread, errors
 * kept), their `isX` share the one compile, and responses sharing a schema share one function.
 */
const FIXTURE_WORKER = pathToFileURL(join(ROOT, "test/fixtures/workers/throws.mjs"));

test("a worker answers what its function returns, rethrows a SpecError as one (file, line, pointer)", async () => {
  const run = (input: unknown) => new WorkerTask(FIXTURE_WORKER).run(input);
  assert.deepEqual(await run({ message: "hi" }), { echoed: "hi" });
  const spec = await run({ spec: true, message: "bad thing", file: "a.yaml" }).then(
    () => assert.fail("answered"),
    (err: unknown) => err,
  );
  assert.ok(spec instanceof SpecError);
  assert.equal(spec.toString(), "a.yaml:3:7: bad thing (at /paths)");
  await assert.rejects(
    run({ plain: true, message: "boom" }),
    (err: Error) => err.message === "boom" && /throws\.mjs/.test(err.stack ?? ""),
  );
  // A worker that cannot start (a module that does not load) is an error, not a hang.
  await assert.rejects(
    new WorkerTask(new URL("missing-worker.mjs", FIXTURE_WORKER)).run({}),
    /Cannot find module|ERR_MODULE_NOT_FOUND/,
  );
});

/** A spec with `count` operations, whose 200 bodies are one of two components and whose 404 bodies share one. */
function manyOperations(count: number, description = "ok"): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) {
    paths[`/things/${i}`] = {
      get: {
        operationId: `getThing${i}`,
        responses: {
          "200": {
            description,
            content: { "application/json": { schema: { $ref: `#/components/schemas/${i % 2 ? "Odd" : "Even"}` } } },
          },
          "404": {
            description: "no",
            content: { "application/json": { schema: { $ref: "#/components/schemas/Missing" } } },
          },
        },
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: { title: "many", version: "1" },
    paths,
    components: {
      schemas: {
        Even: { type: "object", required: ["n"], properties: { n: { type: "integer", multipleOf: 2 } } },
        Odd: {
          type: "object",
          required: ["n"],
          properties: { n: { type: "integer" }, home: { type: "string", format: "uri" } },
        },
        Missing: { type: "object", required: ["errcode"], properties: { errcode: { type: "string" } } },
      },
    },
  };
}

test("a file over LARGE_SPEC_TEXT starts a types worker early: used if the spec is large, else stopped", async () => {
  // Both runs go through the CLI, so a worker left running would keep the process from exiting.
  for (const [name, count] of [
    ["big-and-large", 300],
    ["big-but-small", 3],
  ] as const) {
    const dir = tempDir();
    mkdirSync(join(dir, "specs"));
    const padding = "x".repeat(Math.ceil(LARGE_SPEC_TEXT / count) + 10);
    writeFileSync(join(dir, "specs/many.json"), JSON.stringify(manyOperations(count, padding)));
    const started = Date.now();
    const run = specgen(["generate", "specs", "-o", "out"], { cwd: dir });
    assert.equal(run.status, 0, `${name}: ${run.stderr}`);
    assert.ok(Date.now() - started < 60_000, `${name} took ${Date.now() - started} ms`);
    const types = readFileSync(join(dir, "out/types/many.d.ts"), "utf8");
    assert.match(types, new RegExp(`getThing${count - 1}: \\{`), name);
  }
});

test(`operations, webhooks and named schemas all count toward the ${LARGE_SPEC_ITEMS}-item threshold`, () => {
  const items = (n: number) => Array.from({ length: n }, () => ({}));
  const spec = (operations: number, webhooks: number, schemas: number) =>
    ({ operations: items(operations), webhooks: items(webhooks), schemas: items(schemas) }) as unknown as SpecModel;
  const cases: Array<[string, SpecModel, boolean]> = [
    ["webhooks alone", spec(0, LARGE_SPEC_ITEMS, 0), true],
    ["one of each short", spec(100, 100, LARGE_SPEC_ITEMS - 201), false],
    ["all three", spec(100, 100, LARGE_SPEC_ITEMS - 200), true],
  ];
  for (const [name, given, want] of cases) assert.equal(isLargeSpec(given), want, name);
});

test(`${LARGE_SPEC_ITEMS}+ operations: a types worker, one Ajv compile, a function per distinct schema`, async () => {
  const doc = manyOperations(300);
  const dir = tempDir();
  mkdirSync(join(dir, "specs"));
  writeFileSync(join(dir, "specs/many.json"), JSON.stringify(doc));
  const result = await generate({ cwd: dir, paths: ["specs"], out: "out", config: { emit: ["validators"] } });
  assert.ok(result.written);
  const spec = result.model.specs[0]!;
  assert.ok(isLargeSpec(spec));
  assert.equal(
    readFileSync(join(dir, "out/types/many.d.ts"), "utf8"),
    (await specTypes(spec)).contents,
    "the worker's types are the main thread's",
  );

  const ajv = readFileSync(join(dir, "out/validators/many.ajv.js"), "utf8");
  assert.ok(
    ajv.endsWith(
      await compileAjvModule(spec, validatorTargets(spec), {
        runtime: "./runtime.js",
        formats: "./formats.js",
        helpers: "./helpers.js",
      }),
    ),
  );
  // One compile (no first-error factory); three distinct schemas: three functions, which the
  // front's 600 validateX name.
  assert.ok(!ajv.includes("createFirstErrorValidators"));
  assert.equal(ajv.match(/^export const validate\w+ = validate\d+;$/gm)?.length, 3);
  const front = readFileSync(join(dir, "out/validators/many.js"), "utf8");
  assert.match(front, /^export const isGetThing7Response = \/\* @__PURE__ \*\/ guard\(validateGetThing7Response\);$/m);
  const named = front.match(/^export const validateGetThing\d+Response(?:404)? = ajv\.(\w+);$/gm) ?? [];
  assert.equal(named.length, 600);
  assert.equal(new Set(named.map((line) => line.split("ajv.")[1])).size, 3);

  const m = (await import(join(dir, "out/validators/many.js"))) as Record<string, (v: unknown) => boolean>;
  assert.equal(m.isGetThing7Response!({ n: 3, home: "https://example.org/x" }), true);
  assert.equal(m.isGetThing7Response!({ n: 3, home: "not a uri" }), false);
  assert.equal(m.isGetThing8Response!({ n: 3 }), false);
  assert.equal(m.validateGetThing8Response!({ n: 4 }), true);
  assert.equal(m.isGetThing299Response404!({ errcode: "M_NOT_FOUND" }), true);
  assert.throws(
    () => (m.assertGetThing12Response404 as (v: unknown) => void)({}),
    /GetThing12Response404.*\/errcode is required/,
  );
});
