import { lint as redoclyLint, type Config, type NormalizedProblem } from "@redocly/openapi-core";
import { discoverSpecFiles } from "../load/discover.js";
import { readRegularFile, readSpecFile, strayKind, type DocumentKind, type SpecFile } from "../load/read.js";
import { DocumentStore } from "../load/refs.js";
import { references } from "../load/fragments.js";
import { applyOverlay, checkTarget, overlayActions } from "../load/overlay.js";
import { assertReadable, hasScheme, makeRefPolicy, type RefOptions, type RefPolicy } from "../load/policy.js";
import { explainRefCycle, PolicyResolver, SharedReads } from "../load/resolver.js";
import { dirname, resolve } from "node:path";
import { SpecError } from "../errors.js";
import { NULLABLE_WITHOUT_TYPE } from "../load/tolerance.js";
import { fileProblem, lintJsonSchema } from "./json-schema.js";
import { findPatterns, judgePatterns } from "./patterns.js";
import { loadLintConfig } from "./config.js";

export interface LintOptions extends RefOptions {
  /** Redocly config file; defaults to ./redocly.yaml, else the toolkit's own. */
  config?: string;
  cwd?: string;
}

export interface LintResult {
  files: Array<{ path: string; kind: DocumentKind | "error" }>;
  problems: NormalizedProblem[];
  errors: number;
  warnings: number;
}

/**
 * Lints every spec file under `paths`: OpenAPI with Redocly + the specgen plugin, JSON Schema against its meta-schema.
 */
export async function lint(paths: readonly string[], options: LintOptions = {}): Promise<LintResult> {
  const cwd = resolve(options.cwd ?? process.cwd());
  // `$ref`s (and overlay `extends`) may read only inside the roots of the paths given; see policy.ts.
  const policy = makeRefPolicy(paths, cwd, options);
  const files: LintResult["files"] = [];
  const problems: NormalizedProblem[] = [];
  const specs: SpecFile[] = [];
  for (const path of discoverSpecFiles(paths, cwd)) {
    try {
      specs.push(readSpecFile(path));
    } catch (err) {
      if (!(err instanceof SpecError)) throw err;
      files.push({ path, kind: "error" });
      problems.push(problemFromError(err));
    }
  }
  // recheck judges every regex of the files before the rules ask for them (see judgePatterns).
  const judged = judgePatterns(specs.flatMap((s) => findPatterns(s.doc).map((f) => f.pattern)));
  // Files that documents reference are linted through them; fragments (example data, containers) only so.
  // The same store serves the example check of every document (see plugin.ts).
  const store = new DocumentStore(
    policy,
    specs.map((s) => [s.path, s.doc]),
  );
  const config: Config = await loadLintConfig(options.config, policy, cwd, store);
  const of = (kind: DocumentKind) => specs.filter((s) => s.kind === kind).map((s) => s.path);
  const { referenced, fragments } = references(store, of("openapi"), of("json-schema"));
  const shared = new SharedReads();
  for (const spec of specs) shared.seed(spec.path, spec.text, spec.doc);
  await judged;
  for (const spec of specs) {
    const { path } = spec;
    files.push({ path, kind: spec.kind });
    if (spec.kind === "openapi") problems.push(...(await lintOpenApi(spec, config, policy, shared)));
    else if (spec.kind === "json-schema" && !fragments.has(path))
      problems.push(...lintJsonSchema(path, spec.text, spec.doc));
    else if (spec.kind === "overlay") problems.push(...lintOverlay(spec, policy));
    else if (spec.kind === "unknown" && !referenced.has(path))
      problems.push(
        fileProblem(path, spec.text, `${strayKind(spec.doc)}, and no document here refers to it.`, "document-kind"),
      );
  }
  const visible = dropRepeats(problems.filter((p) => !p.ignored)).map(nullableOpinion);
  return {
    files,
    problems: visible,
    errors: visible.filter((p) => p.severity === "error").length,
    warnings: visible.filter((p) => p.severity === "warn").length,
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
 * Redocly resolves some `$ref`s inside example values too: a refused or missing target is then
 * reported by no-unresolved-refs and by specgen/example-valid at the same place. One is kept.
 */
function dropRepeats(problems: NormalizedProblem[]): NormalizedProblem[] {
  const at = (p: NormalizedProblem) => `${p.location[0]?.source.absoluteRef}#${p.location[0]?.pointer}`;
  const unresolved = problems.filter((p) => p.ruleId === "no-unresolved-refs");
  return problems.filter(
    (p) =>
      p.ruleId !== "specgen/example-valid" || !unresolved.some((u) => at(u) === at(p) && u.message.includes(p.message)),
  );
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
