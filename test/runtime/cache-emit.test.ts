// Which operations the generated client caches: only those the config lists or the spec marks.
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { generate } from "../../generator/generate.js";
import { ROOT, tempDir } from "../helpers.js";

const ok = { "200": { description: "ok", content: { "application/json": { schema: { type: "object" } } } } };
const spec = {
  openapi: "3.1.0",
  info: { title: "t", version: "1" },
  paths: {
    "/sync": { get: { operationId: "sync", responses: ok } },
    "/whoami": { get: { operationId: "getWhoami", responses: ok } },
    "/versions": { get: { operationId: "getVersions", "x-specgen-cache": true, responses: ok } },
    "/login": { post: { operationId: "login", responses: ok } },
  },
};

/** The `cache: true` descriptors of the generated client for this config. */
async function cachedIn(config: Record<string, unknown>): Promise<{ cached: string[]; warnings: string[] }> {
  const dir = tempDir();
  try {
    mkdirSync(join(dir, "specs"));
    writeFileSync(join(dir, "specs/api.json"), JSON.stringify(spec));
    writeFileSync(join(dir, "specgen.config.json"), JSON.stringify(config));
    const result = await generate({ cwd: dir, dryRun: true });
    const js = result.files.find((f) => f.path === "client/api.js")!.contents;
    const cached = [...js.matchAll(/const (\w+)Operation = \{[^\n]*cache: true/g)].map((m) => m[1]!);
    return { cached, warnings: result.warnings };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test("nothing is cached unless listed in the config or marked x-specgen-cache: true", async () => {
  assert.deepEqual((await cachedIn({})).cached, ["getVersions"]);
  const listed = await cachedIn({ cache: ["getWhoami", "login", "nope"] });
  assert.deepEqual(listed.cached, ["getWhoami", "getVersions"]);
  assert.ok(
    listed.warnings.some((w) => /login is not cached/.test(w)),
    listed.warnings.join("\n"),
  );
  assert.ok(
    listed.warnings.some((w) => /"nope", which is no operation/.test(w)),
    listed.warnings.join("\n"),
  );
});

test("a config cache that is not a list of names is refused", async () => {
  await assert.rejects(cachedIn({ cache: "getWhoami" }), /\/cache must be array/);
});

test("this repository's generated client caches getAuthMetadata only", () => {
  const folder = join(ROOT, "generated/client/client-server");
  const lines = readdirSync(folder)
    .filter((f) => f.endsWith(".js"))
    .flatMap((f) => readFileSync(join(folder, f), "utf8").split("\n"));
  const cached = lines.filter((l) => l.includes("cache: true")).map((l) => /const (\w+)Operation/.exec(l)?.[1]);
  assert.deepEqual(cached, ["getAuthMetadata"]);
  assert.ok(lines.some((l) => /const redirectToIdPOperation/.test(l)));
});
