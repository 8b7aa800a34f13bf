// What the client makes of each media type (generator/model/media.ts): the table every body and
// answer decision reads.
import assert from "node:assert/strict";
import { test } from "node:test";
import { mediaKind, type MediaKind } from "../generator/model/media.js";

const TABLE: Array<[string, MediaKind]> = [
  ["application/json", "json"],
  ["application/problem+json; charset=utf-8", "json"],
  ["application/x-ndjson", "stream"],
  ["application/ndjson", "stream"],
  ["application/jsonl", "stream"],
  ["application/jsonlines", "stream"],
  ["application/json-seq", "stream"],
  ["application/geo+json-seq", "stream"],
  // a `+json` suffix is JSON (isJsonMedia), whatever the subtype says
  ["application/stream+json", "json"],
  ["text/event-stream", "stream"],
  ["Text/Event-Stream; charset=UTF-8", "stream"],
  ["application/x-www-form-urlencoded", "form"],
  ["multipart/form-data", "multipart"],
  ["multipart/mixed", "bytes"],
  ["text/plain", "text"],
  ["text/csv; charset=utf-8", "text"],
  ["application/xml", "text"],
  ["application/atom+xml", "text"],
  ["application/yaml", "text"],
  ["application/octet-stream", "bytes"],
  ["image/png", "bytes"],
  ["image/*", "bytes"],
  ["*/*", "bytes"],
  ["application/jsonx", "bytes"],
  ["application/x-ndjsonx", "bytes"],
];

test("each media type's kind", () => {
  for (const [type, kind] of TABLE) assert.equal(mediaKind(type), kind, type);
});
