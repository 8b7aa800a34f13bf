// Validators bench (called from bench/run.ts; not a test): the generated, precompiled
// `isGetAuthMetadataResponse` against matrix-js-sdk's hand-written `isValidAuthMetadata`
// (warm throughput), and against Ajv compiling the same schema at run time (cold start).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { isValidAuthMetadata } from "matrix-js-sdk/lib/oauth/discover.js";
import { logger } from "matrix-js-sdk/lib/logger.js";
import { generate } from "../generator/generate.js";
import { AJV_OPTIONS, createAjv, OPENAPI_ANNOTATIONS, validatorTargets } from "../generator/emit/validators.js";
import { compare, median } from "./measure.js";

const ROOT = resolve(import.meta.dirname, "../..");
const CORPUS = resolve(ROOT, "../shared/corpus/auth-metadata");
const GENERATED = join(ROOT, "generated/validators/client-server/auth_metadata.js");

type Guard = (value: unknown) => boolean;

function line(name: string, ours: string, theirs: string, speedup: number, target: string): void {
  console.log(`${name}: specgen ${ours} vs ${theirs}  speed ratio ${speedup.toFixed(2)}x  (target ${target})`);
}

/** Median ns per document of `check` over the corpus, `runs` alternating rounds against `other`. */
function throughput(runs: number, docs: unknown[], check: Guard, other: Guard) {
  const rounds = 2000;
  const loop = (fn: Guard) => () => {
    let accepted = 0;
    const start = process.hrtime.bigint();
    for (let i = 0; i < rounds; i++) for (const d of docs) if (fn(d)) accepted++;
    const ns = Number(process.hrtime.bigint() - start);
    if (accepted < 0) throw new Error("unreachable"); // keeps the loop's result alive
    return ns / rounds / docs.length;
  };
  return compare(runs, loop(check), loop(other));
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

export async function benchValidators(runs: number): Promise<void> {
  const docs = ["valid-or-real", "invalid"].flatMap((d) =>
    readdirSync(join(CORPUS, d)).sort().map((f) => JSON.parse(readFileSync(join(CORPUS, d, f), "utf8")) as unknown),
  );
  const { isGetAuthMetadataResponse } = (await import(pathToFileURL(GENERATED).href)) as { isGetAuthMetadataResponse: Guard };
  // matrix-js-sdk logs every rejection through its logger: silenced, so console I/O is not timed.
  (logger as unknown as { setLevel(level: "silent", persist: boolean): void }).setLevel("silent", false);
  const ours = docs.filter((d) => isGetAuthMetadataResponse(d)).length;
  const theirs = docs.filter((d) => isValidAuthMetadata(d)).length;

  const warm = throughput(runs, docs, isGetAuthMetadataResponse, isValidAuthMetadata);
  line(
    `validators (a) warm: isGetAuthMetadataResponse vs matrix-js-sdk isValidAuthMetadata, ${docs.length} corpus documents (accepted: ${ours} vs ${theirs})`,
    `${warm.a.toFixed(0)} ns/doc`,
    `${warm.b.toFixed(0)} ns/doc`,
    warm.b / warm.a,
    ">= 1.0x",
  );

  // For reading (a), where the time goes: a document the guard accepts gets every check (its five
  // URLs against RFC 3986 among them); most it rejects stop at a missing field.
  for (const accepted of [true, false]) {
    const subset = docs.filter((d) => isGetAuthMetadataResponse(d) === accepted);
    const r = throughput(runs, subset, isGetAuthMetadataResponse, isValidAuthMetadata);
    console.log(`    on the ${subset.length} documents it ${accepted ? "accepts" : "rejects"}: ${r.a.toFixed(0)} vs ${r.b.toFixed(0)} ns/doc, speed ratio ${(r.b / r.a).toFixed(2)}x`);
  }

  // For reading (a): the guard's compile (first error only) at run time, with what matrix-js-sdk
  // leaves out turned off in turn: `format: uri` (RFC 3986, ajv-formats' full check behind a fast
  // path), then also the own-property checks (Ajv's `ownProperties`, against `__proto__` tricks).
  const { model } = await generate({ cwd: ROOT, dryRun: true });
  const spec = model.specs.find((s) => s.module === "client-server/auth_metadata");
  if (!spec) throw new Error("auth_metadata spec not found");
  const targets = validatorTargets(spec);
  const reference = (options: Record<string, unknown>): Guard => {
    const { ajv, keys } = createAjv(spec, targets, undefined, "first");
    Object.assign(ajv.opts, options);
    return ajv.getSchema(keys["validateGetAuthMetadataResponse"]!) as Guard;
  };
  const noUri = throughput(runs, docs, reference({ validateFormats: false }), isValidAuthMetadata);
  const noUriNoOwn = throughput(runs, docs, reference({ validateFormats: false, ownProperties: false }), isValidAuthMetadata);
  console.log(`    reference, same compile without the uri check: ${noUri.a.toFixed(0)} vs ${noUri.b.toFixed(0)} ns/doc, speed ratio ${(noUri.b / noUri.a).toFixed(2)}x`);
  console.log(`    reference, also without own-property checks (about what matrix-js-sdk checks): ${noUriNoOwn.a.toFixed(0)} vs ${noUriNoOwn.b.toFixed(0)} ns/doc, speed ratio ${(noUriNoOwn.b / noUriNoOwn.a).toFixed(2)}x`);

  // (b) Cold start: a fresh process imports and validates one document (timed inside the process,
  // after Node's own start-up, which is the same for both).
  const dir = mkdtempSync(join(tmpdir(), "specgen-bench-validators-"));
  const doc = join(CORPUS, "valid-or-real/matrix-spec-v1.19-example.json");
  const pointer = targets[0]!.pointer.split("/").slice(1).map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
  const schema = pointer.reduce<any>((node, key) => node[key], spec.document) as Record<string, unknown>;
  const extensions = [...JSON.stringify(schema).matchAll(/"(x-[^"]+)":/g)].map((m) => m[1]!);
  const url = (p: string) => JSON.stringify(pathToFileURL(join(ROOT, p)).href);
  const header = `import { readFileSync } from "node:fs";\nconst doc = JSON.parse(readFileSync(${JSON.stringify(doc)}, "utf8"));\nconst t0 = performance.now();\n`;
  const precompiled = coldRun(
    dir,
    "precompiled",
    `${header}const { isGetAuthMetadataResponse } = await import(${url("generated/validators/client-server/auth_metadata.js")});\n` +
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
  const runtime = coldRun(dir, "runtime-ajv", runtimeScript(AJV_OPTIONS));
  const { validateSchema: _skip, ...withMeta } = AJV_OPTIONS;
  const runtimeMeta = coldRun(dir, "runtime-ajv-meta", runtimeScript(withMeta));
  const cold = compare(runs, precompiled, runtime);
  line("validators (b) cold start in a fresh process, import + first validation (precompiled module vs Ajv compiling at run time, same options)", `${cold.a.toFixed(1)} ms`, `${cold.b.toFixed(1)} ms`, cold.b / cold.a, ">= 10x");
  const coldMeta = compare(runs, precompiled, runtimeMeta);
  console.log(`    vs Ajv at run time with its default meta-schema check: ${coldMeta.a.toFixed(1)} ms vs ${coldMeta.b.toFixed(1)} ms, speed ratio ${(coldMeta.b / coldMeta.a).toFixed(2)}x`);
  const wall = (name: string) => {
    const file = join(dir, `${name}.mjs`);
    return median(
      Array.from({ length: runs }, () => {
        const start = process.hrtime.bigint();
        spawnSync(process.execPath, [file]);
        return Number(process.hrtime.bigint() - start) / 1e6;
      }),
    );
  };
  console.log(`    whole process, Node start-up included: ${wall("precompiled").toFixed(0)} ms vs ${wall("runtime-ajv").toFixed(0)} ms`);
}
