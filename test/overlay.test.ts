import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { applyOverlay } from "../generator/load/overlay.js";
import { lint } from "../generator/lint/index.js";
import { generate } from "../generator/generate.js";
import { SpecError } from "../generator/errors.js";
import { at, ROOT, tempDir } from "./helpers.js";

const doc = { a: { b: 1, list: [1], keep: true }, c: [{ name: "x" }, { name: "y" }] };
const overlay = (actions: unknown[]) => ({ overlay: "1.0.0", info: { title: "t", version: "1" }, actions });

test("overlay actions: objects merge, arrays append, remove deletes, the input is untouched", () => {
  const cases: Array<[string, unknown[], unknown]> = [
    [
      "merge",
      [{ target: "$.a", update: { b: 2, d: { e: 1 } } }],
      { a: { b: 2, list: [1], keep: true, d: { e: 1 } }, c: doc.c },
    ],
    ["append", [{ target: "$.a.list", update: 2 }], { a: { ...doc.a, list: [1, 2] }, c: doc.c }],
    ["remove", [{ target: "$.c[?(@.name == 'x')]", remove: true }], { a: doc.a, c: [{ name: "y" }] }],
    [
      "filter update",
      [{ target: "$.c[*]", update: { seen: true } }],
      {
        a: doc.a,
        c: [
          { name: "x", seen: true },
          { name: "y", seen: true },
        ],
      },
    ],
  ];
  for (const [name, actions, want] of cases) {
    assert.deepEqual(applyOverlay(doc, overlay(actions), "o.yaml"), want, name);
  }
  assert.deepEqual(doc.a.list, [1]);
});

test("an action matching nothing, or a malformed overlay, is an error naming the overlay", () => {
  assert.throws(
    () => applyOverlay(doc, overlay([{ target: "$.nope", update: {} }]), "o.yaml"),
    /o\.yaml|matches nothing: \$\.nope/,
  );
  assert.throws(() => applyOverlay(doc, { overlay: "2.0.0", actions: [] }, "o.yaml"), /Overlay 1\.0/);
  assert.throws(() => applyOverlay(doc, overlay([{ target: "$.a" }]), "o.yaml"), /update` or `remove/);
});

test("JSONPath script expressions in targets are not evaluated", () => {
  (globalThis as Record<string, unknown>).overlayPwned = undefined;
  try {
    applyOverlay(doc, overlay([{ target: "$[?(globalThis.overlayPwned = 1)]", update: {} }]), "o.yaml");
  } catch {
    // refusing the expression is fine too
  }
  assert.equal((globalThis as Record<string, unknown>).overlayPwned, undefined);
});

test("the project's overlay adds the prose MUST rules to the auth_metadata model, not to the spec file", async () => {
  const result = await generate({ cwd: ROOT, dryRun: true });
  const spec = result.model.specs.find((s) => s.source === "client-server/auth_metadata.yaml")!;
  const response = at(spec.document, "paths", "/auth_metadata", "get", "responses", "200");
  const props = at(response, "content", "application/json", "schema", "properties");
  assert.equal(at(props, "issuer", "pattern"), "^https://[^?#]+$");
  assert.deepEqual(at(props, "response_types_supported", "contains"), { const: "code" });
  assert.deepEqual(at(props, "grant_types_supported", "allOf"), [
    { contains: { const: "authorization_code" } },
    { contains: { const: "refresh_token" } },
  ]);
  assert.deepEqual(at(props, "response_modes_supported", "allOf"), [
    { contains: { const: "query" } },
    { contains: { const: "fragment" } },
  ]);
  assert.deepEqual(at(props, "code_challenge_methods_supported", "contains"), { const: "S256" });
});

test("lint checks overlays: shape, and that each action applies to the document it extends", async () => {
  const ok = await lint([join(ROOT, "specs/overlays")]);
  assert.deepEqual(ok.problems, []);
  const dir = tempDir();
  writeFileSync(join(dir, "spec.yaml"), "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n");
  writeFileSync(
    join(dir, "typo.yaml"),
    "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nextends: spec.yaml\n" +
      "actions:\n  - target: $.pathz\n    update: {}\n",
  );
  const bad = await lint([join(dir, "typo.yaml")]);
  assert.equal(bad.errors, 1);
  assert.match(bad.problems[0]!.message, /matches nothing: \$\.pathz/);
});

test("generate: an overlay action that matches nothing stops the run, located in the overlay file", async () => {
  const dir = tempDir();
  writeFileSync(join(dir, "spec.yaml"), "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n");
  writeFileSync(
    join(dir, "typo.yaml"),
    "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: $.pathz\n    update: {}\n",
  );
  writeFileSync(
    join(dir, "specgen.config.json"),
    JSON.stringify({ specs: "spec.yaml", overlays: { "spec.yaml": ["typo.yaml"] } }),
  );
  await assert.rejects(generate({ cwd: dir, dryRun: true }), (err: unknown) => {
    assert.ok(err instanceof SpecError, String(err));
    assert.equal(
      String(err),
      `${join(dir, "typo.yaml")}:4:13: overlay action 0 matches nothing: $.pathz (at /actions/0/target)`,
    );
    return true;
  });
});
