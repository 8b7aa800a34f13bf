/**
 * Whether a media type (a `content` key) is JSON: `application/json` and its structured-syntax
 * relatives (`application/problem+json`), with parameters (`; charset=utf-8`), in any case.
 * Anchored, so that `application/jsonl`, `application/json-seq` and `application/x-ndjson`
 * (streams of JSON texts, not one) are not read as one JSON body.
 */
export const isJsonMedia = (type: string): boolean => /^application\/([a-z0-9!#$&^_.-]+\+)?json[ \t]*(;.*)?$/i.test(type);
