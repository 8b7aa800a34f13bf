import { lint as redoclyLint, type Config, type NormalizedProblem } from "@redocly/openapi-core";
import { readFileSync } from "node:fs";
import { discoverSpecFiles } from "../load/discover.js";
import { readSpecFile, type DocumentKind, type SpecFile } from "../load/read.js";
import { DocumentStore } from "../load/refs.js";
import { applyOverlay, overlayActions } from "../load/overlay.js";
import { dirname, resolve } from "node:path";
import { SpecError } from "../errors.js";
import { fileProblem, lintJsonSchema } from "./json-schema.js";
import { loadLintConfig } from "./config.js";

export interface LintOptions {
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

/** Lints every spec file under `paths`: OpenAPI with Redocly + the specgen plugin, JSON Schema against its meta-schema. */
export async function lint(paths: readonly string[], options: LintOptions = {}): Promise<LintResult> {
  const config: Config = await loadLintConfig(options.config);
  const files: LintResult["files"] = [];
  const problems: NormalizedProblem[] = [];
  const specs = [];
  for (const path of discoverSpecFiles(paths, options.cwd)) {
    try {
      specs.push(readSpecFile(path));
    } catch (err) {
      if (!(err instanceof SpecError)) throw err;
      files.push({ path, kind: "error" });
      problems.push(problemFromError(err));
    }
  }
  const fragments = referencedFiles(specs);
  for (const spec of specs) {
    const { path } = spec;
    files.push({ path, kind: spec.kind });
    if (spec.kind === "openapi") problems.push(...(await redoclyLint({ ref: path, config })));
    else if (spec.kind === "json-schema") problems.push(...lintJsonSchema(path, spec.text, spec.doc));
    else if (spec.kind === "overlay") problems.push(...lintOverlay(spec));
    else if (spec.kind === "unknown" && !fragments.has(path)) {
      problems.push(fileProblem(path, spec.text, "Neither an OpenAPI document (no `openapi` field) nor a JSON Schema (no schema keyword at the top level), and no OpenAPI document here refers to it.", "document-kind"));
    }
  }
  const visible = problems.filter((p) => !p.ignored);
  return {
    files,
    problems: visible,
    errors: visible.filter((p) => p.severity === "error").length,
    warnings: visible.filter((p) => p.severity === "warn").length,
  };
}

/**
 * Files that OpenAPI documents of this run `$ref` (such as Matrix's `definitions/security.yaml`):
 * fragments of another document, linted through it rather than on their own.
 */
function referencedFiles(specs: SpecFile[]): Set<string> {
  const store = new DocumentStore();
  const out = new Set<string>();
  for (const spec of specs) {
    if (spec.kind !== "openapi") continue;
    try {
      for (const path of store.closure(spec.path).keys()) if (path !== spec.path) out.add(path);
    } catch {
      // a broken $ref is reported by Redocly's lint of that document
    }
  }
  return out;
}

/** An overlay's shape, and, when it names its target with `extends`, that every action applies. */
function lintOverlay(spec: SpecFile): NormalizedProblem[] {
  try {
    overlayActions(spec.doc, spec.path);
    const target = (spec.doc as { extends?: unknown }).extends;
    if (typeof target === "string" && !/^[a-z][a-z0-9+.-]*:/i.test(target)) {
      applyOverlay(readSpecFile(resolve(dirname(spec.path), target)).doc, spec.doc, spec.path);
    }
    return [];
  } catch (err) {
    if (!(err instanceof SpecError)) throw err;
    return [fileProblem(spec.path, spec.text, err.message, "overlay-valid", err.pointer ? `#${err.pointer}` : "#/")];
  }
}

function problemFromError(err: SpecError): NormalizedProblem {
  let text = "";
  try {
    text = readFileSync(err.file, "utf8");
  } catch {
    // unreadable: the message says so
  }
  const location =
    err.line !== undefined
      ? { source: sourceOf(err.file, text), pointer: undefined, start: { line: err.line, col: err.column ?? 1 } }
      : { source: sourceOf(err.file, text), pointer: err.pointer ? `#${err.pointer}` : "#/" };
  return { ruleId: "spec-read", severity: "error", message: err.message, location: [location], suggest: [] } as NormalizedProblem;
}

function sourceOf(file: string, text: string) {
  return fileProblem(file, text, "", "").location[0]!.source;
}
