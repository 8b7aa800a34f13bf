import { test } from "node:test";
import assert from "node:assert/strict";
import { isJsonMedia } from "../generator/model/media.js";
import { VERSION } from "../generator/version.js";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./helpers.js";

const CASES: Array<[string, boolean]> = [
  ["application/json", true],
  ["Application/JSON", true],
  ["application/json; charset=utf-8", true],
  ["application/problem+json", true],
  ["application/vnd.github.v3+json", true],
  ["application/jsonl", false],
  ["application/json-seq", false],
  ["application/x-ndjson", false],
  ["application/json+zip", false],
  ["text/json", false],
  ["multipart/form-data", false],
];

for (const [type, want] of CASES) {
  test(`isJsonMedia(${JSON.stringify(type)}) is ${want}`, () => assert.equal(isJsonMedia(type), want));
}

test("the toolkit's version is package.json's", () => {
  assert.equal(VERSION, (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version);
});
