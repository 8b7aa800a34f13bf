// The Redocly side of `specgen lint` (see index.ts, which reads the files and starts the regex
// verdicts before this module, and so Redocly, is loaded).
import { lint as redoclyLint, type Config, type NormalizedProblem } from "@redocly/openapi-core";
import { readRegularFile, readSpecFile, strayKind, type DocumentKind, type SpecFile } from "../load/read.js";
import { DocumentStore } from "../load/refs.js";
import { references } from "../load/fragments.js";
import { applyOverlay, checkTarget, overlayActions } from "../load/overlay.js";
import { assertReadable, hasScheme, type RefPolicy } from "../load/policy.js";
import { explainRefCycle, PolicyResolver, SharedReads } from "../load/resolver.js";
import { dirname, resolve } from "node:path";
import { SpecError } from "../errors.js";
import { NULLABLE_WITHOUT_TYPE } from "../load/tolerance.js";
import { namesSchema } from "../load/mapping-names.js";
import { PointerSyntaxError, pointerTokens, valueAt } from "../load/pointer.js";
import { fileProblem, lintJsonSchema } from "./json-schema.js";
import { regexesIn } from "./find-patterns.js";
import { loadLintConfig } from "./config.js";
import type { Judge } from "./judge.js";
import type { LintResult, ReadFile } from "./index.js";
import { unoptimisedRedoclyAjv } from "./redocly-ajv.js";

unoptimisedRedoclyAjv();

/**
 * Lints the files `read` (each parsed, or the error reading it): OpenAPI with Redocly + the
 * specgen plugin, JSON Schema against its meta-schema. `judge` brings recheck's verdicts;
 * `patterns` holds the regexes already found in files of `read`, by path.
 */
export async function lintFiles(
  read: readonly ReadFile[],
  policy: RefPolicy,
  judge: Judge,
  configPath: string | undefined,
  cwd: string,
  patterns: ReadonlyMap<string, string[]> = new Map(),
): Promise<LintResult> {
  const files: LintResult["files"] = [];
  const problems: NormalizedProblem[] = [];
  const specs: SpecFile[] = [];
  for (const file of read) {
    if ("kind" in file) specs.push(file);
    else {
      files.push({ path: file.path, kind: "error" });
      problems.push(problemFromError(file.error));
    }
  }
  // Files that documents reference are linted through them; fragments (example data, containers) only so.
  // The same store serves the example check of every document (see plugin.ts).
  const store = new DocumentStore(
    policy,
    specs.map((s) => [s.path, s.doc]),
  );
  const config: Config = await loadLintConfig(configPath, policy, cwd, store);
  const of = (kind: DocumentKind) => specs.filter((s) => s.kind === kind).map((s) => s.path);
  const { referenced, fragments } = references(store, of("openapi"), of("json-schema"));
  const reached = reachedPatterns(store, patterns);
  // The regexes of referenced files too, so that no rule has to ask recheck synchronously.
  for (const path of of("openapi")) judge.send(reached(path));
  const shared = new SharedReads(policy);
  for (const spec of specs) shared.seed(spec.path, spec.text, spec.doc);
  const run: Run = { config, policy, judge, shared, reached, referenced, fragments };
  // Documents that reach no regex are linted first, while recheck judges the others' regexes: a
  // fixed order, not one of arrival, and the problems are listed in the files' order below.
  const first = specs.filter((s) => s.kind === "openapi" && reached(s.path).length === 0);
  const found = new Map<SpecFile, NormalizedProblem[]>();
  for (const spec of [...first, ...specs.filter((s) => !first.includes(s))]) found.set(spec, await lintSpec(spec, run));
  for (const spec of specs) {
    files.push({ path: spec.path, kind: spec.kind });
    problems.push(...found.get(spec)!);
  }
  const visible = dropRepeats(problems.filter((p) => !p.ignored && !mappingName(p, store))).map(nullableOpinion);
  return {
    files,
    problems: visible,
    errors: visible.filter((p) => p.severity === "error").length,
    warnings: visible.filter((p) => p.severity === "warn").length,
  };
}

/** What linting one file needs from its run. */
interface Run {
  config: Config;
  policy: RefPolicy;
  judge: Judge;
  shared: SharedReads;
  reached: (path: string) => string[];
  referenced: Set<string>;
  fragments: Set<string>;
}

/** The problems of one file, by its kind (none for files linted through the documents that use them). */
async function lintSpec(spec: SpecFile, run: Run): Promise<NormalizedProblem[]> {
  const { path } = spec;
  if (spec.kind === "openapi") {
    await run.judge.ready(run.reached(path));
    return lintOpenApi(spec, run.config, run.policy, run.shared);
  }
  if (spec.kind === "json-schema" && !run.fragments.has(path)) {
    await run.judge.ready(regexesIn(spec.doc));
    return lintJsonSchema(path, spec.text, spec.doc);
  }
  if (spec.kind === "overlay") return lintOverlay(spec, run.policy);
  if (spec.kind === "unknown" && !run.referenced.has(path))
    return [
      fileProblem(path, spec.text, `${strayKind(spec.doc)}, and no document here refers to it.`, "document-kind"),
    ];
  return [];
}

/**
 * The regexes a document reaches: its own and those of the files its `$ref`s reach (each file
 * walked once per run, and those in `known` not again; each document's answer kept). A
 * document that cannot be read has none (lint reports it).
 */
function reachedPatterns(store: DocumentStore, known: ReadonlyMap<string, string[]>): (path: string) => string[] {
  const byDocument = new Map<string, string[]>();
  const patternsIn = (file: string) => known.get(file) ?? store.found(file, "patterns", regexesIn);
  return (path) => {
    let reached = byDocument.get(path);
    if (reached) return reached;
    try {
      reached = [...store.closure(path).keys()].flatMap(patternsIn);
    } catch (err) {
      if (!(err instanceof SpecError)) throw err;
      reached = [];
    }
    byDocument.set(path, reached);
    return reached;
  };
}

/**
 * Redocly's lint of one OpenAPI file, reading through the policy's resolver; `shared` holds
 * what the resolvers of the run's other files have read.
 */
async function lintOpenApi(
  spec: SpecFile,
  config: Config,
  policy: RefPolicy,
  shared: SharedReads,
): Promise<NormalizedProblem[]> {
  const { path } = spec;
  try {
    const resolver = new PolicyResolver(policy, config.resolve, shared);
    // Redocly starts from the file as read.ts parsed it (with Redocly's own YAML schema) instead
    // of reading and parsing it again: on a 13 MB spec that second parse was a tenth of lint.
    // Lint does not change the documents it reads (bundling would; lint never bundles).
    const source = shared.sourceOf(path, spec.text.replace(/\r\n/g, "\n"));
    resolver.cache.set(path, Promise.resolve({ source, parsed: spec.doc }));
    return await resolver.explain(await redoclyLint({ ref: path, config, externalRefResolver: resolver }));
  } catch (thrown) {
    // The document itself could not be read (a symlink out of the root, say), or its `$ref`s
    // go round in a cycle (located here, as Redocly does not say where): one problem, not a crash.
    const err = explainRefCycle(thrown, path, policy);
    if (err instanceof SpecError) return [problemFromError(err)];
    return [problemFromError(new SpecError(err instanceof Error ? err.message : String(err), path))];
  }
}

/** An overlay's shape, and, when it names its target with `extends`, that every action applies. */
function lintOverlay(spec: SpecFile, policy: RefPolicy): NormalizedProblem[] {
  try {
    // Every target is checked, with or without `extends`: one with a function call or bad syntax is named here.
    overlayActions(spec.doc, spec.path).forEach((action, i) => {
      checkTarget(action.target, spec.path, i);
    });
    const target = (spec.doc as { extends?: unknown }).extends;
    if (typeof target === "string" && !hasScheme(target)) {
      const path = resolve(dirname(spec.path), target);
      assertReadable(policy, path, spec.path);
      applyOverlay(readSpecFile(path).doc, spec.doc, spec.path);
    }
    return [];
  } catch (err) {
    if (!(err instanceof SpecError)) throw err;
    return [fileProblem(spec.path, spec.text, err.message, "overlay-valid", err.pointer ? `#${err.pointer}` : "#/")];
  }
}

/**
 * Redocly's struct rule wants a `type` beside every `nullable`; OpenAPI 3.0 does not (see
 * load/tolerance.ts), so lint reports it as a warning and `generate` accepts it.
 */
function nullableOpinion(problem: NormalizedProblem): NormalizedProblem {
  return problem.ruleId === "struct" && problem.message === NULLABLE_WITHOUT_TYPE
    ? { ...problem, severity: "warn" }
    : problem;
}

/**
 * Redocly's no-unresolved-refs reads a discriminator mapping's value as a reference only; one
 * that names a schema of its document's `components/schemas` is valid OpenAPI (OpenAPI 3.1.1,
 * 3.0.4), is what `generate` accepts (load/mapping-names.ts), and is not reported.
 */
function mappingName(problem: NormalizedProblem, store: DocumentStore): boolean {
  const at = problem.location[0];
  if (problem.ruleId !== "no-unresolved-refs" || at?.pointer === undefined) return false;
  let tokens: string[];
  try {
    tokens = pointerTokens(at.pointer);
  } catch (err) {
    if (err instanceof PointerSyntaxError) return false;
    throw err;
  }
  if (tokens.length < 3 || tokens.at(-2) !== "mapping" || tokens.at(-3) !== "discriminator") return false;
  const file = at.source.absoluteRef;
  let doc: unknown;
  try {
    doc = store.get(file);
  } catch (err) {
    if (err instanceof SpecError) return false;
    throw err;
  }
  return namesSchema(doc, valueAt(doc, tokens));
}

/**
 * Redocly resolves some `$ref`s inside example values too: a refused or missing target is then
 * reported by no-unresolved-refs and by specgen/example-valid at the same place. One is kept, and
 * of problems repeated word for word at the same places, the first.
 */
function dropRepeats(problems: NormalizedProblem[]): NormalizedProblem[] {
  type Place = NormalizedProblem["location"][number];
  const place = (l: Place | undefined) => `${l?.source.absoluteRef}#${l?.pointer}${l?.reportOnKey ? " key" : ""}`;
  const at = (p: NormalizedProblem) => place(p.location[0]);
  const unresolved = problems.filter((p) => p.ruleId === "no-unresolved-refs");
  const repeatsUnresolved = (p: NormalizedProblem) =>
    p.ruleId === "specgen/example-valid" && unresolved.some((u) => at(u) === at(p) && u.message.includes(p.message));
  // Redocly 1.34 reports an unresolvable discriminator mapping value twice, word for word.
  const seen = new Set<string>();
  const repeatsItself = (p: NormalizedProblem) => {
    const key = JSON.stringify([p.ruleId, p.severity, p.message, p.location.map(place)]);
    if (seen.has(key)) return true;
    seen.add(key);
    return false;
  };
  return problems.filter((p) => !repeatsUnresolved(p) && !repeatsItself(p));
}

function problemFromError(err: SpecError): NormalizedProblem {
  let text = "";
  try {
    text = readRegularFile(err.file);
  } catch {
    // unreadable: the message says so
  }
  const location =
    err.line !== undefined
      ? { source: sourceOf(err.file, text), pointer: undefined, start: { line: err.line, col: err.column ?? 1 } }
      : { source: sourceOf(err.file, text), pointer: err.pointer ? `#${err.pointer}` : "#/" };
  return {
    ruleId: "spec-read",
    severity: "error",
    message: err.message,
    location: [location],
    suggest: [],
  } as NormalizedProblem;
}

function sourceOf(file: string, text: string) {
  return fileProblem(file, text, "", "").location[0]!.source;
}
