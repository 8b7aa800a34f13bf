// lint's regex verdicts come from recheck on a worker thread (lint/judge.ts), started before
// Redocly is loaded: the main thread loads neither recheck nor, until then, Redocly, and the
// regexes of referenced files are judged ahead like those of the files given.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { ROOT, specgen, tempDir } from "./helpers.js";
import { lint } from "../generator/lint/index.js";
import { judgeStarts } from "../generator/lint/judge.js";
import { documentReads } from "../generator/load/read.js";

/** An OpenAPI document whose response schema is `schema`. */
function spec(schema: object): string {
  const content = { "application/json": { schema } };
  return JSON.stringify({
    openapi: "3.1.0",
    info: { title: "Pets", version: "1" },
    paths: { "/pet": { get: { operationId: "getPet", responses: { "200": { description: "ok", content } } } } },
  });
}

/** A project whose document's schema lives in another file, with an unsafe regex. */
function project(): string {
  const dir = tempDir();
  mkdirSync(join(dir, "defs"));
  writeFileSync(join(dir, "defs/pet.json"), JSON.stringify({ type: "string", pattern: "^(a+)+$" }));
  writeFileSync(join(dir, "api.json"), spec({ $ref: "defs/pet.json" }));
  return dir;
}

test("the regexes of a referenced file are judged ahead too: no synchronous recheck call", () => {
  const dir = project();
  try {
    // recheck's own switch: an unknown synchronous backend makes a synchronous call throw.
    const r = specgen(["lint", "api.json"], { cwd: dir, env: { RECHECK_SYNC_BACKEND: "none" } });
    assert.doesNotMatch(r.stderr + r.stdout, /invalid sync backend/);
    assert.match(r.stdout + r.stderr, /specgen\/pattern-safe/);
    assert.match(r.stdout + r.stderr, /\(a\+\)\+/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("lint judges its regexes without loading recheck on the main thread", async () => {
  const dir = project();
  try {
    const result = await lint([join(dir, "api.json")], { cwd: dir });
    assert.ok(result.problems.some((p) => p.ruleId === "specgen/pattern-safe"));
    const loaded = Object.keys(createRequire(import.meta.url).cache);
    assert.deepEqual(
      loaded.filter((m) => /[\\/]node_modules[\\/]recheck[\\/]/.test(m)),
      [],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("lint's entry module loads no Redocly (it is loaded while the regexes are judged)", () => {
  const entry = join(ROOT, "dist/generator/lint/index.js");
  const code = `import(${JSON.stringify(entry)}).then(() => console.log(Object.keys(require.cache).join("\\n")))`;
  const r = spawnSync(process.execPath, ["-e", code], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  assert.doesNotMatch(r.stdout, /@redocly|[\\/]recheck[\\/]/);
});

/** What a lint of `files` (name → document, read in that order) did: files read, and when the judge started. */
async function readsAndStarts(files: Array<[string, object]>): Promise<string[]> {
  const dir = tempDir();
  const events: string[] = [];
  documentReads.observe = (path) => events.push(`read ${path.slice(dir.length + 1)}`);
  judgeStarts.observe = () => events.push("judge starts");
  try {
    for (const [name, doc] of files) writeFileSync(join(dir, name), spec(doc));
    await lint(
      files.map(([name]) => join(dir, name)),
      { cwd: dir },
    );
    return events;
  } finally {
    delete documentReads.observe;
    delete judgeStarts.observe;
    rmSync(dir, { recursive: true, force: true });
  }
}

test("the judge's worker starts once a file read names a regex keyword, before the others are parsed", async () => {
  const events = await readsAndStarts([
    ["a.json", { type: "string", pattern: "^[a-z]+$" }],
    ["b.json", { type: "string" }],
  ]);
  assert.deepEqual(events, ["read a.json", "judge starts", "read b.json"]);
});

test("a lint whose files name no regex keyword starts no judge", async () => {
  const events = await readsAndStarts([
    ["a.json", { type: "string" }],
    ["b.json", { type: "integer" }],
  ]);
  assert.deepEqual(events, ["read a.json", "read b.json"]);
});
