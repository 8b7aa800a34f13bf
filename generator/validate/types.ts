/**
 * What `specgen validate` takes and gives: its options, the findings it reports, its outcome, and
 * the spec and validators it loads (shared by the modules of this folder and the tests).
 *
 * @module
 */
import type { NormalizedProblem } from "@redocly/openapi-core";
import type { ValidatorTarget } from "../emit/validators/targets.js";
import type { SpecModel } from "../model/types.js";
import type { LintFormat } from "./lint-format.js";

export interface ValidateOptions {
  /** Working directory: where `specgen.config.json` (for overlays) is read and paths resolve. */
  cwd?: string;
  /** Apply the overlays the config lists for the spec (default true, as `generate` does). */
  overlays?: boolean;
  /** How problems are printed (default `text`). */
  format?: ValidateFormat;
}

export type ValidateFormat = "text" | "github-actions" | "json" | LintFormat;

/** One problem of one document: where it is, what is wrong, and the overlay rule it breaks, if any. */
export interface Finding {
  file: string;
  /** 1-based line and column in the file, when they can be told. */
  line?: number;
  col?: number;
  /** JSON pointer to the value (absent for a document that is not JSON). */
  pointer?: string;
  message: string;
  /** The overlay action's description and where the action is (`<overlay file>#/actions/<n>`). */
  rule?: { description: string; action: string };
  /** A URL that answered a failure status: the status, and its Matrix error body's `errcode` and `error`. */
  status?: number;
  errcode?: string;
  error?: string;
}

export interface ValidateOutcome {
  /** 0: every file valid; 1: some file invalid or not JSON; 2: usage error (nothing checked). */
  exitCode: 0 | 1 | 2;
  /** `file: pointer message`, one line per problem. */
  stdout: string[];
  /** Usage errors and the summary. */
  stderr: string[];
  /** With a format lint shares (codeframe, stylish, checkstyle): the findings, for its formatter. */
  problems?: NormalizedProblem[];
}

/** One spec's model and the validators it has, before any is compiled. */
export interface LoadedSpec {
  spec: SpecModel;
  targets: ValidatorTarget[];
  /** Model (and, once compiled, compile) warnings: unknown formats, non-Unicode patterns, … */
  warnings: string[];
}

/** Validators compiled in memory. */
export interface ImportedValidators {
  /** The compiled module: `validateX`, `isX`, `assertX` per target compiled. */
  exports: Record<string, unknown>;
  /** Where the schema of each function hoisted out of the document stood (emit/hoist.ts). */
  origins: Record<string, string[]>;
}

/** The validators of one spec, loaded in memory. */
export interface LoadedValidators extends LoadedSpec, ImportedValidators {}
