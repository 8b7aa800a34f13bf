import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { makeRefPolicy, normalizeUrl, refusal } from "../generator/load/policy.js";
import { ROOT, specgen, tempDir } from "./helpers.js";
import { bounded, project, SPEC } from "./input-helpers.js";

/**
 * How specgen reads untrusted input (spec files and what their `$ref`s name): nothing outside
 * YAML/JSON documents of the spec root is read, nothing blocks forever, and bad input is one error
 * naming file and pointer. Overlays and configs: input-overlays.test.ts.
 */

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
// --- Item 22: a $ref cycle with nothing in between names its place ---------------------------

test("a $ref cycle with nothing in between is reported at its file, line and pointer (lint and generate)", () => {
  const response = SPEC.replace("{type: object, properties: {id: {type: string}}}", "{$ref: '#/components/schemas/A'}");
  const spec = `${response}components:
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
    const cycle = "./other.yaml#/B → ./api.yaml#/components/schemas/A → ./other.yaml#/B";
    assert.ok(lintOut.includes(`$ref cycle with nothing in between: ${cycle}`), lintOut);
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
