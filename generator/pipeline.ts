import { relative, resolve, sep } from "node:path";
import type { OutputKind, ProjectConfig } from "./config.js";
import { OUTPUT_KINDS } from "./config-kinds.js";
import { readSpecFile, strayKind, type SpecFile } from "./load/read.js";
import type { RefPolicy } from "./load/policy.js";
import { references } from "./load/fragments.js";
import { DocumentStore } from "./load/refs.js";
import { keywordPointer } from "./load/keyword-pointer.js";
import { SpecError } from "./errors.js";
import type { Model } from "./model/types.js";
import type { EmitContext, Emitted, GeneratedFile } from "./emit/file.js";
import { recoverOutput, writeOutput } from "./write/writer.js";
import { outTarget } from "./write/outdir.js";
import { STAMP_FILE, makeStamp, type StampExtras } from "./stamp.js";
import { stampUnits } from "./stamp-units.js";
import type { KindedWarning } from "./model/modules.js";
import type { WarningKind } from "./warnings.js";
import { isLargeSpec, LARGE_SPEC_TEXT } from "./model/size.js";
import type { GenerateResult } from "./generate.js";
import type { Run } from "./settle.js";
import { judgesPatterns, judgeWhileBundling, type JudgingWhileBundling, patternsJudged } from "./pattern-gate.js";

type Emitter = (model: Model, config: ProjectConfig, context: EmitContext) => Promise<Emitted> | Emitted;

/**
 * One emitter per output kind, each a pure function from the model to files. Loaded on
 * demand, so that a run with nothing to do never loads TypeScript or Ajv.
 */
const EMITTERS: Record<OutputKind, () => Promise<Emitter>> = {
  types: async () => (await import("./emit/types/index.js")).emitTypes,
  validators: async () => (await import("./emit/validators/index.js")).emitValidators,
  client: async () => (await import("./emit/client/index.js")).emitClient,
};

/**
 * The emitters a run uses. Each kind brings what its declarations import: the client validates
 * responses (validators), and validators and client are typed by the types.
 */
function selectedKinds(emit: readonly OutputKind[]): OutputKind[] {
  const kinds = new Set(emit);
  if (kinds.has("client")) kinds.add("validators");
  if (kinds.has("validators")) kinds.add("types");
  return OUTPUT_KINDS.filter((k) => kinds.has(k));
}

/** read → model → emitters → one atomic write (or a diff, with `check`). */
export async function runPipeline(run: Run): Promise<GenerateResult> {
  const { cwd, paths, specPaths, overlayPaths, refs, config } = run;
  const kinds = selectedKinds(config.emit);
  if (run.writing && !run.options.force) {
    // Inputs changed since the stamp: when only some specs' did, and nothing else depends on them, redo only those.
    const { incrementalRun } = await import("./incremental.js");
    const done = await incrementalRun(run, kinds);
    if (done !== undefined) return done;
  }
  const named = new Set(paths.map((p) => resolve(cwd, p)));
  const read = specPaths.map(readSpecFile).map((f) => namedSchema(f, named));
  const specFiles = inputFiles(read, refs);
  const overlays = new Map(overlayPaths.map(([spec, files]) => [spec, files.map((f) => readSpecFile(f))]));
  const large = specFiles.some((f) => f.text.length >= LARGE_SPEC_TEXT);
  // A spec file this big will print its types on a worker thread: started now, the worker loads
  // TypeScript while this thread bundles the specs.
  const stops: Array<() => Promise<void>> = [];
  if (kinds.includes("types") && large) stops.push(await spareTypesWorker());
  // recheck judges the regexes meanwhile, each file's as soon as it is parsed (see pattern-gate.ts).
  const budget = run.options.judgeBudgetMs;
  const ahead = judgesPatterns(config, kinds) ? await judgeWhileBundling(specFiles, large, refs, budget) : undefined;
  if (ahead) stops.push(async () => ahead.judge.close());
  let bundling = ahead?.refs ?? refs;
  // A spec whose `$ref`s reach a large spec's text starts its types worker while it is bundled.
  if (kinds.includes("types") && !large) bundling = (await typesHandoff()).typesWorkerOnLargeRefs(bundling, stops);
  try {
    const found = { specFiles, read, overlays, ahead, stops };
    return await generateFrom(found, kinds, { ...run, refs: bundling });
  } finally {
    for (const stop of stops) await stop();
  }
}

/** What starts a types worker ahead of the types emitter (see worker-handoff.ts). */
const typesHandoff = () => import("./emit/types/worker-handoff.js");

/** Starts a types worker ahead of the types emitter; returns its stop. */
const spareTypesWorker = async () => (await typesHandoff()).startTypesWorker();

/**
 * A mapping named as a file on the command line (not found in a folder) that is neither OpenAPI
 * nor an overlay is a JSON Schema, whatever its keywords: `generate` was asked for its code, and
 * skipping it silently would hide a typo. (In a folder, such a file is left to `lint`.)
 */
function namedSchema(file: SpecFile, named: ReadonlySet<string>): SpecFile {
  const mapping = typeof file.doc === "object" && file.doc !== null && !Array.isArray(file.doc);
  return file.kind === "unknown" && mapping && named.has(file.path) ? { ...file, kind: "json-schema" } : file;
}

/**
 * The spec inputs among the files read: OpenAPI documents and JSON Schemas, less the fragments
 * the documents reference (example data, containers; see load/fragments.ts). Other files are left to `lint`, except a
 * list or scalar at the top level that no document references, which cannot be anything.
 */
function inputFiles(files: SpecFile[], refs: RefPolicy): SpecFile[] {
  const of = (kind: SpecFile["kind"]) => files.filter((f) => f.kind === kind).map((f) => f.path);
  const { referenced, fragments } = files.some((f) => f.kind === "json-schema" || f.kind === "unknown")
    ? references(
        new DocumentStore(
          refs,
          files.map((f) => [f.path, f.doc]),
        ),
        of("openapi"),
        of("json-schema"),
      )
    : { referenced: new Set<string>(), fragments: new Set<string>() };
  const stray = files.find(
    (f) => f.kind === "unknown" && !referenced.has(f.path) && (typeof f.doc !== "object" || Array.isArray(f.doc)),
  );
  if (stray) throw new SpecError(strayKind(stray.doc), stray.path, 1, 1);
  return files.filter((f) => (f.kind === "openapi" || f.kind === "json-schema") && !fragments.has(f.path));
}

/**
 * A keyword Ajv's strict mode refuses (a misspelt `minLenght` in a bare JSON Schema, which the
 * struct gate does not read) located in its spec file: the first key of that name where a
 * keyword stands, with line and column. Any other error is returned as it is.
 */
async function locateUnknownKeyword(err: unknown, specFiles: SpecFile[], root: string): Promise<unknown> {
  if (!(err instanceof SpecError) || err.line !== undefined) return err;
  const keyword = /unknown keyword: "([^"]+)"/.exec(err.message)?.[1];
  const file = specFiles.find((f) => relative(root, f.path).split(sep).join("/") === err.file);
  if (keyword === undefined || file === undefined) return err;
  const pointer = keywordPointer(file.doc, keyword);
  // Imported here: the locator loads Redocly, which a run that generates nothing never does.
  const { textLocator } = await import("./load/locate.js");
  const at = pointer === undefined ? undefined : textLocator(file.path, file.text, true)(pointer);
  return at ? new SpecError(err.message, err.file, at.line, at.col, pointer) : err;
}

export interface FileSet {
  files: GeneratedFile[];
  add: (file: GeneratedFile) => void;
}

/**
 * The files of a run, refusing two with one path. Paths are compared ignoring case: on a
 * case-insensitive file system two such files are one.
 */
export function fileSet(): FileSet {
  const files: GeneratedFile[] = [];
  const seen = new Map<string, string>();
  const add = (file: GeneratedFile): void => {
    const prior = seen.get(file.path.toLowerCase());
    if (prior !== undefined) {
      const why = prior === file.path ? "two emitters produced it" : `it and ${prior} differ only in case`;
      throw new SpecError(why, file.path);
    }
    seen.set(file.path.toLowerCase(), file.path);
    files.push(file);
  };
  return { files, add };
}

/**
 * Every emitter's files, then the package's own (manifest, README and entry points, which
 * describe what the emitters produced). The emitters start together, so that work handed to a
 * worker thread (the types of a large spec) runs beside the others; each collects its warnings
 * apart, kept in kind order. `patternsJudged`: the regexes' verdicts still coming (see pattern-gate.ts).
 */
export async function emitAll(
  model: Model,
  kinds: OutputKind[],
  run: Run,
  specFiles: SpecFile[],
  set: FileSet,
  patternsJudged?: Promise<void>,
): Promise<Map<string, string[]>> {
  const emitters = await Promise.all(kinds.map((kind) => EMITTERS[kind]()));
  let emitted: Emitted[];
  try {
    emitted = await Promise.all(emitters.map(async (emit) => emit(model, run.config, { patternsJudged })));
  } catch (err) {
    throw await locateUnknownKeyword(err, specFiles, run.root);
  }
  const { files, add } = set;
  const bySource = new Map<string, string[]>();
  for (const one of emitted) {
    model.warnings.push(...one.warnings);
    for (const file of one.files) add(file);
    for (const [source, warnings] of one.bySource ?? [])
      bySource.set(source, [...(bySource.get(source) ?? []), ...warnings]);
  }
  const { emitPackage } = await import("./emit/package.js");
  const emittedPaths = files.map((f) => f.path);
  for (const file of emitPackage(model, emittedPaths)) add(file);
  return bySource;
}

/** The stamp of a run (see stamp.ts): what it read and wrote, each spec's part (stamp-units.ts), its warnings. */
export function stampFile(
  run: Run,
  inputs: string[],
  files: readonly GeneratedFile[],
  extras: StampExtras,
): GeneratedFile {
  const read = [...inputs, ...run.overlayPaths.flatMap(([, f]) => f), ...run.specPaths];
  const stamp = makeStamp(run.cwd, run.stampConfig, run.specPaths, read, files, extras);
  return { path: STAMP_FILE, contents: `${JSON.stringify(stamp, null, 2)}\n` };
}

/** The run's warnings as the stamp keeps them: each with its kind, when it has one. */
const kindedWarnings = (model: Model): KindedWarning[] =>
  model.warnings.map((t): KindedWarning => {
    const kind = model.warningKinds?.get(t) as WarningKind | undefined;
    return kind === undefined ? [t] : [t, kind];
  });

/** The spec files a run read: every one discovered (`read`), the specs among them, their overlays. */
interface ReadFiles {
  read: SpecFile[];
  specFiles: SpecFile[];
  overlays: Map<string, SpecFile[]>;
  /** The regexes being judged while the specs are bundled. */
  ahead?: JudgingWhileBundling | undefined;
  /** What ends the workers started ahead, when the run is over. */
  stops: Array<() => Promise<void>>;
}

/** The rest of {@link generate}, from the read spec files on. */
async function generateFrom(found: ReadFiles, kinds: OutputKind[], run: Run): Promise<GenerateResult> {
  const { root, out, config, options, refs, writing } = run;
  const { specFiles, overlays } = found;
  const { buildModel } = await import("./model/build.js");
  const asWritten = { asWritten: true };
  const built = await buildModel(specFiles, root, overlays, config.package, refs, asWritten);
  const { model, problems, inputs } = built;
  const base = { model, problems, warnings: model.warnings, out, upToDate: false };
  if (problems.length) return { ...base, files: [], written: false };
  const gate = config.allowUnsafePatterns !== true;
  // A spec large only once its `$ref`s are in (DigitalOcean's 2,034 files): its types worker loads
  // TypeScript now, while the validators compile.
  if (kinds.includes("types") && model.specs.some(isLargeSpec)) found.stops.push(await spareTypesWorker());
  // Both ask recheck about every regex: judged ahead (see pattern-gate.ts), the last verdicts
  // while the emitters work; the gate's refusal wins over an emitter's error.
  const judged = judgesPatterns(config, kinds)
    ? patternsJudged(model, found.ahead, gate ? { specFiles, root } : undefined)
    : undefined;
  const set = fileSet();
  let emitted: Map<string, string[]>;
  try {
    emitted = await emitAll(model, kinds, run, specFiles, set, judged);
  } finally {
    await judged;
  }
  const units = stampUnits({
    cwd: run.cwd,
    read: found.read,
    specs: model.specs,
    built: built.units,
    emitted,
    pathOf: (source) => resolve(root, source),
    overlaysOf: (path) => run.overlayPaths.find(([spec]) => spec === path)?.[1] ?? [],
    outputs: new Set(set.files.map((f) => f.path)),
  });
  set.add(stampFile(run, inputs, set.files, { units, warnings: kindedWarnings(model) }));
  const files = set.files;
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  if (options.check) {
    // A run killed between its two renames left the output moved aside: put it back, then compare.
    model.warnings.push(...recoverOutput(out));
    // loaded here: the diff library is 30 modules that a no-op run should not load
    const { diffOutput } = await import("./write/check.js");
    return { ...base, files, written: false, diff: diffOutput(outTarget(out), files) };
  }
  if (writing) model.warnings.push(...writeOutput(out, files, { cwd: run.cwd, protect: run.protect }));
  return { ...base, files, written: writing };
}
