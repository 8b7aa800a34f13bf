/**
 * The stamp's record of each spec file (see stamp.ts), which lets a run whose inputs changed
 * for a few specs only redo those (incremental.ts): the files each one read, and for a modelled
 * spec the names it takes from the others, the output files it owns and a summary of all that
 * the rest of the package reads from it. Everything package-wide (the index files, package.json,
 * README, LICENSE, the shared runtimes, every other spec's files) is a function of the config,
 * the list of specs and these summaries; a spec whose summary did not change leaves it as it was.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { relative, sep } from "node:path";
import type { DocumentKind } from "./load/read.js";
import type { BuiltUnit } from "./model/build.js";
import { valueNames } from "./model/value-names.js";
import type { KindedWarning } from "./model/modules.js";
import type { OperationModel, SpecModel } from "./model/types.js";

/**
 * What a discovered file was read as: a {@link DocumentKind}, except that a file of unknown kind
 * that is a list or a scalar is `"not-a-mapping"` (such a file no document references is an error).
 */
export type UnitKind = DocumentKind | "not-a-mapping";

/** The kind a unit of a file read as `kind` holding `doc` has. */
export function unitKind(kind: DocumentKind, doc: unknown): UnitKind {
  const mapping = typeof doc === "object" && doc !== null && !Array.isArray(doc);
  return kind === "unknown" && !mapping ? "not-a-mapping" : kind;
}

/** What the stamp keeps of one spec file the run discovered. */
export interface StampedUnit {
  kind: UnitKind;
  /** The files it read (itself, what its `$ref`s reach, its overlays), relative to the working directory. */
  inputs: string[];
  /** For a file that became a spec: see {@link StampedSpec}. */
  spec?: StampedSpec;
}

export interface StampedSpec {
  /** The names it takes in the package's root index (see model/build.ts valueNames). */
  names: string[];
  /** The output files that are its own, relative to the output folder. */
  outputs: string[];
  /** SHA-256 of everything package-wide files and other specs read from it ({@link specSummary}). */
  summary: string;
}

const rel = (cwd: string, path: string) => relative(cwd, path).split(sep).join("/");
const sha = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * The output files a spec with this module may own: its types, validators (each front with the
 * Ajv module under it, as written too) and client.
 */
function ownedPaths(module: string, emitted: ReadonlySet<string>): string[] {
  const candidates = [
    `types/${module}.d.ts`,
    `validators/${module}.js`,
    `validators/${module}.ajv.js`,
    `validators/${module}.d.ts`,
    `validators/${module}.as-written.js`,
    `validators/${module}.as-written.ajv.js`,
    `validators/${module}.as-written.d.ts`,
    `client/${module}.js`,
    `client/${module}.d.ts`,
  ];
  return candidates.filter((p) => emitted.has(p));
}

/**
 * An operation as the package-wide files see it: all of it but the prose only its own spec's
 * files print (descriptions, Matrix version notes). The summary (README) stays in.
 */
function operationFacts(op: OperationModel): Record<string, unknown> {
  const { description: _d, since: _s, changed: _c, ...rest } = op;
  return { ...rest, responses: op.responses.map(({ description: _r, ...response }) => response) };
}

/**
 * What the package-wide files and the other specs read from one spec, hashed: its module and
 * kind, its operations and webhooks (less prose), its named schemas, whether it has as-written
 * validators, its licence header, its warnings and the files it owns. Two runs that agree on
 * it for every spec write the same package-wide files and warnings.
 */
function specSummary(spec: SpecModel, unit: BuiltUnit, emitWarnings: readonly string[], outputs: string[]) {
  const facts = {
    source: spec.source,
    module: spec.module,
    kind: spec.kind,
    basePath: spec.basePath,
    operations: spec.operations.map(operationFacts),
    webhooks: spec.webhooks.map(operationFacts),
    schemas: spec.schemas,
    asWritten: spec.asWritten !== undefined,
    notice: unit.notice ?? null,
    warnings: [...unit.warnings, ...emitWarnings],
    outputs,
  };
  return sha(JSON.stringify(facts));
}

/** What a run found, for {@link stampUnits}. */
export interface RunRecord {
  cwd: string;
  /** Every spec file discovered, with the kind it was read as. */
  read: ReadonlyArray<{ path: string; kind: DocumentKind; doc: unknown }>;
  specs: readonly SpecModel[];
  /** Per spec source: what its build read and said. */
  built: ReadonlyMap<string, BuiltUnit>;
  /** Per spec source: the emitters' warnings about it. */
  emitted: ReadonlyMap<string, readonly string[]>;
  /** The absolute path of each spec file, by source. */
  pathOf: (source: string) => string;
  overlaysOf: (path: string) => readonly string[];
  outputs: ReadonlySet<string>;
}

/** The stamp's units: one per discovered file, keyed by its path relative to the working directory. */
export function stampUnits(r: RunRecord): Record<string, StampedUnit> {
  const bySpecPath = new Map(r.specs.map((s) => [r.pathOf(s.source), s]));
  const units: Record<string, StampedUnit> = {};
  for (const { path, kind, doc } of [...r.read].sort((a, b) => (rel(r.cwd, a.path) < rel(r.cwd, b.path) ? -1 : 1))) {
    const spec = bySpecPath.get(path);
    const built = spec && r.built.get(spec.source);
    const read = [path, ...(built?.inputs ?? []), ...(spec ? r.overlaysOf(path) : [])];
    const inputs = [...new Set(read.map((p) => rel(r.cwd, p)))].sort();
    const unit: StampedUnit = { kind: unitKind(kind, doc), inputs };
    if (spec && built) {
      const outputs = ownedPaths(spec.module, r.outputs);
      const summary = specSummary(spec, built, r.emitted.get(spec.source) ?? [], outputs);
      unit.spec = { names: valueNames(spec), outputs, summary };
    }
    units[rel(r.cwd, path)] = unit;
  }
  return units;
}

const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === "string");
const KINDS: ReadonlySet<unknown> = new Set(["openapi", "json-schema", "overlay", "unknown", "not-a-mapping"]);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** One unit as the stamp holds it, when it has the shape {@link StampedUnit} says, else undefined. */
function checkUnit(raw: unknown): StampedUnit | undefined {
  if (!isRecord(raw) || !KINDS.has(raw.kind) || !isStrings(raw.inputs)) return undefined;
  const unit: StampedUnit = { kind: raw.kind as UnitKind, inputs: raw.inputs };
  if (raw.spec === undefined) return unit;
  const spec = raw.spec;
  if (!isRecord(spec) || !isStrings(spec.names) || !isStrings(spec.outputs) || typeof spec.summary !== "string")
    return undefined;
  return { ...unit, spec: { names: spec.names, outputs: spec.outputs, summary: spec.summary } };
}

/** The stamp's units (untrusted data): a map by path when every one is well-formed, else undefined. */
export function readUnits(raw: unknown): Map<string, StampedUnit> | undefined {
  if (!isRecord(raw)) return undefined;
  const units = new Map<string, StampedUnit>();
  for (const [path, value] of Object.entries(raw)) {
    const unit = checkUnit(value);
    if (unit === undefined) return undefined;
    units.set(path, unit);
  }
  return units;
}

/** The stamp's warnings (untrusted data) when well-formed: `[text]` or `[text, kind]` pairs. */
export function readWarnings(raw: unknown): KindedWarning[] | undefined {
  const ok = Array.isArray(raw) && raw.every((w) => isStrings(w) && (w.length === 1 || w.length === 2));
  return ok ? (raw as KindedWarning[]) : undefined;
}
