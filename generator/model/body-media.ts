import { deref, isObject } from "../load/refs.js";
import { mediaKind } from "./media.js";
import type { BodyMediaModel, PartEncodingModel } from "./types.js";

/** One media type of a request body, with the Encoding Object fields the client applies (form and multipart only). */
export function bodyMedia(document: Record<string, unknown>, type: string, raw: unknown): BodyMediaModel {
  const kind = mediaKind(type);
  const encoding = deref(document, isObject(raw) ? raw.encoding : undefined);
  if ((kind !== "form" && kind !== "multipart") || !isObject(encoding)) return { type, kind };
  const parts: Record<string, PartEncodingModel> = Object.create(null) as Record<string, PartEncodingModel>;
  for (const [name, value] of Object.entries(encoding)) {
    const e = deref(document, value);
    if (!isObject(e)) continue;
    const part: PartEncodingModel = {
      ...(typeof e.style === "string" && { style: e.style }),
      ...(typeof e.explode === "boolean" && { explode: e.explode }),
      ...(e.allowReserved === true && { allowReserved: true }),
      ...(typeof e.contentType === "string" && { contentType: e.contentType }),
    };
    if (Object.keys(part).length) parts[name] = part;
  }
  return Object.keys(parts).length ? { type, kind, encoding: parts } : { type, kind };
}
