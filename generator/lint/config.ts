import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { createConfig, type Config } from "@redocly/openapi-core";
import { SpecError } from "../errors.js";
import { ownKeyNamedProtoAt, parseYaml, readRegularFile } from "../load/read.js";
import type { RefPolicy } from "../load/policy.js";
import { makeSpecgenPlugin, SPECGEN_RULE_DEFAULTS } from "./plugin.js";

/** The lint configuration shipped with the toolkit, used when a project has no redocly.yaml. */
export const DEFAULT_REDOCLY_CONFIG = resolve(dirname(new URL(import.meta.url).pathname), "../../../redocly.yaml");

/**
 * Loads a Redocly config file (rules, extends) and adds the specgen plugin to it, so the
 * project's rules are configured in the same file as Redocly's own. The pattern rules are on
 * unless the file sets them (`specgen/pattern-safe: off`). `policy` is the run's `$ref` policy.
 */
export async function loadLintConfig(configPath?: string, policy?: RefPolicy): Promise<Config> {
  const path = configPath ?? (existsSync("redocly.yaml") ? resolve("redocly.yaml") : DEFAULT_REDOCLY_CONFIG);
  const raw = (parseYaml(readRegularFile(path), path) ?? {}) as Record<string, unknown>;
  // Redocly merges config objects by assignment: a `__proto__` key would set or reach a prototype.
  const proto = ownKeyNamedProtoAt(raw);
  if (proto !== undefined) {
    throw new SpecError("a `__proto__` key is not allowed in a lint config", path, undefined, undefined, proto);
  }
  const plugins = Array.isArray(raw.plugins) ? raw.plugins : [];
  const rules = { ...SPECGEN_RULE_DEFAULTS, ...(typeof raw.rules === "object" && raw.rules !== null ? raw.rules : {}) };
  return createConfig({ ...raw, rules, plugins: [makeSpecgenPlugin(policy), ...plugins] } as Parameters<typeof createConfig>[0], { configPath: path });
}
