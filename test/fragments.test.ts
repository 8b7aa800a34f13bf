import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { references } from "../generator/load/fragments.js";
import { DocumentStore } from "../generator/load/refs.js";
import { generate } from "../generator/generate.js";
import { lint } from "../generator/lint/index.js";
import { REPO_LINT_CONFIG, tempDir } from "./helpers.js";

/** A folder of spec files from `{ relative path: text }`. */
function folder(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const api = (schema: string, example: string) =>
  `openapi: 3.1.0\ninfo: {title: t, version: "1"}\nservers: [{url: "https://api.example"}]\npaths:\n  /e:\n` +
  `    get:\n      operationId: getE\n      summary: An event.\n      responses:\n        "200":\n` +
  `          description: ok\n          content:\n            application/json:\n` +
  `              schema: ${schema}\n              example: ${example}\n`;

const FILES = {
  "api.yaml": api(
    // A property named `examples` is a property, not an example: its schema is no data.
    "{type: object, properties: {event: {$ref: ./event.yaml}, examples: {$ref: ./list.yaml}}}",
    "{event: {$ref: ./examples/event.json}, history: {$ref: ./examples/history.json}}",
  ),
  "event.yaml": "type: object\nproperties: {type: {type: string}}\nexample: {$ref: ./examples/event.json}\n",
  "list.yaml": "type: array\nitems: {type: string}\n",
  // Looks like a schema (a `type` member); reached only as an example.
  "examples/event.json": '{"type": "m.room.create", "content": {"creator": {"$ref": "./creator.json"}}}',
  // Reached only from inside example data.
  "examples/creator.json": '{"type": "m.user"}',
  // A list at the top level, referenced: example data, not an error.
  "examples/history.json": '[{"$ref": "./event.json"}]',
  // A schema only a standalone schema's example reaches.
  "schema.yaml": "type: object\nexample: {$ref: ./examples/pdu.json}\n",
  "examples/pdu.json": '{"type": "m.room.message", "room_id": "!r"}',
};

test("example data: files reached only through example values, transitively, however they look", () => {
  const dir = folder(FILES);
  const at = (p: string) => join(dir, p);
  const { referenced, fragments } = references(
    new DocumentStore(),
    [at("api.yaml")],
    [
      at("event.yaml"),
      at("list.yaml"),
      at("schema.yaml"),
      at("examples/event.json"),
      at("examples/creator.json"),
      at("examples/pdu.json"),
    ],
  );
  assert.deepEqual([...fragments].map((p) => p.slice(dir.length + 1)).sort(), [
    "examples/creator.json",
    "examples/event.json",
    "examples/history.json",
    "examples/pdu.json",
  ]);
  assert.deepEqual([...referenced].map((p) => p.slice(dir.length + 1)).sort(), [
    "event.yaml",
    "examples/creator.json",
    "examples/event.json",
    "examples/history.json",
    "examples/pdu.json",
    "list.yaml",
  ]);
});

test("a file an OpenAPI document uses as a schema is no example data, even if an example also points at it", () => {
  const dir = folder({
    "api.yaml": api("{$ref: ./thing.yaml}", "{$ref: ./thing.yaml}"),
    "thing.yaml": "type: object\n",
  });
  const { fragments } = references(new DocumentStore(), [join(dir, "api.yaml")], [join(dir, "thing.yaml")]);
  assert.deepEqual([...fragments], []);
});

test("a file referenced only through pointers into it is a container of parts, not a schema", () => {
  const dir = folder({
    // DigitalOcean's shape: a map of parameters, one of them named `type`.
    "api.yaml":
      'openapi: 3.1.0\ninfo: {title: t, version: "1"}\npaths:\n  /i:\n    get:\n' +
      '      parameters: [{$ref: "./params.yaml#/type"}]\n      responses: {"204": {description: ok}}\n',
    "params.yaml": "type: {in: query, name: type, schema: {type: string}}\n",
  });
  const { fragments } = references(new DocumentStore(), [join(dir, "api.yaml")], [join(dir, "params.yaml")]);
  assert.deepEqual([...fragments], [join(dir, "params.yaml")]);
});

test("generate and lint take the schemas of a folder with example data, and only those", async () => {
  const dir = folder(FILES);
  const result = await generate({ paths: [dir], out: join(dir, "out"), cwd: dir, dryRun: true });
  assert.deepEqual(result.problems, []);
  assert.deepEqual(
    result.model.specs.map((s) => s.source),
    ["api.yaml", "event.yaml", "list.yaml", "schema.yaml"],
  );
  const linted = await lint([dir], { cwd: dir, config: REPO_LINT_CONFIG });
  assert.deepEqual(
    linted.problems.map((p) => p.message),
    [],
  );
  // The same list with no document referring to it cannot be anything.
  writeFileSync(join(dir, "stray.json"), "[1, 2]");
  await assert.rejects(
    generate({ paths: [dir], out: join(dir, "out"), cwd: dir, dryRun: true }),
    /expected a mapping at the top level, found a list/,
  );
  const stray = await lint([dir], { cwd: dir, config: REPO_LINT_CONFIG });
  assert.deepEqual(
    stray.problems.map((p) => p.message),
    [
      "expected a mapping at the top level, found a list (so neither an OpenAPI document nor a JSON Schema), " +
        "and no document here refers to it.",
    ],
  );
});
