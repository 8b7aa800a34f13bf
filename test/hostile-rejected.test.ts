import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { SpecError } from "../generator/errors.js";
import { generate } from "../generator/generate.js";
import { FIXTURES } from "./helpers.js";

/** The hostile fixture's inputs that cannot be made safe (test/fixtures/hostile/rejected/). */
const FIXTURE = join(FIXTURES, "hostile");
const REJECTED = join(FIXTURE, "rejected");

test("hostile fixture: what cannot be made safe is rejected, naming the spec and the field", async () => {
  const run = (file: string) => generate({ cwd: FIXTURE, paths: [join(REJECTED, file)], dryRun: true });
  const rejects = async (file: string, message: RegExp, pointer: string, [line, column]: [number, number]) => {
    await assert.rejects(run(file), (err: unknown) => {
      assert.ok(err instanceof SpecError, String(err));
      assert.equal(err.file, file);
      assert.equal(err.pointer, pointer);
      // Where the pointer's value is written in the file.
      assert.deepEqual([err.line, err.column], [line, column], String(err));
      assert.match(err.message, message);
      assert.ok(!/[\r\n\u2028\u2029]/.test(err.toString()), "one line");
      return true;
    });
  };
  await rejects(
    "prototype-key.yaml",
    /key "hasOwnProperty" cannot be read/,
    "/components/schemas/Thing/properties/hasOwnProperty",
    [10, 25],
  );
  await rejects("schema-trap.yaml", /key "valueOf" cannot be read/, "/examples/0/valueOf", [5, 16]);
  await rejects(
    "path-param-crlf.yaml",
    /path parameter name "x\\r\\ny" contains a brace or line break/,
    "#/paths/~1items~1%7Bx%0D%0Ay%7D/get/parameters",
    [9, 9],
  );
  await rejects("non-finite.yaml", /Infinity has no JSON form/, "/components/schemas/Limit/enum/1", [7, 38]);
  await rejects(
    "duplicate-operation-id.yaml",
    /operationId "dup" is also used by GET "\/a"/,
    "/paths/~1b/get/operationId",
    [8, 25],
  );
  await rejects(
    "duplicate-operation-id-path-item.yaml",
    /operationId "dup" is also used by GET "\/a"/,
    "/components/pathItems/B/get/operationId",
    [13, 27],
  );
  // Redocly's struct gate reports a `constructor` property as a type error; the message says why.
  const constructorKey = await run("constructor-key.yaml");
  assert.equal(constructorKey.files.length, 0);
  assert.equal(constructorKey.problems.length, 1);
  assert.match(
    constructorKey.problems[0]!.message,
    /the key "constructor" at #\/components\/schemas\/Thing\/properties\/constructor is misread/,
  );
  assert.match(constructorKey.problems[0]!.location[0]!.source.absoluteRef, /constructor-key\.yaml$/);
});
