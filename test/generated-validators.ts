/**
 * The shipped validators of this repository (generated/validators), loaded once, and the helpers
 * the validators tests share: guards by name, the problems `assertX` reports, and the v1.15 seed
 * example of auth_metadata.
 */
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { AjvErrorObject, ValidationProblem } from "../generator/runtime/validation.js";
import { loadProjectConfig } from "../generator/config.js";
import { readJsonFile } from "../generator/validate/index.js";
import { ROOT, SHARED, authMetadataExample } from "./helpers.js";

export type Guard = (value: unknown) => boolean;
export interface RawValidator {
  (value: unknown): boolean;
  errors?: AjvErrorObject[] | null;
}
export type ValidationErrorLike = Error & { errors: readonly ValidationProblem[]; schema: string };

export const VALIDATORS = join(ROOT, "generated/validators");
export const CORPUS = join(SHARED, "corpus/auth-metadata");
export const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
export const load = async (file: string) => (await import(pathToFileURL(file).href)) as Record<string, unknown>;
export const generated = await load(join(VALIDATORS, "index.js"));
export const fn = <T>(module: Record<string, unknown>, name: string): T => {
  assert.equal(typeof module[name], "function", `${name} is exported`);
  return module[name] as T;
};
export const isAuth = fn<Guard>(generated, "isGetAuthMetadataResponse");
export const assertAuth = fn<(value: unknown) => void>(generated, "assertGetAuthMetadataResponse");
export const validateAuth = fn<RawValidator>(generated, "validateGetAuthMetadataResponse");
export const isFlow = fn<Guard>(generated, "isSsoLoginFlow");
export const isIdp = fn<Guard>(generated, "isIdentityProvider");
export const ValidationError = fn<new (schema: string, errors: AjvErrorObject[]) => ValidationErrorLike>(
  generated,
  "ValidationError",
);
export const problems = (value: unknown): ValidationProblem[] => {
  try {
    assertAuth(value);
    return [];
  } catch (err) {
    assert.ok(err instanceof ValidationError, "assert throws the runtime's ValidationError");
    return [...err.errors];
  }
};
export const pointers = (ps: readonly ValidationProblem[]) => [...new Set(ps.map((p) => p.pointer))].sort();

/** The v1.15 seed example: 9 required fields, all https. */
export const BASE = authMetadataExample();
export const noPollution = () => {
  for (const key of ["polluted", "issuer", "type", "id", "name"])
    assert.equal(({} as Record<string, unknown>)[key], undefined, `Object.prototype.${key}`);
};

/** The auth-metadata properties, as JSON pointers. */
export const ISS = "/issuer";
export const RT = "/response_types_supported";
export const GT = "/grant_types_supported";
export const RM = "/response_modes_supported";
export const CC = "/code_challenge_methods_supported";
export const REG = "/registration_endpoint";
export const REV = "/revocation_endpoint";
export const AUTH = "/authorization_endpoint";
export const TOKEN = "/token_endpoint";

/** The switch for the prose column: on when the config applies the MUST overlay to auth_metadata. */
export const PROSE_RULES_ON = (loadProjectConfig(ROOT).overlays["specs/client-server/auth_metadata.yaml"] ?? []).some(
  (f) => f.endsWith("auth_metadata.must.yaml"),
);
/** A file of ../shared/corpus/auth-metadata, parsed. */
export const corpusDoc = (file: string) => readJsonFile(join(CORPUS, file), ROOT);
