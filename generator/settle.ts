import { relative, resolve } from "node:path";
import { CONFIG_FILE, loadProjectConfig, type ProjectConfig } from "./config.js";
import type { GenerateOptions } from "./generate.js";
import { discoverSpecFiles } from "./load/discover.js";
import { makeRefPolicy, refusal, type RefPolicy } from "./load/policy.js";
import { upToDate } from "./stamp.js";
import { assertOutAllowed, assertReplaceable, outTarget } from "./write/outdir.js";

/**
 * What a `generate` run works from, settled before any spec is read: the config, the paths, the
 * output folder and what it may never hold, the `$ref` policy and what the stamp records.
 */
export interface Run {
  cwd: string;
  /** The folder module names are taken relative to. */
  root: string;
  out: string;
  config: ProjectConfig;
  options: GenerateOptions;
  refs: RefPolicy;
  paths: string[];
  specPaths: string[];
  overlayPaths: ReadonlyArray<readonly [string, string[]]>;
  stampConfig: Record<string, unknown>;
  writing: boolean;
  protect: string[];
}

/** Module names are taken relative to the folder given (or the folder of the file given). */
function moduleRoot(paths: readonly string[], cwd: string): string {
  const single = paths.length === 1 ? resolve(cwd, paths[0]!) : cwd;
  return /\.(ya?ml|json)$/i.test(single) ? resolve(single, "..") : single;
}

/** The effective config as the stamp records it: a change of any of it makes the next run regenerate. */
function stampedConfig(config: ProjectConfig, paths: string[], cwd: string, root: string, options: GenerateOptions) {
  return {
    ...config,
    paths,
    root: relative(cwd, root),
    ...(options.refRoot !== undefined ? { refRoot: relative(cwd, resolve(cwd, options.refRoot)) } : {}),
    ...(options.allowRemoteRefs ? { allowRemoteRefs: true } : {}),
  };
}

/** Reads the config and settles every path of a run; reads no spec. */
export function settle(options: GenerateOptions): Run {
  const cwd = resolve(options.cwd ?? process.cwd());
  const config: ProjectConfig = { ...loadProjectConfig(cwd), ...options.config };
  const paths = options.paths?.length ? options.paths : [config.specs];
  const root = moduleRoot(paths, cwd);
  const specPaths = discoverSpecFiles(paths, cwd);
  const overlayPaths = Object.entries(config.overlays).map(
    ([spec, files]) => [resolve(cwd, spec), files.map((f) => resolve(cwd, f))] as const,
  );
  const refs = makeRefPolicy(paths, cwd, {
    ...(options.refRoot !== undefined ? { root: options.refRoot } : {}),
    allowRemoteRefs: options.allowRemoteRefs ?? config.allowRemoteRefs === true,
  });
  // What the output folder may never hold: checked before any work, and again by the writer.
  const protect = [
    ...paths.map((p) => resolve(cwd, p)),
    ...specPaths,
    ...overlayPaths.flatMap(([spec, f]) => [spec, ...f]),
    resolve(cwd, CONFIG_FILE),
  ];
  const out = resolve(cwd, options.out ?? config.out);
  const stampConfig = stampedConfig(config, paths, cwd, root, options);
  const writing = !options.dryRun && !options.check;
  return { cwd, root, out, config, options, refs, paths, specPaths, overlayPaths, stampConfig, writing, protect };
}

/**
 * Whether a writing run has nothing to do: the output folder may be replaced at all (else this
 * throws, before any work) and its stamp says that no input changed. Never true for `--force`,
 * `--check` or a dry run.
 */
export function nothingToDo(run: Run): boolean {
  if (!run.writing) return false;
  assertOutAllowed(run.out, run.cwd, run.protect);
  const stamp = assertReplaceable(outTarget(run.out));
  if (run.options.force) return false;
  const readable = readableBy(run);
  return upToDate(outTarget(run.out), stamp, { cwd: run.cwd, config: run.stampConfig, specs: run.specPaths, readable });
}

/**
 * Whether the run may read `path` anyway: a spec, an overlay, or a file the `$ref` policy lets
 * specs reach. A stamp may make a run read only such files.
 */
export function readableBy(run: Run): (path: string) => boolean {
  const mayRead = new Set([...run.specPaths, ...run.overlayPaths.flatMap(([, f]) => f)].map((p) => resolve(p)));
  return (path: string) => mayRead.has(path) || refusal(run.refs, path) === undefined;
}
