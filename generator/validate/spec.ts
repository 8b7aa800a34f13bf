/**
 * The spec `specgen validate` checks against: its file read, the overlays the project config
 * lists for it applied (unless `--no-overlays`), and its model built as `generate` builds it.
 *
 * @module
 */
import { existsSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { loadProjectConfig } from "../config.js";
import { validatorTargets } from "../emit/validators/targets.js";
import { readSpecFile, type SpecFile } from "../load/read.js";
import { UsageError } from "./errors.js";
import type { LoadedSpec, ValidateOptions } from "./types.js";

/** Builds the model of one spec file. */
export async function loadSpec(specPath: string, options: ValidateOptions = {}): Promise<LoadedSpec> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const path = resolve(cwd, specPath);
  if (!existsSync(path) || !statSync(path).isFile()) throw new UsageError(`${specPath}: no such spec file`);
  const file = readSpecFile(path);
  if (file.kind !== "openapi" && file.kind !== "json-schema")
    throw new UsageError(`${specPath}: not an OpenAPI document or JSON Schema`);
  const config = loadProjectConfig(cwd);
  const overlays = new Map<string, SpecFile[]>();
  if (options.overlays !== false) {
    for (const [spec, files] of Object.entries(config.overlays)) {
      if (resolve(cwd, spec) === path)
        overlays.set(
          path,
          files.map((f) => readSpecFile(resolve(cwd, f))),
        );
    }
  }
  const { buildModel } = await import("../model/build.js");
  const { model, problems } = await buildModel([file], dirname(path), overlays, config.package);
  if (problems.length) {
    const first = problems
      .slice(0, 5)
      .map((p) => p.message)
      .join("; ");
    throw new UsageError(`${specPath}: the spec has ${problems.length} structural error(s): ${first}`);
  }
  const spec = model.specs[0];
  if (!spec) throw new UsageError(`${specPath}: nothing to validate against`);
  return { spec, targets: validatorTargets(spec), warnings: [...model.warnings] };
}
