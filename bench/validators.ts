// Validators bench (called from bench/run.ts; not a test): the generated, precompiled
// `isGetAuthMetadataResponse` against matrix-js-sdk's hand-written `isValidAuthMetadata`
// (warm throughput; reported only since issue #21 retired it as a target, see the reference rows),
// and against Ajv compiling the same schema at run time (cold start, a target).
import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { isValidAuthMetadata } from "matrix-js-sdk/lib/oauth/discover.js";
import { logger } from "matrix-js-sdk/lib/logger.js";
import { generate } from "../generator/generate.js";
import type { SpecModel } from "../generator/model/types.js";
import { OPENAPI_ANNOTATIONS } from "../generator/load/keys.js";
import { AJV_OPTIONS } from "../generator/emit/validators/options.js";
import { validatorTargets } from "../generator/emit/validators/targets.js";
import { compare, median } from "./measure.js";
import { runtimeAjv } from "./runtime-ajv.js";
import { fmt, row, type Row } from "./table.js";
import { throughput as throughputOf, type Guard } from "./throughput.js";

const ROOT = resolve(import.meta.dirname, "../..");
const CORPUS = resolve(ROOT, "../shared/corpus/auth-metadata");
const GENERATED_FROM_ROOT = "generated/validators/client-server/auth_metadata.js";
const GENERATED = join(ROOT, GENERATED_FROM_ROOT);

/** Median ns per document of `check` over the corpus, `runs` alternating rounds against `other`. */
function throughput(runs: number, docs: unknown[], check: Guard, other: Guard) {
  return throughputOf(
    runs,
    docs.map((value) => ({ value, ours: check, theirs: other })),
    2000,
  );
}

/** A reported warm row against matrix-js-sdk: speed ratio theirs/ours per document. */
function sdkRow(name: string, r: { a: number; b: number }): Row {
  return row({
    item: 4,
    row: name,
    value: r.b / r.a,
    unit: "x",
    measured: `${fmt(r.a, "ns")}/doc`,
    anchor: `matrix-js-sdk isValidAuthMetadata ${fmt(r.b, "ns")}/doc`,
  });
}

/** Runs `code` as an ES module in a fresh Node process; it prints its own timing in ms. */
function coldRun(dir: string, name: string, code: string): () => number {
  const file = join(dir, `${name}.mjs`);
  writeFileSync(file, code);
  return () => {
    const r = spawnSync(process.execPath, [file], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${name}: ${r.stderr}`);
    return Number(r.stdout.trim());
  };
}

async function corpusAndGuard(): Promise<{ docs: unknown[]; guard: Guard }> {
  const docs = ["valid-or-real", "invalid"].flatMap((d) =>
    readdirSync(join(CORPUS, d))
      .sort()
      .map((f) => JSON.parse(readFileSync(join(CORPUS, d, f), "utf8")) as unknown),
  );
  const module = (await import(pathToFileURL(GENERATED).href)) as { isGetAuthMetadataResponse: Guard };
  return { docs, guard: module.isGetAuthMetadataResponse };
}

async function authMetadataSpec(): Promise<SpecModel> {
  const { model } = await generate({ cwd: ROOT, dryRun: true });
  const spec = model.specs.find((s) => s.module === "client-server/auth_metadata");
  if (!spec) throw new Error("auth_metadata spec not found");
  return spec;
}

/** The matrix-js-sdk rows, reported only (issue #21 retired them as a target; they tell the story). */
export async function sdkRows(runs: number): Promise<Row[]> {
  const { docs, guard } = await corpusAndGuard();
  // matrix-js-sdk logs every rejection through its logger: silenced, so console I/O is not timed.
  (logger as unknown as { setLevel(level: "silent", persist: boolean): void }).setLevel("silent", false);
  const ours = docs.filter((d) => guard(d)).length;
  const theirs = docs.filter((d) => isValidAuthMetadata(d)).length;
  const name = "isGetAuthMetadataResponse (with the overlay) vs matrix-js-sdk isValidAuthMetadata, warm";
  const all = throughput(runs, docs, guard, isValidAuthMetadata);
  const rows = [sdkRow(`${name}, ${docs.length} corpus docs (accepted ${ours} vs ${theirs})`, all)];
  // Where the time goes: a document the guard accepts gets every check (its five URLs against
  // RFC 3986 among them); most it rejects stop at a missing field.
  for (const accepted of [true, false]) {
    const subset = docs.filter((d) => guard(d) === accepted);
    const r = throughput(runs, subset, guard, isValidAuthMetadata);
    rows.push(sdkRow(`${name}, the ${subset.length} docs it ${accepted ? "accepts" : "rejects"}`, r));
  }
  // The guard's compile (first error only) at run time, with what matrix-js-sdk leaves out turned
  // off in turn: `format: uri` (RFC 3986, ajv-formats' full check behind a fast path), then also
  // the own-property checks (Ajv's `ownProperties`, against `__proto__` tricks).
  const spec = await authMetadataSpec();
  const targets = validatorTargets(spec);
  const reference = (options: Record<string, unknown>): Guard => {
    const { ajv, keys } = runtimeAjv(spec, targets, undefined, "first");
    Object.assign(ajv.opts, options);
    return ajv.getSchema(keys["validateGetAuthMetadataResponse"]!) as Guard;
  };
  const noUri = throughput(runs, docs, reference({ validateFormats: false }), isValidAuthMetadata);
  const noOwn = reference({ validateFormats: false, ownProperties: false });
  const noUriNoOwn = throughput(runs, docs, noOwn, isValidAuthMetadata);
  rows.push(sdkRow("reference: the same compile without the uri check vs isValidAuthMetadata, warm", noUri));
  rows.push(sdkRow("reference: also without own-property checks (about what matrix-js-sdk checks), warm", noUriNoOwn));
  return rows;
}

/** The scripts a fresh process runs: import + first validation, precompiled or compiled by Ajv. */
function coldScripts(spec: SpecModel, dir: string) {
  const targets = validatorTargets(spec);
  const doc = join(CORPUS, "valid-or-real/matrix-spec-v1.19-example.json");
  const pointer = targets[0]!.pointer
    .split("/")
    .slice(1)
    .map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
  const schema = pointer.reduce<unknown>(
    (node, key) => (node as Record<string, unknown>)[key],
    spec.document,
  ) as Record<string, unknown>;
  const extensions = [...JSON.stringify(schema).matchAll(/"(x-[^"]+)":/g)].map((m) => m[1]!);
  const url = (p: string) => JSON.stringify(pathToFileURL(join(ROOT, p)).href);
  const header =
    `import { readFileSync } from "node:fs";\n` +
    `const doc = JSON.parse(readFileSync(${JSON.stringify(doc)}, "utf8"));\nconst t0 = performance.now();\n`;
  const precompiled = coldRun(
    dir,
    "precompiled",
    `${header}const { isGetAuthMetadataResponse } = await import(${url(GENERATED_FROM_ROOT)});\n` +
      `if (!isGetAuthMetadataResponse(doc)) throw new Error("rejected");\nconsole.log(performance.now() - t0);\n`,
  );
  const runtimeScript = (options: Record<string, unknown>) =>
    `${header}const { Ajv2020 } = await import(${url("node_modules/ajv/dist/2020.js")});\n` +
    `const { default: addFormats } = await import(${url("node_modules/ajv-formats/dist/index.js")});\n` +
    `const ajv = new Ajv2020(${JSON.stringify(options)});\n` +
    `addFormats(ajv, { mode: "full", formats: ["uri"], keywords: false });\n` +
    `ajv.addVocabulary(${JSON.stringify([...OPENAPI_ANNOTATIONS, ...new Set(extensions)])});\n` +
    `const validate = ajv.compile(${JSON.stringify(schema)});\n` +
    `if (!validate(doc)) throw new Error("rejected");\nconsole.log(performance.now() - t0);\n`;
  // The emitter's options, which skip Ajv's meta-schema pass; and the same with that pass on
  // (Ajv's default, what a run-time user gets unless they turn it off).
  const { validateSchema: _skip, ...withMeta } = AJV_OPTIONS;
  return {
    precompiled,
    runtime: coldRun(dir, "runtime-ajv", runtimeScript(AJV_OPTIONS)),
    runtimeMeta: coldRun(dir, "runtime-ajv-meta", runtimeScript(withMeta)),
  };
}

/** Wall of a whole process running one of the cold scripts, Node's start-up included (median). */
function wall(dir: string, name: string, runs: number): number {
  const file = join(dir, `${name}.mjs`);
  return median(
    Array.from({ length: runs }, () => {
      const start = process.hrtime.bigint();
      spawnSync(process.execPath, [file]);
      return Number(process.hrtime.bigint() - start) / 1e6;
    }),
  );
}

/**
 * Cold start: a fresh process imports and validates one document, timed inside the process after
 * Node's own start-up (the same for both); then the whole process, reported.
 */
export async function coldRows(runs: number, dir: string): Promise<Row[]> {
  const s = coldScripts(await authMetadataSpec(), dir);
  const what =
    "Matrix auth_metadata: cold start (import + first validation in a fresh process), " +
    "precompiled vs Ajv compiling at run time";
  const cold = compare(runs, s.precompiled, s.runtime);
  const meta = compare(runs, s.precompiled, s.runtimeMeta);
  const ours = wall(dir, "precompiled", runs);
  const theirs = wall(dir, "runtime-ajv", runs);
  return [
    row({
      item: 4,
      row: `${what}, same options`,
      value: cold.b / cold.a,
      unit: "x",
      measured: fmt(cold.a, "ms"),
      anchor: `Ajv ${fmt(cold.b, "ms")}`,
      target: { op: ">=", bound: 10, unit: "x" },
    }),
    row({
      item: 4,
      row: `${what}, Ajv with its default meta-schema check`,
      value: meta.b / meta.a,
      unit: "x",
      measured: fmt(meta.a, "ms"),
      anchor: `Ajv ${fmt(meta.b, "ms")}`,
    }),
    row({
      item: 4,
      row: "the same cold start, whole process with Node's start-up",
      value: theirs / ours,
      unit: "x",
      measured: fmt(ours, "ms"),
      anchor: `Ajv ${fmt(theirs, "ms")}`,
    }),
  ];
}
