import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { createConfig, type Config } from "@redocly/openapi-core";
import { SpecError } from "../errors.js";
import { ownKeyNamedProtoAt, parseYaml, readRegularFile } from "../load/read.js";
import type { RefPolicy } from "../load/policy.js";
import type { DocumentStore } from "../load/refs.js";
import { makeSpecgenPlugin, SPECGEN_RULE_DEFAULTS } from "./plugin.js";

/**
 * The toolkit's own lint configuration, used when a project has no `redocly.yaml`: Redocly's
 * `recommended` set, with the rules that specgen's own rules replace turned off (they refuse
 * redirect-only operations, and report examples whose `$ref`s they cannot resolve), plus every
 * `specgen/*` rule at its default severity. Nothing in it is particular to one API family.
 */
const TOOLKIT_LINT_CONFIG = {
  extends: ["recommended"],
  rules: {
    // specgen/operation-success-response also accepts a 3xx declaring `Location`.
    "operation-2xx-response": "off",
    // specgen/example-valid resolves `$ref`s inside example values first.
    "no-invalid-media-type-examples": "off",
    "no-invalid-schema-examples": "off",
  },
} as const;

/**
 * Loads the Redocly config (`configPath`, else `redocly.yaml` in `cwd`, else the toolkit's own)
 * and adds the specgen plugin to it. Every `specgen/*` rule keeps its default severity unless
 * the file sets it (`specgen/pattern-safe: off`), so a project's own config never drops them.
 * `policy` is the run's `$ref` policy, and `store` the run's parsed files (see makeSpecgenPlugin).
 */
export async function loadLintConfig(
  configPath?: string,
  policy?: RefPolicy,
  cwd = process.cwd(),
  store?: DocumentStore,
): Promise<Config> {
  const local = resolve(cwd, "redocly.yaml");
  const path = configPath !== undefined ? resolve(cwd, configPath) : existsSync(local) ? local : undefined;
  const raw: Record<string, unknown> =
    path === undefined ? { ...TOOLKIT_LINT_CONFIG } : ownRecord(parseYaml(readRegularFile(path), path));
  // Redocly merges config objects by assignment: a `__proto__` key would set or reach a prototype.
  const proto = ownKeyNamedProtoAt(raw);
  if (path !== undefined && proto !== undefined) {
    throw new SpecError("a `__proto__` key is not allowed in a lint config", path, undefined, undefined, proto);
  }
  const plugins = Array.isArray(raw.plugins) ? raw.plugins : [];
  const rules = { ...SPECGEN_RULE_DEFAULTS, ...ownRecord(raw.rules) };
  const config = { ...raw, rules, plugins: [makeSpecgenPlugin(policy, store), ...plugins] } as Parameters<
    typeof createConfig
  >[0];
  return createConfig(config, path === undefined ? {} : { configPath: path });
}

/** A parsed mapping's own entries in a fresh object (anything else: none). */
function ownRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value))
    : {};
}
