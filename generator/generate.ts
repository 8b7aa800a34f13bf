import { relative, resolve } from "node:path";
import type { NormalizedProblem } from "@redocly/openapi-core";
import { CONFIG_FILE, loadProjectConfig, type ProjectConfig } from "./config.js";
import { discoverSpecFiles } from "./load/discover.js";
import { makeRefPolicy, refusal } from "./load/policy.js";
import type { Model } from "./model/types.js";
import type { GeneratedFile } from "./emit/file.js";
import { assertOutAllowed, assertReplaceable, outTarget } from "./write/outdir.js";
import { upToDate } from "./stamp.js";

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
  /** Regenerate even when the output's stamp says the inputs are unchanged. */
  force?: boolean;
  /** The spec root `$ref`s may not leave (`--root`); default: see load/policy.ts. */
  refRoot?: string;
  /** Fetch http(s) `$ref`s (`--allow-remote-refs`); default: the config's `allowRemoteRefs`, else no. */
  allowRemoteRefs?: boolean;
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
  /** Nothing to do: the inputs are unchanged since the output was written (`files` and `model` are empty). */
  upToDate: boolean;
}

/** load → struct gate → model → emitters → one atomic write. Problems stop the run before anything is written. */
export async function generate(options: GenerateOptions = {}): Promise<GenerateResult> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const config: ProjectConfig = { ...loadProjectConfig(cwd), ...options.config };
  const paths = options.paths?.length ? options.paths : [config.specs];
  const out = resolve(cwd, options.out ?? config.out);
  // Module names are taken relative to the folder given (or the folder of the file given).
  const single = paths.length === 1 ? resolve(cwd, paths[0]!) : cwd;
  const root = /\.(ya?ml|json)$/i.test(single) ? resolve(single, "..") : single;
  const specPaths = discoverSpecFiles(paths, cwd);
  const overlayPaths = Object.entries(config.overlays).map(
    ([spec, files]) => [resolve(cwd, spec), files.map((f) => resolve(cwd, f))] as const,
  );
  const refs = makeRefPolicy(paths, cwd, {
    ...(options.refRoot !== undefined ? { root: options.refRoot } : {}),
    allowRemoteRefs: options.allowRemoteRefs ?? config.allowRemoteRefs === true,
  });
  const stampConfig = {
    ...config,
    paths,
    root: relative(cwd, root),
    ...(options.refRoot !== undefined ? { refRoot: relative(cwd, resolve(cwd, options.refRoot)) } : {}),
    ...(options.allowRemoteRefs ? { allowRemoteRefs: true } : {}),
  };
  const writing = !options.dryRun && !options.check;
  // What the output folder may never hold: checked before any work, and again by the writer.
  const protect = [
    ...paths.map((p) => resolve(cwd, p)),
    ...specPaths,
    ...overlayPaths.flatMap(([spec, f]) => [spec, ...f]),
    resolve(cwd, CONFIG_FILE),
  ];
  if (writing) {
    assertOutAllowed(out, cwd, protect);
    assertReplaceable(outTarget(out));
  }
  // The stamp may name only files this run may read anyway: the specs, what their `$ref`s may reach, the overlays.
  const mayRead = new Set([...specPaths, ...overlayPaths.flatMap(([, f]) => f)].map((p) => resolve(p)));
  const readable = (path: string) => mayRead.has(path) || refusal(refs, path) === undefined;
  if (writing && !options.force && upToDate(outTarget(out), cwd, stampConfig, specPaths, readable)) {
    return {
      files: [],
      model: { specs: [], warnings: [], pkg: { ...config.package, notices: [] } },
      problems: [],
      warnings: [],
      out,
      written: false,
      upToDate: true,
    };
  }

  // The rest is loaded only when there is work: a no-op run never parses YAML or loads Redocly.
  const { runPipeline } = await import("./pipeline.js");
  return runPipeline({
    cwd,
    root,
    out,
    config,
    options,
    refs,
    specPaths,
    overlayPaths,
    stampConfig,
    writing,
    protect,
    paths,
  });
}
