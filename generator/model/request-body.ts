/**
 * What an operation sends: its request body's media types, the one the client declares, and the
 * JSON body's schema.
 *
 * @module
 */
import { formatPointer } from "../load/pointer.js";
import { deref, isObject } from "../load/refs.js";
import { bodyMedia } from "./body-media.js";
import { isJsonMedia } from "./media.js";
import type { RequestBodyModel } from "./types.js";

/**
 * An operation's request body: a JSON media type where one is listed (the client encodes it),
 * else the only one listed, else none in particular (the caller's body is sent as given).
 */
export function requestBodyOf(
  document: Record<string, unknown>,
  raw: unknown,
  at: string[],
): RequestBodyModel | undefined {
  const body = deref(document, raw);
  if (!isObject(body) || !isObject(body.content)) return undefined;
  const content = body.content;
  const types = Object.keys(content);
  if (!types.length) return undefined;
  const json = types.find((t) => isJsonMedia(t));
  const mediaType = json ?? (types.length === 1 ? types[0]! : "");
  // A wildcard names no type to declare, and a multipart type needs the boundary that only the
  // body (FormData) knows: fetch adds it when no Content-Type is set.
  const contentType = /\*|^multipart\//i.test(mediaType) ? "" : mediaType;
  const offered = [json ?? types[0]!, ...types.filter((t) => t !== (json ?? types[0]))];
  const media = offered.map((type) => bodyMedia(document, type, content[type]));
  const required = body.required === true;
  const model: RequestBodyModel = { mediaType, json: json !== undefined, contentType, required, media };
  // The pointer passes through the operation's `requestBody`, which may be a $ref (to
  // components/requestBodies); the validators emitter follows it.
  if (json && isObject(content[json]) && "schema" in (content[json] as object))
    model.jsonSchemaPointer = formatPointer([...at, "content", json, "schema"]);
  return model;
}
