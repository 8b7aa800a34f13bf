import { resolve } from "node:path";
import type { NormalizedProblem } from "@redocly/openapi-core";
import { loadProjectConfig, type ProjectConfig } from "./config.js";
import { discoverSpecFiles } from "./load/discover.js";
import { readSpecFile, type SpecFile } from "./load/read.js";
import { SpecError } from "./errors.js";
import { buildModel } from "./model/build.js";
import type { Model } from "./model/types.js";
import type { GeneratedFile } from "./emit/file.js";
import { emitTypes } from "./emit/types.js";
import { emitPackage } from "./emit/package.js";
import { writeOutput } from "./write/writer.js";
import { diffOutput } from "./write/check.js";

export interface GenerateOptions {
  /** Working directory: where `specgen.config.json` is looked up and paths are resolved. Default: process.cwd(). */
  cwd?: string;
  /** Spec files or folders; default: the config's `specs`. */
  paths?: string[];
  /** Output folder; default: the config's `out`. */
  out?: string;
  /** Only compute the files; write nothing. */
  dryRun?: boolean;
  /** Write nothing; put in `diff` how the output folder differs from what the specs produce. */
  check?: boolean;
  /** Settings that replace the config file's. */
  config?: Partial<ProjectConfig>;
}

export interface GenerateResult {
  /** Every file of the output folder, sorted by path. */
  files: GeneratedFile[];
  model: Model;
  problems: NormalizedProblem[];
  warnings: string[];
  /** Absolute output folder. */
  out: string;
  written: boolean;
  /** With `check`: a unified diff from the output folder to the expected files ("" when equal). */
  diff?: string;
}

/** One emitter per output kind: each a pure function from the model to files. */
const EMITTERS: Array<(model: Model) => Promise<GeneratedFile[]> | GeneratedFile[]> = [emitTypes];

/** load → struct gate → model → emitters → one atomic write. Problems stop the run before anything is written. */
export async function generate(options: GenerateOptions = {}): Promise<GenerateResult> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const config: ProjectConfig = { ...loadProjectConfig(cwd), ...options.config };
  const paths = options.paths?.length ? options.paths : [config.specs];
  const out = resolve(cwd, options.out ?? config.out);
  // Module names are taken relative to the folder given (or the folder of the file given).
  const single = paths.length === 1 ? resolve(cwd, paths[0]!) : cwd;
  const root = /\.(ya?ml|json)$/i.test(single) ? resolve(single, "..") : single;
  const specFiles: SpecFile[] = [];
  for (const path of discoverSpecFiles(paths, cwd)) {
    const file = readSpecFile(path);
    if (file.kind === "openapi" || file.kind === "json-schema") specFiles.push(file);
  }
  const overlays = new Map<string, SpecFile[]>();
  for (const [spec, files] of Object.entries(config.overlays)) {
    overlays.set(resolve(cwd, spec), files.map((f) => readSpecFile(resolve(cwd, f))));
  }
  const { model, problems } = await buildModel(specFiles, root, overlays, config.package);
  if (problems.length) return { files: [], model, problems, warnings: model.warnings, out, written: false };
  const files: GeneratedFile[] = [];
  const seen = new Set<string>();
  const add = (file: GeneratedFile): void => {
    if (seen.has(file.path)) throw new SpecError(`two emitters produced ${file.path}`, file.path);
    seen.add(file.path);
    files.push(file);
  };
  for (const emit of EMITTERS) for (const file of await emit(model)) add(file);
  // The package manifest, README and entry points describe what the emitters produced.
  for (const file of emitPackage(model, files.map((f) => f.path))) add(file);
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  if (options.check) return { files, model, problems, warnings: model.warnings, out, written: false, diff: diffOutput(out, files) };
  if (!options.dryRun) writeOutput(out, files);
  return { files, model, problems, warnings: model.warnings, out, written: !options.dryRun };
}
