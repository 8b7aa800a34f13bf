/**
 * What an operation answers, by status: headers, media types, the JSON body's schema, and
 * whether a failure's body is a Matrix error.
 *
 * @module
 */
import { formatPointer } from "../load/pointer.js";
import { derefAt, isObject } from "../load/refs.js";
import { collectHeaders } from "./headers.js";
import { isJsonMedia } from "./media.js";
import { hasProperty } from "./schema-shape.js";
import type { ResponseModel } from "./types.js";

/** The responses of an operation's `responses` object (`raw`, at `at` in the document), in the spec's order. */
export function collectResponses(document: Record<string, unknown>, at: string[], raw: unknown): ResponseModel[] {
  if (!isObject(raw)) return [];
  return Object.entries(raw).map(([status, r]) => responseOf(document, [...at, status], status, r));
}

function responseOf(document: Record<string, unknown>, at: string[], status: string, raw: unknown): ResponseModel {
  // Headers are located where the response really is (a `components/responses` entry for a `$ref`).
  const { node: response, at: found } = derefAt(document, raw, at);
  const headers = isObject(response) ? collectHeaders(document, [...found, "headers"], response.headers) : [];
  const content = isObject(response) && isObject(response.content) ? response.content : {};
  const json = Object.keys(content).find((t) => isJsonMedia(t));
  const model: ResponseModel = { status, headers, media: Object.keys(content) };
  if (isObject(response) && typeof response.description === "string") model.description = response.description;
  if (json && isObject(content[json]) && "schema" in (content[json] as object)) {
    model.mediaType = json;
    model.jsonSchemaPointer = formatPointer([...at, "content", json, "schema"]);
    const schema = (content[json] as Record<string, unknown>).schema;
    if (!/^[123]/.test(status) && hasProperty(document, schema, "errcode")) model.matrixError = true;
  }
  return model;
}
