import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import yaml from "js-yaml";
import { applyOverlay } from "../generator/load/overlay.js";
import { makeRefPolicy, normalizeUrl, refusal } from "../generator/load/policy.js";
import { SpecError } from "../generator/errors.js";
import { ROOT, specgen, tempDir } from "./helpers.js";

/**
 * How specgen reads untrusted input (spec files, what their `$ref`s name, overlays, the config):
 * nothing reaches Object.prototype, nothing outside YAML/JSON documents of the spec root is read,
 * nothing blocks forever, and bad input is one error naming file and pointer.
 */

const CLI = join(ROOT, "dist/generator/cli.js");

/** A small spec: one operation, one response schema. */
const SPEC = `openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  /a:
    get:
      operationId: getA
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {id: {type: string}}}
`;

/** A project folder (package.json marks its root) holding `files`; removed by the caller. */
function project(files: Record<string, string>): string {
  const dir = tempDir("specgen-input-");
  writeFileSync(join(dir, "package.json"), "{}\n");
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

interface Bounded {
  status: number | null;
  out: string;
  /** Whether the run ended by itself before the bound. */
  finished: boolean;
}

/** The CLI, asynchronously, killed after `ms`: for input that used to hang. */
function bounded(args: string[], cwd: string, ms = 30_000): Promise<Bounded> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
    });
    let out = "";
    let finished = true;
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => {
      finished = false;
      child.kill("SIGKILL");
    }, ms);
    child.on("close", (status) => {
      clearTimeout(timer);
      done({ status, out, finished });
    });
  });
}

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
  const out = applyOverlay(spec, yaml.load(PROTO_OVERLAY), "o.yaml") as any;
  assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), before);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  // The key is data, kept as the overlay wrote it.
  assert.ok(Object.hasOwn(out.info, "__proto__"));
  assert.equal(Object.getPrototypeOf(out.info), Object.prototype);
  const props = out.paths["/a"].get.responses["200"].content["application/json"].schema.properties;
  assert.ok(Object.hasOwn(props, "__proto__"));
  assert.equal(props.id.type, "string");
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

// --- Item 20: only regular files are read ---------------------------------------------------------

test("a named pipe is never opened for reading: as a $ref target, a spec, an overlay or the lint config", async () => {
  const dir = project({
    "specs/api.yaml": SPEC.replace("{type: object, properties: {id: {type: string}}}", "{$ref: './pipe.yaml'}"),
    "specgen.config.json": JSON.stringify({
      specs: "specs",
      out: "out",
      overlays: { "specs/api.yaml": ["fifo-overlay.yaml"] },
    }),
  });
  try {
    for (const name of ["specs/pipe.yaml", "fifo-overlay.yaml", "fifo-redocly.yaml", "fifo-spec.yaml"]) {
      const made = spawnSync("mkfifo", [join(dir, name)]);
      assert.equal(made.status, 0, "mkfifo is available");
    }
    const runs = await Promise.all([
      bounded(["lint", "specs"], dir),
      bounded(["generate"], dir),
      bounded(["lint", "fifo-spec.yaml"], dir),
      bounded(["lint", "-c", "fifo-redocly.yaml", "specs/api.yaml"], dir),
    ]);
    for (const [i, run] of runs.entries()) {
      assert.ok(run.finished, `run ${i} finished by itself: ${run.out}`);
      assert.notEqual(run.status, 0, run.out);
      assert.match(run.out, /not a regular file/, `run ${i}`);
    }
    assert.match(runs[0]!.out, /pipe\.yaml/);
    assert.match(runs[1]!.out, /fifo-overlay\.yaml/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// --- Item 4: scheme case ------------------------------------------------------------------------

test("normalizeUrl lowers an http(s) scheme; refusal reads only exactly http:// and https://", () => {
  assert.equal(normalizeUrl("HTTP://example.com/a.yaml"), "http://example.com/a.yaml");
  assert.equal(normalizeUrl("hTtPs://example.com/a.yaml#/x"), "https://example.com/a.yaml#/x");
  const policy = makeRefPolicy(["."], ROOT, { allowRemoteRefs: true });
  assert.equal(refusal(policy, "https://example.com/a.yaml"), undefined);
  for (const bad of ["HTTP://example.com/a.yaml", "http:a.yaml", "ftp://example.com/a.yaml", "file:///etc/passwd"]) {
    assert.match(refusal(policy, bad) ?? "", /scheme that is never read/, bad);
  }
});

test("$ref: HTTP://… with remote refs allowed is fetched as a URL, never read as a path from the cwd", async () => {
  const dir = tempDir("specgen-input-");
  const proj = join(dir, "proj");
  try {
    mkdirSync(join(dir, "outside"));
    writeFileSync(join(dir, "outside/secret.yaml"), "type: object\ndescription: TOP-SECRET-MARKER\n");
    // Folders that make the upper-case URL a path from the cwd to ../outside/secret.yaml.
    mkdirSync(join(proj, "HTTP:", "127.0.0.1:9"), { recursive: true });
    mkdirSync(join(proj, "specs"));
    writeFileSync(join(proj, "package.json"), "{}\n");
    const ref = "HTTP://127.0.0.1:9/../../../outside/secret.yaml";
    writeFileSync(
      join(proj, "specs/api.yaml"),
      SPEC.replace("{type: object, properties: {id: {type: string}}}", `{$ref: '${ref}'}`),
    );
    const lint = await bounded(["lint", "--allow-remote-refs", "specs"], proj);
    assert.ok(lint.finished);
    assert.notEqual(lint.status, 0, lint.out);
    assert.doesNotMatch(lint.out, /TOP-SECRET-MARKER/);
    assert.match(lint.out, /127\.0\.0\.1:9/);
    const gen = await bounded(["generate", "--allow-remote-refs", "specs", "-o", "out"], proj);
    assert.ok(gen.finished);
    assert.notEqual(gen.status, 0, gen.out);
    assert.doesNotMatch(gen.out, /TOP-SECRET-MARKER/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// --- Item 5: which files a $ref may name ----------------------------------------------------------

test("a $ref names only YAML/JSON documents, never a dot-file or a file in a dot-folder", () => {
  const dir = project({ ".github/specs/api.yaml": SPEC, ".github/specs/defs.yaml": "type: string\n" });
  try {
    const policy = makeRefPolicy([join(dir, ".github/specs")], dir);
    const at = (p: string) => join(dir, p);
    assert.equal(
      refusal(policy, at(".github/specs/defs.yaml")),
      undefined,
      "specs given in a dot-folder may refer to each other",
    );
    assert.equal(refusal(policy, at("shared/defs.JSON")), undefined);
    for (const bad of [
      ".env",
      ".npmrc",
      "keys/id_rsa",
      "notes.txt",
      ".config/x.yaml",
      ".github/.env",
      ".github/x.yaml",
    ]) {
      assert.match(refusal(policy, at(bad)) ?? "", /not a YAML or JSON document|dot-file or lies in a dot-folder/, bad);
    }
    // A file given on the command line is judged only by where it is.
    assert.equal(refusal(policy, at(".github/specs/api.yaml"), true), undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("lint and generate refuse $refs to .env, .npmrc, keys and dot-folders, and inline none of them (CLI)", () => {
  const refs = ["../.env", "../.npmrc", "../keys/id_rsa", "../.config/x.yaml", "./link.yaml"];
  const props = refs.map((r, i) => `p${i}: {$ref: '${r}'}`).join(", ");
  const dir = project({
    "specs/api.yaml": SPEC.replace("{id: {type: string}}", `{${props}}`),
    ".env": "TOKEN=TOP-SECRET-MARKER\n",
    ".npmrc": "//registry/:_authToken=TOP-SECRET-MARKER\n",
    "keys/id_rsa": "TOP-SECRET-MARKER\n",
    ".config/x.yaml": "description: TOP-SECRET-MARKER\n",
  });
  try {
    symlinkSync(join(dir, ".env"), join(dir, "specs/link.yaml"));
    const lint = specgen(["lint", "specs"], { cwd: dir });
    const lintOut = lint.stdout + lint.stderr;
    assert.notEqual(lint.status, 0, lintOut);
    assert.doesNotMatch(lintOut, /TOP-SECRET-MARKER/);
    for (const target of [".env", ".npmrc", "keys/id_rsa", ".config/x.yaml", "specs/link.yaml (really"]) {
      assert.ok(lintOut.includes(`${dir}/${target}`), `lint reports ${target}: ${lintOut}`);
    }
    const gen = specgen(["generate", "-o", "out"], { cwd: dir });
    assert.notEqual(gen.status, 0, gen.stdout + gen.stderr);
    assert.doesNotMatch(gen.stdout + gen.stderr, /TOP-SECRET-MARKER/);
    assert.equal(existsSync(join(dir, "out")), false);
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

test("lint names an overlay target that calls a method, at /actions/N/target, and does not hang", async () => {
  const target = "$.paths[?@.padEnd(30000, 'a').search('(a+)+$')]";
  const dir = project({
    "specs/api.yaml": SPEC,
    "specs/o.yaml": `overlay: 1.0.0\ninfo: {title: o, version: '1'}\nextends: api.yaml\nactions:\n  - target: "${target}"\n    update: {x: 1}\n`,
    "specs/free.yaml": `overlay: 1.0.0\ninfo: {title: o, version: '1'}\nactions:\n  - target: $.a\n    update: {x: 1}\n  - target: "$.b[?match(@, '(a+)+$')]"\n    update: {x: 1}\n`,
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

// --- Item 22: a $ref cycle with nothing in between names its place ---------------------------

test("a $ref cycle with nothing in between is reported at its file, line and pointer (lint and generate)", () => {
  const spec = `${SPEC.replace("{type: object, properties: {id: {type: string}}}", "{$ref: '#/components/schemas/A'}")}components:
  schemas:
    A:
      $ref: './other.yaml#/B'
`;
  const dir = project({
    "specs/api.yaml": spec,
    "specs/other.yaml": "B:\n  $ref: './api.yaml#/components/schemas/A'\n",
  });
  try {
    const lint = specgen(["lint", "specs/api.yaml"], { cwd: dir });
    const lintOut = lint.stdout + lint.stderr;
    assert.notEqual(lint.status, 0, lintOut);
    assert.match(
      lintOut,
      /\$ref cycle with nothing in between: \.\/other\.yaml#\/B → \.\/api\.yaml#\/components\/schemas\/A → \.\/other\.yaml#\/B/,
    );
    assert.match(lintOut, /specs\/api\.yaml:16:7/, "the line of the first $ref of the cycle");
    const gen = specgen(["generate", "specs/api.yaml", "-o", "out"], { cwd: dir });
    const genOut = gen.stdout + gen.stderr;
    assert.notEqual(gen.status, 0, genOut);
    assert.match(genOut, /specs\/api\.yaml:16:7/);
    assert.match(genOut, /\$ref cycle with nothing in between.*\(at \/components\/schemas\/A\)/);
    assert.doesNotMatch(genOut, /^specgen: Self-referencing circular pointer$/m);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
