/**
 * Small specs and their generated validators, shared by the validator safety tests
 * (validator-safety.test.ts, validator-limits.test.ts).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { ProjectConfig } from "../generator/config.js";
import { generate } from "../generator/generate.js";
import { ROOT } from "./helpers.js";

export type Check = (value: unknown) => boolean;

/** An OpenAPI document whose one operation, `getThing`, answers with `schema` (components as given). */
export function specWith(schema: unknown, components: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    openapi: "3.1.0",
    info: { title: "Safety", version: "1" },
    paths: {
      "/thing": {
        get: {
          operationId: "getThing",
          responses: { "200": { description: "ok", content: { "application/json": { schema } } } },
        },
      },
    },
    components: { schemas: components },
  };
}

/**
 * Generates the validators of `spec` into a temp folder; returns the code of its two files (the
 * front and the Ajv module under it) and the front's exports.
 */
export interface Generated {
  code: string;
  m: Record<string, Check>;
  warnings: string[];
}

export const VALIDATORS_ONLY = { emit: ["validators" as const] };

export async function generated(spec: unknown, dir: string, config: Partial<ProjectConfig> = {}): Promise<Generated> {
  mkdirSync(join(dir, "specs"), { recursive: true });
  writeFileSync(join(dir, "specs/safety.json"), JSON.stringify(spec));
  const result = await generate({
    cwd: dir,
    paths: ["specs"],
    out: "out",
    force: true,
    config: { ...VALIDATORS_ONLY, ...config },
  });
  assert.deepEqual(
    result.problems.filter((p) => p.severity === "error"),
    [],
  );
  const file = join(dir, "out/validators/safety.js");
  const m = (await import(pathToFileURL(file).href)) as Record<string, Check>;
  const code = [file, join(dir, "out/validators/safety.ajv.js")].map((f) => readFileSync(f, "utf8")).join("\n");
  return { code, m, warnings: result.warnings };
}

export const both = (m: Record<string, Check>) =>
  ["validateGetThingResponse", "isGetThingResponse"].map((n) => [n, m[n]!] as const);

/** Runs the built CLI in `cwd`, killed after a minute (the hang tests' bound). */
export function bounded(args: string[], cwd: string) {
  const cli = join(ROOT, "dist/generator/cli.js");
  return spawnSync(process.execPath, [cli, ...args], { cwd, encoding: "utf8", timeout: 60_000 });
}
