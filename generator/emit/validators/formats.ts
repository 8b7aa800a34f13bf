/**
 * The `format`s a spec's schemas use, registered with its Ajv instance: ajv-formats' for those it
 * knows, always-valid annotations for the rest.
 *
 * @module
 */
import type { Ajv2020 } from "ajv/dist/2020.js";
import ajvFormats from "ajv-formats";
import { formatNames } from "ajv-formats/dist/formats.js";
import type { FormatDefinition } from "ajv";
import { DATE_TIME_FORMAT, uri } from "../../runtime/formats.js";
import type { SpecModel } from "../../model/types.js";

const KNOWN_FORMATS: ReadonlySet<string> = new Set<string>(formatNames);

/**
 * Adds the formats the document uses to `ajv`, and says whether any is checked (the compiled
 * module then imports the shared formats module).
 */
export function addFormats(
  ajv: Ajv2020,
  spec: SpecModel,
  formats: ReadonlySet<string>,
  warn: ((message: string) => void) | undefined,
): boolean {
  // ajv-formats in `full` mode, for the formats the document uses. `uri` must be full: RFC 3986
  // absolute URIs. `fast` only wants `scheme:` and no whitespace, so it accepts published
  // documents with `https://<namespace_route>` or `{tenantid}` in their issuer.
  const known = [...formats].filter((f) => KNOWN_FORMATS.has(f)).sort();
  ajvFormats.default(ajv, { mode: "full", formats: known as typeof formatNames, keywords: false });
  // The same `uri` check as the shipped formats module (same verdicts, a fast path in front).
  if (known.includes("uri")) ajv.addFormat("uri", uri);
  // Likewise `date-time` (see runtime/formats.ts), still an object with `validate` and `compare`.
  if (known.includes("date-time")) ajv.addFormat("date-time", DATE_TIME_FORMAT as FormatDefinition<string>);
  // Matrix's own formats (`mx-user-id`, `mx-room-id`, …) have no machine-readable definition
  // in the specs, so they are annotations: always valid. Where a spec gives a regex for one, it
  // does so with `pattern` beside the `format` (marked by `x-pattern-format`), which Ajv checks.
  // Other formats Ajv does not know (real specs have `operationId`, `integer`, …) are
  // annotations too, as JSON Schema 2020-12 makes every format by default, with a warning.
  const unknown = [...formats].filter((f) => !KNOWN_FORMATS.has(f)).sort();
  for (const f of unknown) ajv.addFormat(f, true);
  const odd = unknown.filter((f) => !f.startsWith("mx-"));
  if (odd.length) {
    const listed = odd.map((f) => JSON.stringify(f)).join(", ");
    warn?.(
      `${spec.source}: format(s) ${listed} unknown to ajv-formats; validators treat them as annotations (always valid)`,
    );
  }
  return known.length > 0;
}
