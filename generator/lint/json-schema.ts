import { Ajv2020 } from "ajv/dist/2020.js";
import { Source, type NormalizedProblem } from "@redocly/openapi-core";

// One meta-schema validator for every standalone schema file of a run.
let metaAjv: Ajv2020 | undefined;

/**
 * Redocly refuses bare JSON Schema files ("Unsupported specification"); they are checked here
 * against the JSON Schema 2020-12 meta-schema and reported in Redocly's problem shape.
 */
export function lintJsonSchema(path: string, text: string, doc: unknown): NormalizedProblem[] {
  metaAjv ??= new Ajv2020({ allErrors: true, strict: false });
  if (metaAjv.validateSchema(doc as object)) return [];
  const source = new Source(path, text);
  return (metaAjv.errors ?? []).map((e) => ({
    ruleId: "json-schema-valid",
    severity: "error",
    message: `Not a valid JSON Schema 2020-12: ${e.instancePath ? `\`${e.instancePath}\` ` : ""}${e.message ?? "is invalid"}.`,
    location: [{ source, pointer: `#${e.instancePath}`, reportOnKey: false }],
    suggest: [],
  }));
}

/** A problem at the root of a file (unknown document kind, unreadable file). */
export function fileProblem(path: string, text: string, message: string, ruleId: string, pointer = "#/"): NormalizedProblem {
  return { ruleId, severity: "error", message, location: [{ source: new Source(path, text), pointer }], suggest: [] };
}
