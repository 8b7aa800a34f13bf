import { resolve } from "node:path";
import type { NormalizedProblem } from "@redocly/openapi-core";
import { discoverSpecFiles } from "./load/discover.js";
import { readSpecFile, type SpecFile } from "./load/read.js";
import { SpecError } from "./errors.js";
import { buildModel } from "./model/build.js";
import type { Model } from "./model/types.js";
import type { GeneratedFile } from "./emit/file.js";
import { emitTypes } from "./emit/types.js";
import { writeOutput } from "./write/writer.js";

export interface GenerateOptions {
  /** Spec files or folders; default: the config's `specs`. */
  paths?: string[];
  /** Folder the paths are relative to and names are taken from; default: the single folder given, else cwd. */
  root?: string;
  out?: string;
  /** Only compute the files; write nothing. */
  dryRun?: boolean;
}

export interface GenerateResult {
  files: GeneratedFile[];
  model: Model;
  problems: NormalizedProblem[];
  warnings: string[];
  written: boolean;
}

/** One emitter per output kind: each a pure function from the model to files. */
const EMITTERS: Array<(model: Model) => Promise<GeneratedFile[]> | GeneratedFile[]> = [emitTypes];

/** load → struct gate → model → emitters → one atomic write. Problems stop the run before anything is written. */
export async function generate(
  options: GenerateOptions & { specs: string; outDefault: string; cwd?: string; overlays?: Record<string, string[]> },
): Promise<GenerateResult> {
  const cwd = options.cwd ?? process.cwd();
  const paths = options.paths?.length ? options.paths : [options.specs];
  const root = resolve(cwd, options.root ?? (paths.length === 1 ? paths[0]! : "."));
  const specFiles: SpecFile[] = [];
  for (const path of discoverSpecFiles(paths, cwd)) {
    const file = readSpecFile(path);
    if (file.kind === "openapi" || file.kind === "json-schema") specFiles.push(file);
  }
  const overlays = new Map<string, SpecFile[]>();
  for (const [spec, files] of Object.entries(options.overlays ?? {})) {
    overlays.set(resolve(cwd, spec), files.map((f) => readSpecFile(resolve(cwd, f))));
  }
  const { model, problems } = await buildModel(specFiles, root.endsWith(".yaml") || root.endsWith(".json") ? resolve(root, "..") : root, overlays);
  if (problems.length) return { files: [], model, problems, warnings: model.warnings, written: false };
  const files: GeneratedFile[] = [];
  const seen = new Set<string>();
  for (const emit of EMITTERS) {
    for (const file of await emit(model)) {
      if (seen.has(file.path)) throw new SpecError(`two emitters produced ${file.path}`, file.path);
      seen.add(file.path);
      files.push(file);
    }
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  if (!options.dryRun) writeOutput(resolve(cwd, options.out ?? options.outDefault), files);
  return { files, model, problems, warnings: model.warnings, written: !options.dryRun };
}
