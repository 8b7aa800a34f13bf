import { createRequire } from "node:module";
import type { Ajv2020 } from "ajv/dist/2020.js";
import { Source, type NormalizedProblem } from "@redocly/openapi-core";
import { patternProblems } from "./patterns.js";

// One meta-schema validator for every standalone schema file of a run. Ajv is loaded with the
// first such file: a lint of OpenAPI documents alone does not need it.
let metaAjv: Ajv2020 | undefined;
const newMetaAjv = (): Ajv2020 => {
  const { Ajv2020: MetaAjv } = createRequire(import.meta.url)("ajv/dist/2020.js") as typeof import("ajv/dist/2020.js");
  return new MetaAjv({ allErrors: true, strict: false });
};

/**
 * Redocly refuses bare JSON Schema files ("Unsupported specification"); they are checked here
 * against the JSON Schema 2020-12 meta-schema and reported in Redocly's problem shape.
 */
export function lintJsonSchema(path: string, text: string, doc: unknown): NormalizedProblem[] {
  metaAjv ??= newMetaAjv();
  // The meta-schema does not check regexes: specgen/pattern-valid and pattern-safe do, as for OpenAPI files.
  const patterns = patternProblems(path, text, doc, true);
  if (metaAjv.validateSchema(doc as object)) return patterns;
  const source = new Source(path, text);
  return [
    ...patterns,
    ...(metaAjv.errors ?? []).map(
      (e) =>
        ({
          ruleId: "json-schema-valid",
          severity: "error",
          message: `Not a valid JSON Schema 2020-12: ${at(e.instancePath)}${e.message ?? "is invalid"}.`,
          location: [{ source, pointer: `#${e.instancePath}`, reportOnKey: false }],
          suggest: [],
        }) satisfies NormalizedProblem,
    ),
  ];
}

/** Where in the file a meta-schema error stands, as the message names it ("" at the root). */
const at = (instancePath: string): string => (instancePath ? `\`${instancePath}\` ` : "");

/** A problem at the root of a file (unknown document kind, unreadable file). */
export function fileProblem(
  path: string,
  text: string,
  message: string,
  ruleId: string,
  pointer = "#/",
): NormalizedProblem {
  return { ruleId, severity: "error", message, location: [{ source: new Source(path, text), pointer }], suggest: [] };
}
