import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CONFIG_SCHEMA } from "../generator/config-schema.js";
import { loadProjectConfig } from "../generator/config.js";
import { SpecError } from "../generator/errors.js";
import { ROOT, tempDir } from "./helpers.js";

test("the published specgen.config.schema.json is the schema the config is checked against", () => {
  assert.deepEqual(JSON.parse(readFileSync(join(ROOT, "specgen.config.schema.json"), "utf8")), CONFIG_SCHEMA);
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { files: string[] };
  assert.ok(pkg.files.includes("specgen.config.schema.json"), "it ships in the toolkit's package");
});

const CASES: Array<[string, { given: unknown; error?: RegExp; pointer?: string }]> = [
  ["this repository's config", { given: JSON.parse(readFileSync(join(ROOT, "specgen.config.json"), "utf8")) }],
  ["an empty config", { given: {} }],
  ["a misspelt top-level key", { given: { ovelrays: {} }, error: /unknown key "ovelrays"/, pointer: "/ovelrays" }],
  [
    "a misspelt package key",
    { given: { package: { nmae: "x" } }, error: /unknown key "nmae"/, pointer: "/package/nmae" },
  ],
  ["a wrong type", { given: { cache: "getAuthMetadata" }, error: /\/cache must be array/, pointer: "/cache" }],
  [
    "an unknown output kind",
    { given: { emit: ["docs"] }, error: /\/emit\/0 must be equal to one of the allowed values/, pointer: "/emit/0" },
  ],
  [
    "overlays that are not lists",
    { given: { overlays: { "a.yaml": "b.yaml" } }, error: /must be array/, pointer: "/overlays/a.yaml" },
  ],
  ["a __proto__ key", { given: JSON.parse('{"__proto__": {"out": "."}}'), error: /unknown key "__proto__"/ }],
];

for (const [name, { given, error, pointer }] of CASES) {
  test(`specgen.config.json: ${name}`, () => {
    const dir = tempDir();
    try {
      writeFileSync(join(dir, "specgen.config.json"), JSON.stringify(given));
      if (!error) {
        assert.doesNotThrow(() => loadProjectConfig(dir));
        return;
      }
      assert.throws(
        () => loadProjectConfig(dir),
        (err: unknown) =>
          err instanceof SpecError &&
          error.test(err.message) &&
          err.file.endsWith("specgen.config.json") &&
          (pointer === undefined || err.pointer === pointer),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
