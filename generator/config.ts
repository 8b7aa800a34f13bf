import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { SpecError } from "./errors.js";

export const CONFIG_FILE = "specgen.config.json";

/** What `generate` can write; the default is all of it. */
export const OUTPUT_KINDS = ["types", "validators", "client"] as const;
export type OutputKind = (typeof OUTPUT_KINDS)[number];

/** Project settings, from `specgen.config.json` in the working directory; every field optional. */
export interface ProjectConfig {
  /** Folder of specs, relative to the config file. Default `specs`. */
  specs: string;
  /** Output folder. Default `generated`. */
  out: string;
  /** Overlay files per spec (paths relative to the config file), applied before generation. */
  overlays: Record<string, string[]>;
  /** Output kinds to generate (default: all; `client` implies `validators`, which implies `types`). */
  emit: OutputKind[];
  /** The generated package's name, version (the Matrix spec version of the sources) and licence. */
  package: { name: string; version: string; license: string };
  /** Fetch http(s) `$ref`s when generating (default false: a remote `$ref` is an error). */
  allowRemoteRefs?: boolean;
  /**
   * Operations (operationId or function name) whose answers the generated client may cache, as
   * allowed by their Cache-Control. Default none; an operation may also say `x-specgen-cache: true`.
   */
  cache: string[];
}

const DEFAULT_PACKAGE = { name: "generated-api", version: "0.0.0", license: "UNLICENSED" };

export function loadProjectConfig(cwd = process.cwd()): ProjectConfig {
  const path = resolve(cwd, CONFIG_FILE);
  let raw: Partial<ProjectConfig> = {};
  if (existsSync(path)) {
    try {
      raw = JSON.parse(readFileSync(path, "utf8")) as Partial<ProjectConfig>;
    } catch (err) {
      throw new SpecError(`invalid JSON: ${(err as Error).message}`, path);
    }
  }
  const config: ProjectConfig = {
    specs: raw.specs ?? "specs",
    out: raw.out ?? "generated",
    overlays: raw.overlays ?? {},
    emit: parseKinds(raw.emit ?? [...OUTPUT_KINDS], path),
    package: { ...DEFAULT_PACKAGE, ...raw.package },
    cache: parseCache(raw.cache ?? [], path),
  };
  if (raw.allowRemoteRefs !== undefined) config.allowRemoteRefs = raw.allowRemoteRefs === true;
  return config;
}

/** Checks a list of output kinds (from the config or `--emit`). */
export function parseKinds(kinds: readonly string[], source: string): OutputKind[] {
  for (const k of kinds) {
    if (!(OUTPUT_KINDS as readonly string[]).includes(k)) throw new SpecError(`unknown output kind "${k}" (expected ${OUTPUT_KINDS.join(", ")})`, source);
  }
  return kinds as OutputKind[];
}

/** Checks the config's `cache` list: operation names, as strings. */
function parseCache(names: unknown, source: string): string[] {
  if (!Array.isArray(names) || !names.every((n) => typeof n === "string")) {
    throw new SpecError(`"cache" must be a list of operation names (strings)`, source);
  }
  return names as string[];
}
