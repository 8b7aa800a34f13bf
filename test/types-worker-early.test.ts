// A spec large only once its `$ref`s are read (DigitalOcean's 2,034 files) starts its types worker
// while it is bundled: the bundler's resolver tells how much text one spec's files add up to
// (load/resolver.ts), and typesWorkerOnLargeRefs starts the worker once that reaches a large
// spec's text (emit/types/worker-handoff.ts).
import assert from "node:assert/strict";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { typesWorkerOnLargeRefs } from "../generator/emit/types/worker-handoff.js";
import { bundleOpenApi } from "../generator/load/bundle.js";
import { makeRefPolicy } from "../generator/load/policy.js";
import { LARGE_SPEC_TEXT } from "../generator/model/size.js";
import { tempDir } from "./helpers.js";

test("the bundler's resolver tells, per parsed file, how much text the spec's files add up to so far", async () => {
  const dir = tempDir();
  try {
    const pet = JSON.stringify({ type: "object", properties: { tag: { $ref: "tag.json" } } });
    const tag = JSON.stringify({ type: "string", pattern: "^[a-z]+$" });
    const responses = {
      "200": { description: "ok", content: { "application/json": { schema: { $ref: "pet.json" } } } },
    };
    const spec = {
      openapi: "3.1.0",
      info: { title: "Pets", version: "1" },
      paths: { "/pet": { get: { operationId: "getPet", responses } } },
    };
    writeFileSync(join(dir, "pet.json"), pet);
    writeFileSync(join(dir, "tag.json"), tag);
    const root = JSON.stringify(spec);
    writeFileSync(join(dir, "spec.json"), root);
    const told: number[] = [];
    const policy = { ...makeRefPolicy([dir], dir), parsed: (_doc: unknown, textSoFar: number) => told.push(textSoFar) };
    // Each spec file has a resolver of its own: the count starts again for the second bundle. (The
    // spec file itself counts: not given as read, the resolver parses it.)
    for (let i = 0; i < 2; i++) await bundleOpenApi(join(dir, "spec.json"), undefined, policy);
    const once = [root.length, root.length + pet.length, root.length + pet.length + tag.length];
    assert.deepEqual(told, [...once, ...once]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("typesWorkerOnLargeRefs: one types worker starts when a spec's files reach a large spec's text", async () => {
  const told: number[] = [];
  const stops: Array<() => Promise<void>> = [];
  const refs = typesWorkerOnLargeRefs({ ...makeRefPolicy([], process.cwd()), parsed: (_d, n) => told.push(n) }, stops);
  try {
    refs.parsed?.({}, LARGE_SPEC_TEXT - 1);
    assert.equal(stops.length, 0);
    refs.parsed?.({}, LARGE_SPEC_TEXT);
    assert.equal(stops.length, 1);
    refs.parsed?.({}, 2 * LARGE_SPEC_TEXT);
    assert.equal(stops.length, 1);
    // The policy it wraps is still told of every file (generate's regex judging, pattern-gate.ts).
    assert.deepEqual(told, [LARGE_SPEC_TEXT - 1, LARGE_SPEC_TEXT, 2 * LARGE_SPEC_TEXT]);
  } finally {
    for (const stop of stops) await stop();
  }
});
