import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { generate } from "../generator/generate.js";
import { lint } from "../generator/lint/index.js";
import { spec30, withFiles } from "./real-world-helpers.js";

/**
 * Real specs as they are: constructs that published specs carry and that Redocly's struct rule
 * refuses, although no output depends on them or the OpenAPI specification allows them.
 * `generate` accepts them with one summarized warning per kind; `lint` still reports them.
 */

test("3.0 nullable without a sibling type generates (typed, validated | null), one warning; lint warns", async () => {
  const schema = `                type: object
                properties:
                  a: { allOf: [{ $ref: "#/components/schemas/Part" }], nullable: true }
                  b: { anyOf: [{ $ref: "#/components/schemas/Part" }], nullable: true }
                  c: { oneOf: [{ $ref: "#/components/schemas/Part" }], nullable: true }
                  d: { allOf: [{ $ref: "#/components/schemas/Part" }], nullable: true }`;
  await withFiles({ "api.yaml": spec30(schema) }, async (dir) => {
    const out = join(dir, "out");
    const result = await generate({ cwd: dir, paths: ["api.yaml"], out, config: { emit: ["validators"] } });
    assert.deepEqual(result.problems, []);
    const nullable = result.warnings.filter((w) => w.includes("nullable"));
    assert.equal(nullable.length, 1, "one line for the kind");
    assert.match(nullable[0]!, /^api\.yaml: 4 place\(s\) use `nullable: true` without a sibling `type`.*, …$/);
    const types = readFileSync(join(out, "types/api.d.ts"), "utf8");
    for (const key of ["a", "b", "c", "d"])
      assert.match(types, new RegExp(`${key}\\?: components\\["schemas"\\]\\["Part"\\] \\| null;`));
    const { isGetThingResponse } = (await import(pathToFileURL(join(out, "validators/api.js")).href)) as Record<
      string,
      (v: unknown) => boolean
    >;
    assert.equal(isGetThingResponse!({ a: null, b: null, c: null, d: { id: "x" } }), true);
    assert.equal(isGetThingResponse!({ a: 1 }), false);
    const linted = await lint([join(dir, "api.yaml")], { cwd: dir });
    const struct = linted.problems.filter((p) => p.ruleId === "struct");
    assert.deepEqual(
      struct.map((p) => p.severity),
      ["warn", "warn", "warn", "warn"],
    );
  });
});

test("a 3.1 document in 3.0 idioms generates: nullable, boolean bounds as 3.0; unknown keywords ignored", async () => {
  const spec = `openapi: 3.1.0
info: { title: T, version: "1" }
paths:
  /thing:
    get:
      operationId: getThing
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  a: { type: string, nullable: true }
                  b: { type: string, nullable: true, optional: true }
                  c: { type: array, items: { type: number }, min_items: 2, max_items: 2 }
                  d: { type: number, minimum: 0, exclusiveMinimum: true }
                  e: { $ref: "#/components/schemas/Tree" }
components:
  schemas:
    Tree:
      $recursiveAnchor: true
      type: object
      properties:
        kids: { type: array, items: { $recursiveRef: "#" } }
`;
  await withFiles({ "api.yaml": spec }, async (dir) => {
    const out = join(dir, "out");
    const result = await generate({ cwd: dir, paths: ["api.yaml"], out, config: { emit: ["validators"] } });
    assert.deepEqual(result.problems, []);
    const lines = (word: string) => result.warnings.filter((w) => w.includes(word));
    assert.match(lines("`nullable`")[0]!, /^api\.yaml: 2 place\(s\) use OpenAPI 3\.0's `nullable`/);
    const idioms = ["`optional`", "`min_items`", "`max_items`", "`$recursiveRef`", "`$recursiveAnchor`"];
    idioms.push("`exclusiveMinimum`");
    for (const word of idioms) {
      assert.equal(lines(word).length, 1, `one line for ${word}: ${result.warnings.join("\n")}`);
    }
    assert.match(lines("`optional`")[0]!, /ignored/);
    assert.match(lines("`$recursiveRef`")[0]!, /the validators follow it/);
    const types = readFileSync(join(out, "types/api.d.ts"), "utf8");
    assert.match(types, /a\?: string \| null;/);
    const url = pathToFileURL(join(out, "validators/api.js")).href;
    const { isGetThingResponse } = (await import(url)) as Record<string, (v: unknown) => boolean>;
    assert.equal(isGetThingResponse!({ a: null, b: null, c: [1], d: 1, e: { kids: [{ kids: [] }] } }), true);
    assert.equal(isGetThingResponse!({ e: { kids: [1] } }), false, "$recursiveRef is followed");
    assert.equal(isGetThingResponse!({ a: 1 }), false);
    assert.equal(isGetThingResponse!({ d: 0 }), false, "the boolean bound makes minimum exclusive");
    const linted = await lint([join(dir, "api.yaml")], { cwd: dir });
    const reported = linted.problems.some((p) => p.ruleId === "struct" && /`optional`/.test(p.message));
    assert.ok(reported, "lint still reports them");
  });
});

test("3.0 idioms in a file $ref'd as a schema are tolerated there, named by file; elsewhere they stop", async () => {
  const api = (ref: string) => `openapi: 3.1.0
info: { title: T, version: "1" }
paths:
  /thing:
${ref}`;
  const asSchema = `    get:
      operationId: getThing
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: { $ref: "./pet.yaml" }
`;
  const pet = "type: object\nnullable: true\nproperties:\n  tag: { $ref: './tag.yaml#/Tag' }\n";
  const tag = "Tag: { type: array, items: { type: string }, min_items: 1 }\nNote: { hello: 1 }\n";
  await withFiles({ "api.yaml": api(asSchema), "pet.yaml": pet, "tag.yaml": tag }, async (dir) => {
    const out = join(dir, "out");
    const result = await generate({ cwd: dir, paths: ["api.yaml"], out, config: { emit: ["types", "validators"] } });
    assert.deepEqual(result.problems, []);
    assert.ok(
      result.warnings.some((w) => /`nullable`.*: pet\.yaml#\/nullable$/.test(w)),
      result.warnings.join("\n"),
    );
    assert.ok(
      result.warnings.some((w) => /`min_items`.*: tag\.yaml#\/Tag\/min_items$/.test(w)),
      result.warnings.join("\n"),
    );
    assert.match(readFileSync(join(out, "types/api.d.ts"), "utf8"), /\} \| null;/);
    const url = pathToFileURL(join(out, "validators/api.js")).href;
    const { isGetThingResponse } = (await import(url)) as Record<string, (v: unknown) => boolean>;
    assert.equal(isGetThingResponse!(null), true, "nullable read as 3.0 reads it");
    assert.equal(isGetThingResponse!({ tag: [] }), true, "min_items is an annotation");
  });
  // The same unknown key in a file $ref'd as a path item is no schema keyword: it stops generate.
  const asPathItem = `    $ref: "./item.yaml"\n`;
  const item = "get:\n  operationId: getThing\n  nullable: true\n  responses: { '200': { description: ok } }\n";
  await withFiles({ "api.yaml": api(asPathItem), "item.yaml": item }, async (dir) => {
    const result = await generate({ cwd: dir, paths: ["api.yaml"], dryRun: true });
    assert.equal(result.problems[0]?.ruleId, "struct");
    assert.match(result.problems[0]?.location[0]?.source.absoluteRef ?? "", /item\.yaml$/);
  });
});

test("a malformed doc field (a null server-variable description): generate warns, lint errs", async () => {
  await withFiles({ "api.yaml": spec30("                type: string", ", description: null") }, async (dir) => {
    const result = await generate({ cwd: dir, paths: ["api.yaml"], dryRun: true });
    assert.deepEqual(result.problems, []);
    assert.ok(
      result.warnings.some((w) =>
        /^api\.yaml: 1 place\(s\) have a malformed documentation field.*variables\/host\/description$/.test(w),
      ),
      result.warnings.join("\n"),
    );
    const linted = await lint([join(dir, "api.yaml")], { cwd: dir });
    assert.ok(linted.problems.some((p) => p.ruleId === "struct" && p.severity === "error"));
  });
});

test("a struct error outside documentation still stops generate; an overlay that repairs it is honoured", async () => {
  // A property schema that is a number: no emitter could read it.
  const broken = spec30(`                type: object
                properties:
                  a: 5`);
  const overlay = `overlay: 1.0.0
info: { title: fix, version: "1" }
actions:
  - target: "$.paths['/thing'].get.responses['200'].content['application/json'].schema.properties"
    update: { a: { type: string } }
`;
  await withFiles({ "api.yaml": broken, "fix.yaml": overlay }, async (dir) => {
    const refused = await generate({ cwd: dir, paths: ["api.yaml"], dryRun: true });
    assert.equal(refused.problems[0]?.ruleId, "struct");
    const repaired = await generate({
      cwd: dir,
      paths: ["api.yaml"],
      dryRun: true,
      config: { overlays: { "api.yaml": ["fix.yaml"] } },
    });
    assert.deepEqual(repaired.problems, []);
  });
});

test("enum: [] generates: typed never, compiled as false; lint warns at its line", async () => {
  const spec = `openapi: 3.1.0
info: { title: E, version: "1" }
paths:
  /a:
    get:
      operationId: getA
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  nothing: { type: string, enum: [] }
                  name: { type: string }
`;
  await withFiles({ "api.yaml": spec }, async (dir) => {
    const out = join(dir, "out");
    const result = await generate({ cwd: dir, paths: ["api.yaml"], out, config: { emit: ["validators"] } });
    assert.deepEqual(result.problems, []);
    assert.match(readFileSync(join(out, "types/api.d.ts"), "utf8"), /nothing\?: never;/);
    const { isGetAResponse } = (await import(pathToFileURL(join(out, "validators/api.js")).href)) as Record<
      string,
      (v: unknown) => boolean
    >;
    assert.equal(isGetAResponse!({ name: "x" }), true);
    assert.equal(isGetAResponse!({ nothing: "x" }), false);
    const linted = await lint([join(dir, "api.yaml")], { cwd: dir });
    const empty = linted.problems.filter((p) => p.ruleId === "specgen/enum-empty");
    assert.deepEqual(
      empty.map((p) => [p.severity, p.location[0]?.pointer]),
      [["warn", "#/paths/~1a/get/responses/200/content/application~1json/schema/properties/nothing/enum"]],
    );
  });
});

test("a spec not written for the Matrix site keeps site-relative links; no Matrix wording in its output", async () => {
  const spec = `openapi: 3.1.0
info: { title: Pets, version: "1" }
paths:
  /pets/{id}:
    get:
      operationId: getPet
      summary: A pet.
      description: See [the guide](/docs/pets) for details.
      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
      responses:
        "200":
          description: ok
          content: { application/json: { schema: { type: object, description: "Read [more](/docs/pet)." } } }
        "404":
          description: none
          content: { application/json: { schema: { type: object, properties: { code: { type: integer } } } } }
`;
  await withFiles({ "api.yaml": spec }, async (dir) => {
    const out = join(dir, "out");
    const result = await generate({ cwd: dir, paths: ["api.yaml"], out });
    assert.deepEqual(result.problems, []);
    const types = readFileSync(join(out, "types/api.d.ts"), "utf8");
    const client = readFileSync(join(out, "client/api.d.ts"), "utf8");
    assert.match(types, /\[the guide\]\(\/docs\/pets\)/);
    assert.match(client, /\[the guide\]\(\/docs\/pets\)/);
    for (const text of [types, client, readFileSync(join(out, "README.md"), "utf8")])
      assert.doesNotMatch(text, /Matrix|matrix\.org|Synapse/);
  });
});
