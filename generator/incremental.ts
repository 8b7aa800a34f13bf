/**
 * An incremental `generate`: when the stamp (stamp.ts, stamp-units.ts) shows that only some
 * spec files' inputs changed, with the same toolkit, config and list of specs, only those specs
 * are read, bundled, modelled and emitted. Every other file is taken from the existing output
 * (each checked against the hash the stamp holds for it), the package-wide files included: they
 * depend on each spec only through its summary, so they stay as they are when the summary of
 * every changed spec does. Anything else gives up, and the caller does a full run:
 * a summary that changed (a new operation, a renamed export, a new warning…), a spec that
 * fails (the full run reports it as always), a stamp that is missing, malformed or tampered
 * with, an output file edited since, a folder holding files other than OpenAPI documents and
 * overlays (shared definitions, JSON Schemas: which files are fragments of others, and so which
 * are specs, then depends on all of them).
 *
 * @module
 */
import { realpathSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import type { OutputKind } from "./config.js";
import type { GeneratedFile } from "./emit/file.js";
import type { GenerateResult } from "./generate.js";
import { readSpecFile, type SpecFile } from "./load/read.js";
import type { KindedWarning } from "./model/modules.js";
import { emitAll, fileSet, stampFile } from "./pipeline.js";
import { judgesPatterns, patternsJudged } from "./pattern-gate.js";
import { readableBy, type Run } from "./settle.js";
import {
  isHashMap,
  MAX_STAMPED_BYTES,
  plainRelativePath,
  readRegularFile,
  readStampFile,
  STAMP_FILE,
  sameRun,
  sha,
} from "./stamp.js";
import { readUnits, readWarnings, type StampedUnit, stampUnits, type UnitKind, unitKind } from "./stamp-units.js";
import { outTarget } from "./write/outdir.js";
import { writeOutput } from "./write/writer.js";

/** What the stamp says an incremental run can build on. */
interface Plan {
  units: Map<string, StampedUnit>;
  warnings: KindedWarning[];
  /** The discovered files whose inputs changed, in discovery order. */
  changed: string[];
  /** The existing output's files (the stamp aside), by path, each as the stamp hashed it. */
  kept: Map<string, string>;
}

/** The kinds of discovered files an incremental run can work with: those whose part does not depend on the others. */
const INCREMENTAL_KINDS: ReadonlySet<UnitKind> = new Set(["openapi", "overlay"]);

const rel = (cwd: string, path: string) => relative(cwd, path).split(sep).join("/");

/**
 * The result of an incremental run, written, or undefined when it cannot be one (see the
 * module comment): then nothing was written and the caller runs the full pipeline.
 */
export async function incrementalRun(run: Run, kinds: OutputKind[]): Promise<GenerateResult | undefined> {
  const plan = planFromStamp(run);
  if (plan === undefined) return undefined;
  let redone: Redone | undefined;
  try {
    redone = await redo(run, kinds, plan);
  } catch {
    // A spec that fails: the full run fails on it too, and reports it with every detail.
    return undefined;
  }
  if (redone === undefined) return undefined;
  const { files, result } = redone;
  const warnings = writeOutput(run.out, files, { cwd: run.cwd, protect: run.protect });
  result.model.warnings.push(...warnings);
  return { ...result, files, warnings: result.model.warnings, written: true };
}

/** The plan, when the stamp is well-formed, of this kind of run, and some spec file changed. */
function planFromStamp(run: Run): Plan | undefined {
  const out = outTarget(run.out);
  const stamp = readStampFile(join(out, STAMP_FILE));
  if (stamp === undefined || !isHashMap(stamp.outputs) || !sameRun(stamp, run.cwd, run.stampConfig, run.specPaths))
    return undefined;
  const units = readUnits(stamp.units);
  const warnings = readWarnings(stamp.warnings);
  if (units === undefined || warnings === undefined) return undefined;
  const readable = readableBy(run);
  const same = new Map<string, boolean>();
  const unchanged = (input: string): boolean => {
    let known = same.get(input);
    if (known === undefined) {
      const abs = resolve(run.cwd, input);
      const hash = Object.hasOwn(stamp.inputs, input) ? stamp.inputs[input] : undefined;
      const bytes = hash !== undefined && readable(abs) ? readRegularFile(abs) : undefined;
      known = bytes !== undefined && sha(bytes) === hash;
      same.set(input, known);
    }
    return known;
  };
  const changed: string[] = [];
  for (const path of run.specPaths) {
    const unit = units.get(rel(run.cwd, path));
    // With any other kind of file in the folder, the full run asks which files are fragments of
    // others (load/fragments.ts: even an OpenAPI file reached only through pointers into it is
    // one), which depends on every document: such a folder is redone in full.
    if (unit === undefined || !INCREMENTAL_KINDS.has(unit.kind)) return undefined;
    if (unit.kind === "openapi" && unit.spec === undefined) return undefined;
    if (!unit.inputs.every(unchanged)) changed.push(path);
  }
  const kept = changed.length ? keptOutputs(out, stamp.outputs) : undefined;
  return kept && { units, warnings, changed, kept };
}

/**
 * The output's files as the stamp recorded them, read only inside the output folder (no
 * symlink on the way out of it), or undefined when any is missing or differs.
 */
function keptOutputs(out: string, outputs: Record<string, string>): Map<string, string> | undefined {
  const kept = new Map<string, string>();
  let realOut: string;
  try {
    realOut = realpathSync(out);
  } catch {
    return undefined;
  }
  for (const [path, hash] of Object.entries(outputs)) {
    if (!plainRelativePath(path) || path === STAMP_FILE) return undefined;
    const abs = join(realOut, path);
    let real: string;
    try {
      real = realpathSync(abs);
    } catch {
      return undefined;
    }
    const bytes = real === abs ? readRegularFile(abs, MAX_STAMPED_BYTES, true) : undefined;
    if (bytes === undefined || sha(bytes) !== hash) return undefined;
    const text = bytes.toString("utf8");
    if (!Buffer.from(text, "utf8").equals(bytes)) return undefined;
    kept.set(path, text);
  }
  return kept;
}

/** The files to write and the result to return. */
interface Redone {
  files: GeneratedFile[];
  result: Omit<GenerateResult, "written" | "files">;
}

/** The changed files read again, when each is still of the kind it was. */
function readChanged(run: Run, plan: Plan): SpecFile[] | undefined {
  const read = plan.changed.map(readSpecFile);
  const same = (f: SpecFile) => unitKind(f.kind, f.doc) === plan.units.get(rel(run.cwd, f.path))?.kind;
  return read.every(same) ? read : undefined;
}

/** Models and emits the changed specs; undefined when a summary changed. */
async function redo(run: Run, kinds: OutputKind[], plan: Plan): Promise<Redone | undefined> {
  const { cwd, root, config } = run;
  const read = readChanged(run, plan);
  if (read === undefined) return undefined;
  const specFiles = read.filter((f) => f.kind === "openapi");
  const isSpec = (path: string) => plan.units.get(rel(cwd, path))?.kind === "openapi";
  const changed = new Set(plan.changed);
  const takenElsewhere = run.specPaths
    .filter((p) => isSpec(p) && !changed.has(p))
    .flatMap((p) => plan.units.get(rel(cwd, p))!.spec!.names);
  const overlays = new Map(
    run.overlayPaths
      .filter(([spec]) => changed.has(spec))
      .map(([spec, files]) => [spec, files.map((f) => readSpecFile(f))]),
  );
  const { buildModel } = await import("./model/build.js");
  const options = { asWritten: true, allPaths: run.specPaths.filter(isSpec), takenElsewhere };
  const built = await buildModel(specFiles, root, overlays, config.package, run.refs, options);
  const { model } = built;
  if (built.problems.length || model.specs.length !== specFiles.length) return undefined;
  // The changed specs' regexes are judged on the judge's worker, as a full run's are (pattern-gate.ts).
  const gate = config.allowUnsafePatterns !== true ? { specFiles, root } : undefined;
  const judged = judgesPatterns(config, kinds)
    ? patternsJudged(model, undefined, gate, run.options.judgeBudgetMs)
    : undefined;
  const set = fileSet();
  let emitted = new Map<string, string[]>();
  try {
    if (specFiles.length) emitted = await emitAll(model, kinds, run, specFiles, set, judged);
  } finally {
    await judged;
  }
  const outputs = new Set(set.files.map((f) => f.path));
  const fresh = stampUnits({
    cwd,
    read,
    specs: model.specs,
    built: built.units,
    emitted,
    pathOf: (source) => resolve(root, source),
    overlaysOf: (path) => run.overlayPaths.find(([spec]) => spec === path)?.[1] ?? [],
    outputs,
  });
  for (const [path, unit] of Object.entries(fresh)) {
    if (unit.spec?.summary !== plan.units.get(path)?.spec?.summary) return undefined;
  }
  const files = assemble(plan, fresh, set.files);
  const units = Object.fromEntries([...plan.units, ...Object.entries(fresh)].sort(([a], [b]) => (a < b ? -1 : 1)));
  const inputs = Object.values(units).flatMap((u) => u.inputs.map((i) => resolve(cwd, i)));
  files.push(stampFile(run, inputs, files, { units, warnings: plan.warnings }));
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, result: resultOf(run, model, plan) };
}

/** The existing output less the changed specs' own files, plus their new ones. */
function assemble(plan: Plan, fresh: Record<string, StampedUnit>, emitted: GeneratedFile[]): GeneratedFile[] {
  const owned = new Set(Object.values(fresh).flatMap((u) => u.spec?.outputs ?? []));
  const files = [...plan.kept].filter(([path]) => !owned.has(path)).map(([path, contents]) => ({ path, contents }));
  return [...files, ...emitted.filter((f) => owned.has(f.path))];
}

/** What `generate` returns: the model of the specs redone, and the run's warnings (as the stamp kept them). */
function resultOf(run: Run, model: GenerateResult["model"], plan: Plan): Redone["result"] {
  const warningKinds = new Map(plan.warnings.flatMap(([t, k]) => (k === undefined ? [] : [[t, k] as const])));
  const warnings = plan.warnings.map(([t]) => t);
  const kept = [...plan.units.values()].filter((u) => u.kind === "openapi").length - model.specs.length;
  const all = { ...model, warnings, warningKinds };
  return { model: all, problems: [], warnings, out: run.out, upToDate: false, kept };
}
