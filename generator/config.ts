import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { SpecError } from "./errors.js";
import { OUTPUT_KINDS, type OutputKind } from "./config-kinds.js";
import { readRegularFile } from "./load/regular-file.js";

export { OUTPUT_KINDS, type OutputKind };

export const CONFIG_FILE = "specgen.config.json";

/** The compiled validator of CONFIG_SCHEMA (config-schema.ts), written by scripts/bundle-runtime.ts. */
export const CONFIG_VALIDATOR_URL = new URL("./config-validator.cjs", import.meta.url);

interface ConfigError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/** The config file checked against its published schema: a misspelt key or a wrong type is an error naming it. */
function checkConfig(raw: unknown, path: string): void {
  const validate = createRequire(import.meta.url)(CONFIG_VALIDATOR_URL.pathname) as ((v: unknown) => boolean) & {
    errors?: ConfigError[] | null;
  };
  if (validate(raw)) return;
  const first = validate.errors![0]!;
  const at = first.instancePath || "/";
  const unknown = first.params.additionalProperty;
  const message =
    typeof unknown === "string"
      ? `unknown key "${unknown}" (see specgen.config.schema.json for the keys)`
      : `${at} ${first.message ?? "is invalid"}`;
  throw new SpecError(
    message,
    path,
    undefined,
    undefined,
    `${first.instancePath}${typeof unknown === "string" ? `/${unknown}` : ""}`,
  );
}

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
  /** Generate validators for regexes recheck judges prone to catastrophic backtracking (default false: refused). */
  allowUnsafePatterns?: boolean;
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
      raw = JSON.parse(readRegularFile(path)) as Partial<ProjectConfig>;
    } catch (err) {
      if (err instanceof SpecError) throw err;
      throw new SpecError(`invalid JSON: ${(err as Error).message}`, path);
    }
    checkConfig(raw, path);
  }
  const config: ProjectConfig = {
    specs: raw.specs ?? "specs",
    out: raw.out ?? "generated",
    overlays: raw.overlays ?? {},
    emit: parseKinds(raw.emit ?? [...OUTPUT_KINDS], path),
    package: { ...DEFAULT_PACKAGE, ...raw.package },
    cache: raw.cache ?? [],
  };
  if (raw.allowRemoteRefs !== undefined) config.allowRemoteRefs = raw.allowRemoteRefs === true;
  if (raw.allowUnsafePatterns !== undefined) config.allowUnsafePatterns = raw.allowUnsafePatterns === true;
  return config;
}

/** Checks a list of output kinds (from the config or `--emit`). */
export function parseKinds(kinds: readonly string[], source: string): OutputKind[] {
  for (const k of kinds) {
    if (!(OUTPUT_KINDS as readonly string[]).includes(k))
      throw new SpecError(`unknown output kind "${k}" (expected ${OUTPUT_KINDS.join(", ")})`, source);
  }
  return kinds as OutputKind[];
}
