/**
 * The shipped validators are pure ESM and run; one Ajv instance per spec and kind of compile; the
 * guards narrow to the generated types (the whole Matrix corpus's validators: long/validators-corpus.test.ts).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { generate } from "../generator/generate.js";
import { loadValidators } from "../generator/validate/index.js";
import { FIXTURES, ROOT } from "./helpers.js";
import { typecheck } from "./typecheck.js";
import { type Guard, VALIDATORS, walk, load, fn, BASE } from "./generated-validators.js";

test("the generated validators are pure ESM: no require( in any file; every export runs in Node's ESM", async () => {
  const files = walk(VALIDATORS).filter((f) => f.endsWith(".js"));
  assert.ok(files.length >= 5, files.join(", "));
  for (const file of files) {
    const source = readFileSync(file, "utf8");
    const name = relative(ROOT, file);
    assert.ok(!/\brequire\s*\(/.test(source), `${name} calls require()`);
    assert.doesNotMatch(source, /\bfrom\s+["'](ajv|ajv-formats|esbuild)\b/, `${name} imports a build-time package`);
    assert.doesNotMatch(source, /\bnew Function\b|\beval\(/, `${name} compiles code at run time`);
    // In an ES module `require` is undefined: any call left in a code path throws when it runs.
    const module = await load(file);
    for (const [key, value] of Object.entries(module)) {
      if (typeof value !== "function" || !/^(is|validate)[A-Z]/.test(key)) continue;
      for (const input of [
        null,
        {},
        [],
        "x",
        1,
        BASE,
        { type: "m.login.sso", identity_providers: [{ id: "a", name: "A" }] },
      ]) {
        assert.equal(typeof (value as Guard)(input), "boolean", `${name} ${key}`);
      }
    }
  }
});

test("one Ajv instance per module and compile kind: a component shared by two operations is emitted once", async () => {
  const fixture = join(FIXTURES, "validators/shared.yaml");
  const result = await generate({ paths: [fixture], cwd: ROOT, dryRun: true, config: { overlays: {} } });
  assert.deepEqual(result.problems, []);
  const js = result.files.find((f) => f.path === "validators/shared.ajv.js")?.contents ?? "";
  const dts = result.files.find((f) => f.path === "validators/shared.d.ts")?.contents ?? "";
  // Once per compile: every problem (validateX, assertX) and the first one (isX).
  assert.equal(js.split('new RegExp("^t-[0-9]+-?$"').length - 1, 2, "Thing's pattern is compiled once per compile");
  assert.equal(
    js.split('keyword:"pattern",params:{pattern: "^t-[0-9]+-?$"}').length - 1,
    2,
    "Thing's checks are emitted once per compile",
  );
  for (const name of ["GetThingResponse", "GetThingResponse404", "ListThingsResponse"]) {
    assert.match(dts, new RegExp(`export declare function is${name}\\(value: unknown\\): value is ${name};`));
    assert.match(
      dts,
      new RegExp(`export declare function assert${name}\\(value: unknown\\): asserts value is ${name};`),
    );
  }
  assert.match(dts, /from "\.\.\/types\/shared\.js";/);
  const fixtureValidators = await loadValidators(fixture, { cwd: ROOT });
  const m = fixtureValidators.exports;
  const thing = {
    id: "t-1",
    owner: "@alice:example.org",
    home: "https://example.org/a",
    shape: { type: "circle", radius: 1 },
  };
  assert.equal(fn<Guard>(m, "isGetThingResponse")(thing), true);
  assert.equal(fn<Guard>(m, "isListThingsResponse")({ things: [thing, { ...thing, id: "t-2" }] }), true);
  // The Matrix format is an annotation; the pattern beside it is what checks the value.
  assert.equal(fn<Guard>(m, "isGetThingResponse")({ ...thing, owner: "alice" }), false);
  assert.equal(fn<Guard>(m, "isGetThingResponse")({ ...thing, home: "not a uri" }), false);
  assert.equal(fn<Guard>(m, "isGetThingResponse")({ ...thing, shape: { type: "circle", side: 1 } }), false);
  // The 404 body is reached through components/responses.
  assert.equal(fn<Guard>(m, "isGetThingResponse404")({ errcode: "M_NOT_FOUND" }), true);
  assert.equal(fn<Guard>(m, "isGetThingResponse404")({ error: "x" }), false);
});

test("each guard narrows to exactly the generated type, and misuse does not compile", () => {
  assert.deepEqual(typecheck([join(FIXTURES, "validators/guards.ts")]), []);
});
