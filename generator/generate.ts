import type { NormalizedProblem } from "@redocly/openapi-core";
import type { ProjectConfig } from "./config.js";
import type { Model } from "./model/types.js";
import type { GeneratedFile } from "./emit/file.js";
import { nothingToDo, settle } from "./settle.js";

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
  /** The run's time for judging regexes, in ms (default: JUDGE_BUDGET_S of lint/recheck-options.ts). */
  judgeBudgetMs?: number;
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
  /**
   * An incremental run (see incremental.ts): how many specs kept their output from the last run.
   * `model` then holds only the specs it modelled again. Absent on a full run.
   */
  kept?: number;
}

/** load → struct gate → model → emitters → one atomic write. Problems stop the run before anything is written. */
export async function generate(options: GenerateOptions = {}): Promise<GenerateResult> {
  const run = settle(options);
  if (nothingToDo(run)) {
    const pkg = { ...run.config.package, notices: [] };
    const model = { specs: [], warnings: [], pkg };
    return { files: [], model, problems: [], warnings: [], out: run.out, written: false, upToDate: true };
  }
  // The rest is loaded only when there is work: a no-op run never parses YAML or loads Redocly.
  const { runPipeline } = await import("./pipeline.js");
  return runPipeline(run);
}

/**
 * The output folder when a writing run with these options would find nothing to do, else
 * undefined (also when the run would fail: the caller runs {@link generate} to report that).
 * This is the CLI's quick path for a no-op run (see cli.ts).
 */
export function upToDateOut(options: GenerateOptions): string | undefined {
  try {
    const run = settle(options);
    return nothingToDo(run) ? run.out : undefined;
  } catch {
    return undefined;
  }
}
