/**
 * The model of every spec file: each OpenAPI document bundled (with its overlays) and modelled
 * (openapi-spec.ts), each bare JSON Schema wrapped and modelled (schema-spec.ts), after the
 * guards Redocly and JSON need; then the names that must be unique across specs.
 *
 * @module
 */
import { relative, sep } from "node:path";
import type { NormalizedProblem } from "@redocly/openapi-core";
import { bundleOpenApi } from "../load/bundle.js";
import { applyOverlay, type OverlayRule } from "../load/overlay.js";
import { makeRefPolicy, type RefPolicy } from "../load/policy.js";
import type { SpecFile } from "../load/read.js";
import { splitTolerated } from "../load/tolerance.js";
import type { WarningKind } from "../warnings.js";
import { docLinkBase } from "./docs.js";
import { rejectNonFinite } from "./finite.js";
import { located } from "./located.js";
import { claimModules, type KindedWarning, type ModuleClaim } from "./modules.js";
import { openApiSpec } from "./openapi-spec.js";
import { explainPrototypeKey, redocly, rejectRedoclyTraps } from "./redocly-guards.js";
import { schemaSpec } from "./schema-spec.js";
import { valueNames } from "./value-names.js";
import type { Model, PackageInfo, SpecModel } from "./types.js";

export interface BuildResult {
  model: Model;
  problems: NormalizedProblem[];
  /** Every document read: the spec files and all documents their `$ref`s reach (paths, or URLs for remote ones). */
  inputs: string[];
  /** What each spec file (by its source) read and warned, for the stamp (see stamp-units.ts). */
  units: Map<string, BuiltUnit>;
}

/** What the build of one spec file read and said: an incremental run needs it per spec. */
export interface BuiltUnit {
  /** The documents it read (the file itself, those its `$ref`s reach). */
  inputs: string[];
  /** Its warnings, in order, with their kinds. */
  warnings: KindedWarning[];
  /** Its licence header, for the package's LICENSE. */
  notice?: string;
}

export interface BuildOptions {
  /** Also model each spec that has overlays without them (see {@link SpecModel.asWritten}). */
  asWritten?: boolean;
  /** Every spec file of the run, in order, when `files` holds only some of them: module names depend on all. */
  allPaths?: readonly string[];
  /** Value names other specs of the run export (see {@link valueNames}), when `files` holds only some specs. */
  takenElsewhere?: Iterable<string>;
}

/** What the build of every file adds to, and what each file's build needs. */
interface Build {
  root: string;
  overlays: ReadonlyMap<string, SpecFile[]>;
  refs: RefPolicy;
  asWritten: boolean;
  warnings: string[];
  /** The kind of each warning that has one (see warnings.ts), for the CLI's summary per kind. */
  kinds: Map<string, WarningKind>;
  note: (text: string, kind?: WarningKind) => void;
  /** Module paths are file names in the output: unique ignoring case (see modules.ts). */
  modules: ReadonlyMap<string, ModuleClaim>;
  notices: PackageInfo["notices"];
  inputs: string[];
  problems: NormalizedProblem[];
  specs: SpecModel[];
  units: Map<string, BuiltUnit>;
}

/** Builds the model from parsed spec files (OpenAPI documents and bare JSON Schemas). */
export async function buildModel(
  files: SpecFile[],
  root: string,
  overlays: ReadonlyMap<string, SpecFile[]>,
  pkg: { name: string; version: string; license: string },
  // What `$ref`s may read (see load/policy.ts); by default, the project root around `root`.
  refs: RefPolicy = makeRefPolicy([root], root),
  options: BuildOptions = {},
): Promise<BuildResult> {
  const warnings: string[] = [];
  const kinds = new Map<string, WarningKind>();
  const note = (text: string, kind?: WarningKind): void => {
    warnings.push(text);
    if (kind !== undefined) kinds.set(text, kind);
  };
  const build: Build = {
    root,
    overlays,
    refs,
    asWritten: options.asWritten === true,
    warnings,
    kinds,
    note,
    modules: claimModules((options.allPaths ?? files.map((f) => f.path)).map((p) => sourceOf(root, p))),
    notices: [],
    inputs: [],
    problems: [],
    specs: [],
    units: new Map(),
  };
  for (const file of files) await buildFile(build, file);
  const { specs, notices, problems, inputs, units } = build;
  separateValueNames(specs, options.takenElsewhere ?? [], (spec, m) => {
    note(m, "operation-renamed");
    units.get(spec.source)?.warnings.push([m, "operation-renamed"]);
  });
  const model = { specs, warnings, warningKinds: kinds, pkg: { ...pkg, notices } };
  return { model, problems, inputs, units };
}

/** A spec file's path relative to the module root, `/`-separated. */
const sourceOf = (root: string, path: string) => relative(root, path).split(sep).join("/");

/** Models one spec file into `build`: OpenAPI or bare JSON Schema (other kinds are not specs). */
async function buildFile(build: Build, file: SpecFile): Promise<void> {
  const source = sourceOf(build.root, file.path);
  const [firstWarning, firstInput] = [build.warnings.length, build.inputs.length];
  // A SpecError raised while reading the spec (or applying its overlays) gets the line of its pointer.
  try {
    build.inputs.push(file.path);
    const claim = build.modules.get(source)!;
    for (const [text, kind] of claim.warnings) build.note(text, kind);
    const header = /^(#[^\n]*\n)+/.exec(file.text)?.[0];
    const notice = header && /copyright|licen[cs]e/i.test(header) ? header.replace(/^# ?/gm, "") : undefined;
    if (notice !== undefined) build.notices.push({ source, text: notice });
    if (file.kind === "openapi") await openApiFile(build, file, source, claim.module);
    else if (file.kind === "json-schema") await schemaFile(build, file, source, claim.module);
    const kinded = (t: string): KindedWarning => {
      const kind = build.kinds.get(t);
      return kind === undefined ? [t] : [t, kind];
    };
    const warnings = build.warnings.slice(firstWarning).map(kinded);
    const inputs = build.inputs.slice(firstInput);
    build.units.set(source, { inputs, warnings, ...(notice !== undefined && { notice }) });
  } catch (err) {
    const overlays = build.overlays.get(file.path) ?? [];
    throw located(err, [[source, file], ...overlays.map((o): [string, SpecFile] => [o.path, o])]);
  }
}

/** An OpenAPI spec file: its overlays applied, bundled through the struct gate, modelled. */
async function openApiFile(build: Build, file: SpecFile, source: string, module: string): Promise<void> {
  let overlaid: unknown;
  const rules: OverlayRule[] = [];
  for (const overlay of build.overlays.get(file.path) ?? [])
    overlaid = applyOverlay(overlaid ?? file.doc, overlay.doc, overlay.path, (r) => rules.push(r));
  rejectRedoclyTraps(file.doc, source);
  if (overlaid !== undefined) rejectRedoclyTraps(overlaid, `${source} (with its overlays)`);
  const bundled = await redocly(source, () => bundleOpenApi(file.path, overlaid, build.refs, file));
  build.problems.push(...bundled.problems.map(explainPrototypeKey));
  const tolerated = splitTolerated(bundled.tolerated, source, bundled.within, file.path);
  tolerated.warnings.forEach((w, i) => {
    build.note(w, tolerated.kinds[i] as WarningKind);
  });
  const ignored = tolerated.ignored.length ? { ignoredKeywords: tolerated.ignored } : {};
  build.inputs.push(...bundled.files);
  if (bundled.problems.length) return;
  rejectNonFinite(bundled.document, source);
  const spec = openApiSpec(source, module, bundled.document, (m, kind) => build.note(`${source}: ${m}`, kind));
  const asWritten =
    overlaid !== undefined && build.asWritten
      ? await specAsWritten(file, source, module, build.refs, (m) => build.warnings.push(`${source}: ${m}`))
      : undefined;
  const links = docLinkBase(file.text);
  build.specs.push({
    ...spec,
    ...ignored,
    ...(rules.length && { overlayRules: rules }),
    ...(asWritten && { asWritten: { ...asWritten, ...ignored } }),
    ...(links && { linkBase: links }),
  });
}

/** A bare JSON Schema file, wrapped in a synthetic OpenAPI document and modelled. */
async function schemaFile(build: Build, file: SpecFile, source: string, module: string): Promise<void> {
  rejectRedoclyTraps(file.doc, source);
  const warn = (m: string) => build.warnings.push(`${source}: ${m}`);
  const built = await redocly(source, () => schemaSpec(file, source, module, warn, build.refs));
  build.problems.push(...built.problems);
  build.inputs.push(...built.files);
  const links = docLinkBase(file.text);
  if (built.spec) build.specs.push(links ? { ...built.spec, linkBase: links } : built.spec);
}

/**
 * A spec file bundled and modelled without its overlays. Its warnings are the overlaid spec's
 * own (same file), so they are not repeated. When only its overlays make it pass the gate, it
 * has no as-written validators, with a warning.
 */
async function specAsWritten(
  file: SpecFile,
  source: string,
  module: string,
  refs: RefPolicy,
  warn: (m: string) => void,
): Promise<SpecModel | undefined> {
  const bundled = await redocly(source, () => bundleOpenApi(file.path, undefined, refs, file));
  const problem = bundled.problems[0];
  if (!problem) return openApiSpec(source, module, bundled.document, () => {});
  // Its overlays repair it (see load/bundle.ts): there is no valid spec "as written" to compile.
  warn(`no as-written validators: without its overlays the spec does not pass the gate (${problem.message})`);
  return undefined;
}

/**
 * The package's root index re-exports the validators (`validateX`, `isX`, `assertX` for every
 * named type of every spec) beside the client functions; a client function with one of those
 * names (an operation `isFooResponse`) would make both ambiguous, so it gets a `_` suffix.
 */
function separateValueNames(
  specs: SpecModel[],
  elsewhere: Iterable<string>,
  warn: (spec: SpecModel, message: string) => void,
): void {
  const taken = new Set<string>();
  for (const name of [...specs.flatMap(valueNames), ...elsewhere]) {
    for (const prefix of ["validate", "is", "assert"]) taken.add(prefix + name);
    taken.add(name);
  }
  for (const spec of specs) {
    for (const op of spec.operations) {
      const clashes = (n: string) => taken.has(n) || (op.redirect && taken.has(`${n}Url`));
      if (!clashes(op.name)) continue;
      const was = op.name;
      while (clashes(op.name)) op.name += "_";
      const why = "would clash with a generated validator or type";
      warn(
        spec,
        `${spec.source}: operation ${JSON.stringify(op.operationId)}: function ${was} ${why}; using ${op.name}`,
      );
    }
  }
}
