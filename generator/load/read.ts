import yaml from "js-yaml";
import { SpecError } from "../errors.js";
import { checkAliasExpansion, isContainer, mayShareNodes } from "./aliases.js";
import { parsePlainJson } from "./json-scan.js";
import { formatPointer } from "./pointer.js";
import { readRegularFile } from "./regular-file.js";
import { EVERY_KEY, walk } from "./walk.js";

export { readRegularFile };
export { checkAliasExpansion, MAX_ALIAS_EXPANSION } from "./aliases.js";

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
// Every keyword that only a schema has (not `required`, `format` or `title`, which parameters,
// containers and example data have too), so that `{"minLength": 2}` is a schema.
const SCHEMA_KEYWORDS = [
  "$schema",
  "$id",
  "$ref",
  "$defs",
  "type",
  "properties",
  "patternProperties",
  "additionalProperties",
  "items",
  "prefixItems",
  "allOf",
  "anyOf",
  "oneOf",
  "not",
  "if",
  "then",
  "else",
  "enum",
  "const",
  "$anchor",
  "$dynamicAnchor",
  "$dynamicRef",
  "$vocabulary",
  "$comment",
  "minLength",
  "maxLength",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "multipleOf",
  "pattern",
  "minItems",
  "maxItems",
  "uniqueItems",
  "contains",
  "minContains",
  "maxContains",
  "minProperties",
  "maxProperties",
  "dependentRequired",
  "dependentSchemas",
  "propertyNames",
  "unevaluatedItems",
  "unevaluatedProperties",
];

/**
 * How deeply collections may nest. js-yaml's own default (100) refuses legal specs (a schema
 * nested 100 levels is 200 YAML levels); 1,200 admits a 500-level schema and stays far from the
 * stack limit of the recursive code that walks documents later (js-yaml, Redocly, Ajv).
 */
const MAX_DEPTH = 1200;

/**
 * The schema Redocly parses with (js-yaml's default without timestamps). Files that Redocly
 * reads through our resolver are parsed with it, so lint and generate see what Redocly would.
 */
const yamlTypes = (yaml as unknown as { types: Record<"merge" | "binary" | "omap" | "pairs" | "set", yaml.Type> })
  .types;
export const REDOCLY_YAML_SCHEMA = yaml.JSON_SCHEMA.extend({
  implicit: [yamlTypes.merge],
  explicit: [yamlTypes.binary, yamlTypes.omap, yamlTypes.pairs, yamlTypes.set],
});

/**
 * Parses YAML or JSON text with js-yaml's safe schema: custom tags such as `!!js/function` are
 * refused and duplicate keys are errors, both reported with line and column. Documents nested
 * deeper than MAX_DEPTH, or whose aliases expand past MAX_ALIAS_EXPANSION, are refused too.
 */
export function parseYaml(text: string, file: string, schema: yaml.Schema = yaml.DEFAULT_SCHEMA): unknown {
  // JSON that js-yaml reads as JSON.parse does (under either schema used here: they differ only
  // in plain scalars JSON does not have) is parsed by JSON.parse, several times faster.
  const json = parsePlainJson(text);
  if (json) return json.doc;
  let doc: unknown;
  let state: yaml.State | undefined;
  try {
    // `maxDepth` is js-yaml 4.3's; @types/js-yaml 4.0.9 does not list it yet.
    const listener = (_event: yaml.EventType, at: yaml.State) => {
      state ??= at;
    };
    doc = yaml.load(text, { filename: file, schema, maxDepth: MAX_DEPTH, listener } as yaml.LoadOptions);
  } catch (err) {
    if (err instanceof yaml.YAMLException) {
      const line = err.mark ? err.mark.line + 1 : undefined;
      const column = err.mark ? err.mark.column + 1 : undefined;
      throw new SpecError(`YAML: ${explainYamlError(err.reason || err.message)}`, file, line, column);
    }
    if (err instanceof RangeError) throw new SpecError(`YAML: nested too deeply to read (${err.message})`, file);
    throw err;
  }
  if (mayShareNodes(state)) checkAliasExpansion(doc, file);
  return doc;
}

function explainYamlError(reason: string): string {
  const tag = /^unknown tag !<tag:yaml\.org,2002:(.*)>$/.exec(reason) ?? /^unknown tag !<(.*)>$/.exec(reason);
  if (tag)
    return `custom tag ${tag[0].includes("2002:") ? "!!" : "!"}${tag[1]} is not allowed (only plain YAML data is read)`;
  if (reason.startsWith("nesting exceeded maxDepth")) return `nested deeper than ${MAX_DEPTH} levels`;
  return reason;
}

/**
 * What a parsed file is. A list or a scalar at the top level is `unknown`: it may be example data
 * that a document references (a list of events); {@link strayKind} says why it is no spec.
 */
function classify(doc: unknown, file: string): DocumentKind {
  if (doc === undefined || doc === null) throw new SpecError("the file is empty", file, 1, 1);
  // JSON Schema's boolean schemas: `true` accepts any value, `false` none.
  if (typeof doc === "boolean") return "json-schema";
  if (typeof doc !== "object" || Array.isArray(doc)) return "unknown";
  const root = doc as Record<string, unknown>;
  if ("swagger" in root) {
    throw new SpecError(
      `Swagger ${String(root.swagger)} is not supported: convert it to OpenAPI 3.x first`,
      file,
      1,
      1,
      "/swagger",
    );
  }
  if ("openapi" in root) {
    const version = String(root.openapi);
    if (!/^3\.[01]\.\d+$/.test(version)) {
      throw new SpecError(
        `unsupported OpenAPI version "${version}" (3.0.x and 3.1.x are read)`,
        file,
        1,
        1,
        "/openapi",
      );
    }
    return "openapi";
  }
  if ("overlay" in root) return "overlay";
  return SCHEMA_KEYWORDS.some((k) => k in root) ? "json-schema" : "unknown";
}

/** Why a document of kind `unknown` is neither a spec nor an overlay. */
export function strayKind(doc: unknown): string {
  return typeof doc === "object" && doc !== null && !Array.isArray(doc)
    ? "Neither an OpenAPI document (no `openapi` field) nor a JSON Schema (no schema keyword at the top level)"
    : `expected a mapping at the top level, found ${Array.isArray(doc) ? "a list" : typeof doc} ` +
        "(so neither an OpenAPI document nor a JSON Schema)";
}

/** Reads and classifies one spec file; every failure is a SpecError naming the file. */
export function readSpecFile(path: string): SpecFile {
  return readSpecFileTelling(path);
}

/** {@link readSpecFile}, telling `read` the file's text before it is parsed. */
export function readSpecFileTelling(path: string, read?: (text: string) => void): SpecFile {
  const { text, doc } = readDocument(path, read);
  return { path, text, doc, kind: classify(doc, path) };
}

/** The pointer of the first own `__proto__` key in a parsed document (last keys first), or undefined. */
export function ownKeyNamedProtoAt(doc: unknown): string | undefined {
  let found: string | undefined;
  walk(
    doc,
    (place) => {
      if (!isContainer(place.node)) return "skip";
      if (Array.isArray(place.node) || !Object.hasOwn(place.node, "__proto__")) return undefined;
      found = formatPointer([...place.tokens(), "__proto__"]);
      return "stop";
    },
    EVERY_KEY,
  );
  return found;
}

/**
 * A hook for tests: called with the path of every document read and parsed here, so that a
 * test can show which spec files a run read (an incremental run must not read the others).
 */
export const documentReads: { observe?: (path: string) => void } = {};

/** Reads and parses one file (any YAML/JSON document, classified or not); `read` is told its text first. */
export function readDocument(path: string, read?: (text: string) => void): { text: string; doc: unknown } {
  documentReads.observe?.(path);
  let text = readRegularFile(path);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  read?.(text);
  // Redocly's schema, so that a file read here and a file Redocly reads parse alike (a date is a
  // string, as JSON has it, not a `Date`) and the parse can be handed to Redocly.
  return { text, doc: parseYaml(text, path, REDOCLY_YAML_SCHEMA) };
}
