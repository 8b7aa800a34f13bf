// Regexes are judged by recheck ahead of the rules that ask (lint/judge.ts, one worker for all), so
// neither `lint` nor `generate` starts recheck's synchronous worker for the regexes of the files
// they read. RECHECK_SYNC_BACKEND is recheck's own switch for its synchronous call: an unknown
// value makes that call throw, so a run that still asked synchronously would fail here.
import assert from "node:assert/strict";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";
import { test } from "node:test";
import { Worker } from "node:worker_threads";
import { Judge } from "../generator/lint/judge.js";
import { unsafePatterns } from "../generator/lint/patterns.js";
import { backtrackingHazard, unjudged } from "../generator/lint/recheck.js";
import { findPatterns } from "../generator/lint/find-patterns.js";
import { judgeAll } from "../generator/pattern-gate.js";
import { loadValidators } from "../generator/validate/compile.js";
import { LARGE_SPEC_TEXT } from "../generator/model/size.js";
import { specgen, tempDir } from "./helpers.js";

const NO_SYNC = { RECHECK_SYNC_BACKEND: "none" };

function petSpec(pattern: string, padding = ""): string {
  const schema = { type: "object", properties: { tag: { type: "string", pattern } } };
  const content = { "application/json": { schema } };
  const responses = { "200": { description: "ok", content } };
  return JSON.stringify({
    openapi: "3.1.0",
    info: { title: "Pets", version: "1" },
    ...(padding && { "x-padding": padding }),
    paths: { "/pet": { get: { operationId: "getPet", responses } } },
  });
}

test("lint judges every regex before its rules run: no synchronous recheck call", () => {
  const dir = tempDir();
  try {
    writeFileSync(join(dir, "safe.json"), petSpec("^[a-z]+$"));
    writeFileSync(join(dir, "unsafe.json"), petSpec("^(a+)+$"));
    const r = specgen(["lint", "safe.json", "unsafe.json"], { cwd: dir, env: NO_SYNC });
    assert.doesNotMatch(r.stderr + r.stdout, /invalid sync backend/);
    assert.match(r.stdout + r.stderr, /specgen\/pattern-safe/);
    assert.match(r.stdout + r.stderr, /\(a\+\)\+/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// A small spec's regexes and a large one's (judged on a worker thread, whose verdicts this thread adopts).
const SIZES: Array<[string, string]> = [
  ["generate judges every regex before the gate and the validators: no synchronous recheck call", ""],
  [
    "generate, a large spec (regexes judged on a worker): an unsafe regex refused, or warned of when allowed",
    "x".repeat(LARGE_SPEC_TEXT),
  ],
];
for (const [name, padding] of SIZES) {
  test(name, () => {
    const dir = tempDir();
    try {
      writeFileSync(join(dir, "unsafe.json"), petSpec("^(a+)+$", padding));
      const refused = specgen(["generate", "unsafe.json", "-o", "out"], { cwd: dir, env: NO_SYNC });
      assert.equal(refused.status, 2, refused.stderr);
      assert.match(refused.stderr, /may backtrack catastrophically/);
      writeFileSync(join(dir, "specgen.config.json"), JSON.stringify({ allowUnsafePatterns: true }));
      const allowed = specgen(["generate", "unsafe.json", "-o", "out"], { cwd: dir, env: NO_SYNC });
      assert.equal(allowed.status, 0, allowed.stderr);
      assert.match(allowed.stderr, /\(a\+\)\+/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test("Judge: a worker judges the regexes sent and those of files sent as text; none on this thread", async () => {
  const doc = JSON.parse(petSpec("^(a+)+$"));
  const judge = new Judge();
  try {
    judge.files([
      { path: "pets.json", text: JSON.stringify(doc) },
      { path: "broken.yaml", text: "a: [" },
    ]);
    // A file a `$ref` reaches, parsed on this thread.
    judge.send(["^[a-z]+$"]);
    await judge.settled();
  } finally {
    judge.close();
  }
  assert.equal(unjudged("^(a+)+$"), false);
  assert.equal(unjudged("^[a-z]+$"), false);
  assert.match(backtrackingHazard("^(a+)+$") ?? "", /exponential/);
  assert.equal(backtrackingHazard("^[a-z]+$"), undefined);
  const loaded = Object.keys(createRequire(import.meta.url).cache);
  assert.deepEqual(
    loaded.filter((path) => /[\\/]node_modules[\\/]recheck[\\/]/.test(path)),
    [],
  );
});

test("generate, regexes in a file a $ref reaches (judged on a worker as it is parsed): an unsafe one refused", () => {
  const dir = tempDir();
  try {
    const spec = JSON.parse(petSpec("^[a-z]+$"));
    spec.paths["/pet"].get.responses["200"].content["application/json"].schema = { $ref: "tag.json" };
    writeFileSync(join(dir, "pets.json"), JSON.stringify(spec));
    writeFileSync(join(dir, "tag.json"), JSON.stringify({ type: "string", pattern: "^(a|a)+$" }));
    const refused = specgen(["generate", "pets.json", "-o", "out"], { cwd: dir, env: NO_SYNC });
    assert.equal(refused.status, 2, refused.stderr);
    assert.match(refused.stderr, /\(a\|a\)\+/);
    assert.match(refused.stderr, /may backtrack catastrophically/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("unsafePatterns: the gate and the validators' warnings share one walk of a modelled document", async () => {
  await judgeAll(["^(a+)+$"]);
  let reads = 0;
  const schema = { type: "string", pattern: "^(a+)+$" };
  const doc = new Proxy(
    { components: { schemas: { Tag: schema } } },
    {
      ownKeys: (target) => {
        reads += 1;
        return Reflect.ownKeys(target);
      },
    },
  );
  const first = unsafePatterns(doc);
  const walked = reads;
  assert.deepEqual(
    first.map((u) => [u.pointer, u.exponential]),
    [["/components/schemas/Tag/pattern", true]],
  );
  assert.ok(walked > 0);
  assert.deepEqual(unsafePatterns(doc), first);
  assert.equal(reads, walked);
});

test("Judge: no worker starts until a regex is found", async () => {
  const handles = () => process.getActiveResourcesInfo().filter((h) => h === "MessagePort").length;
  const before = handles();
  const none = new Judge();
  none.files([]);
  none.send(findPatterns({ type: "object", properties: { pattern: { type: "string" } } }).map((f) => f.pattern));
  assert.equal(handles(), before);
  await none.settled();
  none.close();
  const some = new Judge();
  some.send(["^[0-9]+$"]);
  assert.equal(handles(), before + 1);
  await some.settled();
  some.close();
});

test("the judging worker ends by itself once it has answered (the main thread may read the answer later)", async () => {
  const url = new URL("../generator/lint/judge-worker.js", import.meta.url);
  const worker = new Worker(url, { workerData: { budgetMs: 60_000 } });
  try {
    const answered = new Promise<{ pattern: string; result: { status: string } }>((resolve) =>
      worker.once("message", resolve),
    );
    const exited = new Promise<number>((resolve) => worker.once("exit", resolve));
    worker.postMessage({ patterns: ["^[a-z]+$"] });
    worker.postMessage({ finish: true });
    const bound = new Promise<string>((resolve) => setTimeout(() => resolve("still running"), 20_000).unref());
    assert.equal(await Promise.race([exited, bound]), 0);
    const answer = await answered;
    assert.deepEqual([answer.pattern, answer.result.status], ["^[a-z]+$", "safe"]);
  } finally {
    await worker.terminate();
  }
});

test("validate judges its regexes on the judge's worker: no synchronous recheck call", async () => {
  const dir = tempDir();
  process.env.RECHECK_SYNC_BACKEND = "none";
  try {
    writeFileSync(join(dir, "pets.json"), petSpec("^(r+)+$"));
    const loaded = await loadValidators(join(dir, "pets.json"), { cwd: dir });
    assert.ok(
      loaded.warnings.some((w) => w.includes("(r+)+") && w.includes("may backtrack catastrophically")),
      loaded.warnings.join("\n"),
    );
  } finally {
    delete process.env.RECHECK_SYNC_BACKEND;
    rmSync(dir, { recursive: true, force: true });
  }
});
