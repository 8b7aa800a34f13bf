/**
 * The programmatic API: the same operations and options as the CLI, returning problems and
 * files instead of printing them.
 *
 * ```ts
 * import { lint, generate } from "specgen";
 * const { errors } = await lint(["specs"]);
 * const { files, problems } = await generate({ cwd: process.cwd() });
 * ```
 */
export { lint, type LintOptions, type LintResult } from "./lint/index.js";
export { generate, type GenerateOptions, type GenerateResult } from "./generate.js";
export { loadProjectConfig, CONFIG_FILE, type ProjectConfig } from "./config.js";
export { SpecError } from "./errors.js";
export type { GeneratedFile } from "./emit/file.js";
export type { Model, SpecModel, OperationModel, NamedSchema } from "./model/types.js";
export { VERSION } from "./version.js";
