import { test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { generate } from "../generator/generate.js";
import { FIXTURES, tempDir } from "./helpers.js";
import { typecheck } from "./typecheck.js";

/**
 * An optional property with a `default` stays optional in the types (openapi-typescript's
 * `defaultNonNullable` off): the validators do not fill defaults in, so a value the guard
 * accepts may lack it, and a caller need not send it.
 */
test("a defaulted property that is not required stays optional in request and response types", async () => {
  const dir = tempDir();
  try {
    const out = join(dir, "out");
    const result = await generate({
      cwd: join(FIXTURES, "defaults"),
      paths: ["specs"],
      out,
      config: { emit: ["validators"] },
    });
    assert.deepEqual(result.problems, []);
    copyFileSync(join(FIXTURES, "defaults/usage.ts"), join(dir, "usage.ts"));
    assert.deepEqual(typecheck([join(dir, "usage.ts")]), []);
    const { isSearchResponse } = (await import(pathToFileURL(join(out, "validators/search.js")).href)) as {
      isSearchResponse: (v: unknown) => boolean;
    };
    assert.equal(
      isSearchResponse({ hits: ["a"] }),
      true,
      "a value without the defaulted member is accepted, as its type says",
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
