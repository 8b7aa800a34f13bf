import { readFileSync } from "node:fs";
import yaml from "js-yaml";
import { SpecError } from "../errors.js";

/** What a spec file turned out to be once parsed. */
export type DocumentKind = "openapi" | "json-schema" | "overlay" | "unknown";

export interface SpecFile {
  /** Absolute path. */
  path: string;
  text: string;
  doc: unknown;
  kind: DocumentKind;
}

// Keywords whose presence at the root marks a bare JSON Schema document (like Matrix's `definitions/`).
const SCHEMA_KEYWORDS = [
  "$schema", "$id", "$ref", "$defs", "type", "properties", "patternProperties", "additionalProperties",
  "items", "prefixItems", "allOf", "anyOf", "oneOf", "not", "if", "enum", "const",
];

/**
 * Parses YAML or JSON text with js-yaml's default (safe) schema: custom tags such as
 * `!!js/function` are refused and duplicate keys are errors, both reported with line and column.
 */
export function parseYaml(text: string, file: string): unknown {
  try {
    return yaml.load(text, { filename: file });
  } catch (err) {
    if (err instanceof yaml.YAMLException) {
      const reason = err.reason || err.message;
      throw new SpecError(`YAML: ${reason}`, file, err.mark ? err.mark.line + 1 : undefined, err.mark ? err.mark.column + 1 : undefined);
    }
    throw err;
  }
}

export function classify(doc: unknown, file: string): DocumentKind {
  if (doc === undefined || doc === null) throw new SpecError("the file is empty", file, 1, 1);
  if (typeof doc !== "object" || Array.isArray(doc)) {
    throw new SpecError(`expected a mapping at the top level, found ${Array.isArray(doc) ? "a list" : typeof doc}`, file, 1, 1);
  }
  const root = doc as Record<string, unknown>;
  if ("swagger" in root) {
    throw new SpecError(`Swagger ${String(root.swagger)} is not supported: convert it to OpenAPI 3.x first`, file, 1, 1, "/swagger");
  }
  if ("openapi" in root) {
    const version = String(root.openapi);
    if (!/^3\.[01]\.\d+$/.test(version)) {
      throw new SpecError(`unsupported OpenAPI version "${version}" (3.0.x and 3.1.x are read)`, file, 1, 1, "/openapi");
    }
    return "openapi";
  }
  if ("overlay" in root) return "overlay";
  return SCHEMA_KEYWORDS.some((k) => k in root) ? "json-schema" : "unknown";
}

/** Reads and classifies one spec file; every failure is a SpecError naming the file. */
export function readSpecFile(path: string): SpecFile {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new SpecError(`cannot read file: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, path);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const doc = parseYaml(text, path);
  return { path, text, doc, kind: classify(doc, path) };
}
