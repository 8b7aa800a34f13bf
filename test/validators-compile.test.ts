import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { compileInWorker, compileValidatorModule, validatorTargets, WORKER_TARGETS, type SharedModules } from "../generator/emit/validators.js";
import { SpecError } from "../generator/errors.js";
import { generate } from "../generator/generate.js";
import type { SpecModel } from "../generator/model/types.js";
import { ROOT, tempDir } from "./helpers.js";

/**
 * How a spec's validator module is compiled: on a worker thread for large specs (the same code,
 * warnings and errors as on the main thread), one Ajv compile per distinct schema, and the
 * first-error compile behind `isX` left out of bundles that do not use it.
 */
const SHARED: SharedModules = { runtime: "../runtime.js", formats: "../formats.js" };

async function authMetadataSpec(): Promise<SpecModel> {
  const { model } = await generate({ cwd: ROOT, dryRun: true });
  const spec = model.specs.find((s) => s.module === "client-server/auth_metadata");
  assert.ok(spec);
  return spec;
}

/** A spec no Ajv compiles: `minLength` must be a number (the struct gate is bypassed here). */
const BROKEN: SpecModel = {
  source: "broken.yaml",
  module: "broken",
  kind: "json-schema",
  document: { openapi: "3.1.0", info: { title: "t", version: "1" }, components: { schemas: { Broken: { type: "string", minLength: "three" } } } },
  basePath: "",
  operations: [],
  schemas: [{ name: "Broken", typeExpression: "string", pointer: "/components/schemas/Broken" }],
};

test("a worker thread compiles the same module as the main thread, and reports a bad schema the same way", async () => {
  const spec = await authMetadataSpec();
  const targets = validatorTargets(spec);
  const here = await compileValidatorModule(spec, targets, SHARED);
  const there = await compileInWorker(spec, targets, SHARED);
  assert.equal(there.code, here);
  assert.deepEqual(there.warnings, []);

  const inline = await compileValidatorModule(BROKEN, validatorTargets(BROKEN), SHARED).then(
    () => assert.fail("compiled"),
    (err: unknown) => err,
  );
  const worker = await compileInWorker(BROKEN, validatorTargets(BROKEN), SHARED).then(
    () => assert.fail("compiled"),
    (err: unknown) => err,
  );
  assert.ok(inline instanceof SpecError && worker instanceof SpecError, String(worker));
  assert.equal(worker.message, inline.message);
  assert.equal(worker.file, "broken.yaml");
  assert.match(worker.message, /cannot compile validators: .*minLength/);
});

test(`a spec with ${WORKER_TARGETS}+ validators generates on a worker thread; responses sharing a schema share one function`, async () => {
  // 300 operations whose 200 bodies are one of two components, and whose 404 bodies share one.
  const paths: Record<string, unknown> = {};
  for (let i = 0; i < 300; i++) {
    paths[`/things/${i}`] = {
      get: {
        operationId: `getThing${i}`,
        responses: {
          "200": { description: "ok", content: { "application/json": { schema: { $ref: `#/components/schemas/${i % 2 ? "Odd" : "Even"}` } } } },
          "404": { description: "no", content: { "application/json": { schema: { $ref: "#/components/schemas/Missing" } } } },
        },
      },
    };
  }
  const doc = {
    openapi: "3.1.0",
    info: { title: "many", version: "1" },
    paths,
    components: {
      schemas: {
        Even: { type: "object", required: ["n"], properties: { n: { type: "integer", multipleOf: 2 } } },
        Odd: { type: "object", required: ["n"], properties: { n: { type: "integer" }, home: { type: "string", format: "uri" } } },
        Missing: { type: "object", required: ["errcode"], properties: { errcode: { type: "string" } } },
      },
    },
  };
  const dir = tempDir();
  mkdirSync(join(dir, "specs"));
  writeFileSync(join(dir, "specs/many.json"), JSON.stringify(doc));
  const result = await generate({ cwd: dir, paths: ["specs"], out: "out", config: { emit: ["validators"] } });
  assert.ok(result.written);
  const code = readFileSync(join(dir, "out/validators/many.js"), "utf8");
  const spec = result.model.specs[0]!;
  assert.ok(validatorTargets(spec).length >= WORKER_TARGETS);
  const here = await compileValidatorModule(spec, validatorTargets(spec), { runtime: "./runtime.js", formats: "./formats.js" });
  assert.ok(code.endsWith(here), "the written module is the main thread's compile");
  // Three distinct schemas: three exports compiled, the other 597 are aliases.
  assert.equal(code.match(/^var validateGetThing\d+Response(?:404)? = validateGetThing[01]Response(?:404)?;$/gm)?.length, 597);

  const m = (await import(join(dir, "out/validators/many.js"))) as Record<string, (v: unknown) => boolean>;
  assert.equal(m.isGetThing7Response!({ n: 3, home: "https://example.org/x" }), true);
  assert.equal(m.isGetThing7Response!({ n: 3, home: "not a uri" }), false);
  assert.equal(m.isGetThing8Response!({ n: 3 }), false);
  assert.equal(m.validateGetThing8Response!({ n: 4 }), true);
  assert.equal(m.isGetThing299Response404!({ errcode: "M_NOT_FOUND" }), true);
  assert.throws(() => (m.assertGetThing12Response404 as (v: unknown) => void)({}), /GetThing12Response404.*\/errcode is required/);
});

test("a bundle that uses only validateX (the client's case) leaves out the first-error compile behind isX", async () => {
  const dir = join(ROOT, "generated/validators/client-server");
  const size = async (names: string) => {
    const out = await build({
      stdin: { contents: `export { ${names} } from "./auth_metadata.js";`, resolveDir: dir, loader: "js" },
      bundle: true, minify: true, format: "esm", platform: "neutral", write: false, logLevel: "silent",
    });
    const text = out.outputFiles[0]!.text;
    // Each compile builds the issuer's pattern once.
    return { bytes: gzipSync(text).length, compiles: text.split('new RegExp("^https://').length - 1 };
  };
  const validateOnly = await size("validateGetAuthMetadataResponse");
  const withGuard = await size("validateGetAuthMetadataResponse, isGetAuthMetadataResponse");
  assert.equal(validateOnly.compiles, 1);
  assert.equal(withGuard.compiles, 2);
  assert.ok(validateOnly.bytes < withGuard.bytes, `${validateOnly.bytes} < ${withGuard.bytes}`);
});
