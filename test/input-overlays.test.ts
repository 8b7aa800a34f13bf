import { test } from "node:test";
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import yaml from "js-yaml";
import { applyOverlay } from "../generator/load/overlay.js";
import { SpecError } from "../generator/errors.js";
import { at, specgen } from "./helpers.js";
import { bounded, project, SPEC } from "./input-helpers.js";

/**
 * How specgen reads untrusted overlays and configs: nothing reaches Object.prototype, an overlay
 * target is RFC 9535 JSONPath without method or function calls, and a bad one is named at its
 * pointer without hanging. Specs and `$ref`s: input-safety.test.ts.
 */

// --- Item 1: overlays and Object.prototype -------------------------------------------------------

const PROTO_OVERLAY = `overlay: 1.0.0
info: {title: o, version: '1'}
extends: spec.yaml
actions:
  - target: $.info
    update:
      __proto__:
        polluted: 1
  - target: $.paths['/a'].get.responses['200'].content['application/json'].schema
    update:
      properties:
        __proto__: {type: string}
        id:
          __proto__: {polluted: 2}
  - target: $.paths['/a'].get.responses['200'].content['application/json'].schema.properties.id
    update:
      __proto__: {polluted: 3}
`;

test("an overlay update with a __proto__ key merges as an own key and leaves Object.prototype alone", () => {
  const before = Object.getOwnPropertyNames(Object.prototype).sort();
  const spec = yaml.load(SPEC);
  const out = applyOverlay(spec, yaml.load(PROTO_OVERLAY), "o.yaml");
  assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), before);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  // The key is data, kept as the overlay wrote it.
  const info = at(out, "info") as object;
  assert.ok(Object.hasOwn(info, "__proto__"));
  assert.equal(Object.getPrototypeOf(info), Object.prototype);
  const schema = at(out, "paths", "/a", "get", "responses", "200", "content", "application/json", "schema");
  const props = at(schema, "properties") as Record<string, { type?: string }>;
  assert.ok(Object.hasOwn(props, "__proto__"));
  assert.equal(props.id?.type, "string");
});

test("lint and generate of an overlay holding __proto__ run normally (CLI)", () => {
  const dir = project({
    "specs/spec.yaml": SPEC,
    "specs/o.yaml": PROTO_OVERLAY,
    "specgen.config.json": JSON.stringify({
      specs: "specs",
      out: "out",
      overlays: { "specs/spec.yaml": ["specs/o.yaml"] },
    }),
  });
  try {
    const lint = specgen(["lint", "specs"], { cwd: dir });
    assert.doesNotMatch(lint.stdout + lint.stderr, /polluted|Getter must be|TypeError/);
    assert.doesNotMatch(lint.stdout + lint.stderr, /o\.yaml/, "the overlay applies cleanly");
    const gen = specgen(["generate", "--emit", "types,validators"], { cwd: dir });
    assert.doesNotMatch(gen.stdout + gen.stderr, /polluted|Getter must be|TypeError/);
    assert.equal(gen.status, 0, gen.stdout + gen.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a lint config holding a __proto__ key is refused, naming the file and the key", () => {
  const dir = project({ "specs/api.yaml": SPEC, "lint.yaml": "rules:\n  __proto__: {polluted: error}\n" });
  try {
    const run = specgen(["lint", "-c", "lint.yaml", "specs"], { cwd: dir });
    assert.notEqual(run.status, 0);
    assert.match(run.stdout + run.stderr, /lint\.yaml.*`__proto__` key is not allowed.*\/rules\/__proto__/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
// --- Item 12: overlay targets are RFC 9535 JSONPath, without function extensions ----------------

test("overlay targets: RFC 9535 selectors and filters work; method and function calls are refused", () => {
  const doc = { a: { b: 1 }, c: [{ name: "x", n: 0 }, { name: "y" }, { name: "z", n: 2 }] };
  const overlay = (target: string, update: unknown = { seen: true }) => ({
    overlay: "1.0.0",
    info: { title: "t", version: "1" },
    actions: [{ target, update }],
  });
  const seen = (target: string) => {
    const out = applyOverlay(doc, overlay(target), "o.yaml") as typeof doc;
    return out.c.map((item) => Object.hasOwn(item, "seen"));
  };
  assert.deepEqual(seen("$.c[?@.name == 'x']"), [true, false, false]);
  assert.deepEqual(seen("$.c[?(@.name == 'x' || @.n > 1)]"), [true, false, true]);
  assert.deepEqual(seen("$.c[?@.n]"), [true, false, true], "an existence test, not truthiness");
  assert.deepEqual(seen("$.c[?!@.n && @.name != 'q']"), [false, true, false]);
  assert.deepEqual(seen("$.c[-1]"), [false, false, true]);
  assert.deepEqual(seen("$.c[0:2]"), [true, true, false]);
  assert.deepEqual(seen("$..[?@.name == 'y']"), [false, true, false]);
  assert.deepEqual(seen("$['c'][*]"), [true, true, true]);
  assert.deepEqual(seen("$.c[?$.a.b == 1 && @.name == 'y']"), [false, true, false]);
  for (const target of [
    "$.c[?@.name.padEnd(30000, 'a').search('(a+)+$')]",
    "$.c[?(@.name.padEnd(30000, 'a').search('(a+)+$'))]",
    "$.c[?search(@.name, '(a+)+$')]",
    "$.c[?match(@.name, 'x')]",
    "$.c[?length(@.name) > 0]",
    "$..c..[*]",
    "$.c[?$..name]",
    "$.c[?$.c[*]]",
    "$[?(globalThis.pwned = 1)]",
    "$.c[(@.length-1)]",
    "$.c.x-y",
  ]) {
    assert.throws(
      () => applyOverlay(doc, overlay(target), "o.yaml"),
      (err: unknown) => err instanceof SpecError && err.file === "o.yaml" && err.pointer === "/actions/0/target",
      target,
    );
  }
});

/** The first lines of an overlay document. */
const OVERLAY_HEAD = "overlay: 1.0.0\ninfo: {title: o, version: '1'}\n";

test("lint names an overlay target that calls a method, at /actions/N/target, and does not hang", async () => {
  const target = "$.paths[?@.padEnd(30000, 'a').search('(a+)+$')]";
  const dir = project({
    "specs/api.yaml": SPEC,
    "specs/o.yaml": `${OVERLAY_HEAD}extends: api.yaml\nactions:\n  - target: "${target}"\n    update: {x: 1}\n`,
    "specs/free.yaml":
      `${OVERLAY_HEAD}actions:\n  - target: $.a\n    update: {x: 1}\n` +
      `  - target: "$.b[?match(@, '(a+)+$')]"\n    update: {x: 1}\n`,
  });
  try {
    const run = await bounded(["lint", "specs"], dir);
    assert.ok(run.finished, run.out);
    assert.notEqual(run.status, 0);
    assert.match(run.out, /specs\/o\.yaml[^\n]*at #\/actions\/0\/target/);
    assert.match(run.out, /specs\/free\.yaml[^\n]*at #\/actions\/1\/target/);
    assert.match(run.out, /match\(\)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
