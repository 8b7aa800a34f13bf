/**
 * A response's headers as the model holds them: each Header Object (a `$ref` to
 * `components/headers` followed) with its name as written, whether it is required or deprecated,
 * its description, and where its schema is in the document, so that no emitter reopens the
 * document for a response header.
 *
 * @module
 */
import { formatPointer } from "../load/pointer.js";
import { derefAt, isObject } from "../load/refs.js";
import type { HeaderModel } from "./types.js";

/** The headers of a response's `headers` map (`raw`, at `at` in the document), in the spec's order. */
export function collectHeaders(document: Record<string, unknown>, at: string[], raw: unknown): HeaderModel[] {
  if (!isObject(raw)) return [];
  return Object.entries(raw).map(([name, node]) => headerOf(name, derefAt(document, node, [...at, name])));
}

function headerOf(name: string, found: { node: unknown; at: string[] }): HeaderModel {
  const header = isObject(found.node) ? found.node : {};
  const model: HeaderModel = { name, required: header.required === true, deprecated: header.deprecated === true };
  if (typeof header.description === "string") model.description = header.description;
  const schema = schemaTokens(header);
  if (schema) model.schemaPointer = formatPointer([...found.at, ...schema]);
  return model;
}

/**
 * Where a Header Object keeps its schema, relative to it: `schema`, or the schema of its one
 * `content` media type (the other way OpenAPI allows to describe a header).
 */
function schemaTokens(header: Record<string, unknown>): string[] | undefined {
  if (Object.hasOwn(header, "schema")) return ["schema"];
  if (!isObject(header.content)) return undefined;
  const [media, entry] = Object.entries(header.content)[0] ?? [];
  return media !== undefined && isObject(entry) && Object.hasOwn(entry, "schema")
    ? ["content", media, "schema"]
    : undefined;
}
