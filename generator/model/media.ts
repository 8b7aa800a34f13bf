/**
 * Whether a media type (a `content` key) is JSON: `application/json` and its structured-syntax
 * relatives (`application/problem+json`), with parameters (`; charset=utf-8`), in any case.
 * Anchored, so that `application/jsonl`, `application/json-seq` and `application/x-ndjson`
 * (streams of JSON texts, not one) are not read as one JSON body.
 */
export const isJsonMedia = (type: string): boolean =>
  /^application\/([a-z0-9!#$&^_.-]+\+)?json[ \t]*(;.*)?$/i.test(type);

/**
 * What the client makes of a media type. Requests: `json` is encoded, `form`
 * (`application/x-www-form-urlencoded`) and `multipart` (`multipart/form-data`) objects are
 * encoded from the schema, any other body is sent as given. Responses: `json` is parsed;
 * `stream` (JSON texts one after another, server-sent events) is handed over as it arrives;
 * `text` (`text/*`, XML, YAML) is read as a string; anything else (`bytes`) as a Blob.
 */
export type MediaKind = "json" | "stream" | "text" | "form" | "multipart" | "bytes";

/** Media type parameters (`; charset=utf-8`) after the type. */
const PARAMS = String.raw`[ \t]*(;.*)?$`;
/** Streams of JSON texts (NDJSON, JSON Lines, RFC 7464 sequences, `…+json-seq`) and server-sent events. */
const STREAM = new RegExp(
  String.raw`^(application/((x-)?(ndjson|jsonl|jsonlines|json-stream)|([a-z0-9!#$&^_.-]+\+)?json-seq)` +
    "|text/event-stream)" +
    PARAMS,
  "i",
);
/** Text read as a string: `text/*`, XML and YAML. */
const TEXT = new RegExp(String.raw`^(text/[^;]+|application/([a-z0-9!#$&^_.-]+\+)?(xml|yaml|x-yaml))` + PARAMS, "i");

/** The {@link MediaKind} of a media type (a `content` key), parameters and case aside. */
export function mediaKind(type: string): MediaKind {
  if (isJsonMedia(type)) return "json";
  if (STREAM.test(type)) return "stream";
  if (new RegExp(`^application/x-www-form-urlencoded${PARAMS}`, "i").test(type)) return "form";
  if (new RegExp(`^multipart/form-data${PARAMS}`, "i").test(type)) return "multipart";
  return TEXT.test(type) ? "text" : "bytes";
}
