import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { join } from "node:path";
import { generate } from "../generator/generate.js";
import { STAMP_FILE } from "../generator/stamp.js";
import { CORPUS_CS, FIXTURES, ROOT, specgen, tempDir } from "./helpers.js";
import { typecheck } from "./typecheck.js";
import { validateHere } from "./validate-helpers.js";

const types = (rel: string) => readFileSync(join(ROOT, "generated/types", rel), "utf8");
const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );

test("generated/ is what the specs produce today", async () => {
  const result = await generate({ cwd: ROOT, dryRun: true });
  assert.deepEqual(result.problems, []);
  for (const file of result.files) {
    assert.equal(
      readFileSync(join(ROOT, "generated", file.path), "utf8"),
      file.contents,
      `${file.path} is stale: run npm run generate`,
    );
  }
});

test("a consumer file using the named types compiles strictly, and each misuse is rejected", () => {
  assert.deepEqual(typecheck([join(FIXTURES, "consumer/types-usage.ts")]), []);
});

test("comments are written for readers: Markdown notes, absolute links, @since", () => {
  const auth = types("client-server/auth_metadata.d.ts");
  assert.match(auth, /\*\*Note:\*\* The authorization server metadata is relatively large/);
  assert.doesNotMatch(auth, /\{\{[%<]/);
  const flow = types("client-server/definitions/sso_login_flow.d.ts");
  assert.match(flow, /\(https:\/\/spec\.matrix\.org\/latest\/appendices#opaque-identifiers\)/);
  assert.match(flow, /\(https:\/\/spec\.matrix\.org\/latest\/client-server-api\/#content-repo-client-behaviour\)/);
  assert.doesNotMatch(flow, /\]\(\/[a-z]/, "no site-relative link is left");
  const sso = types("client-server/sso_login_redirect.d.ts");
  assert.equal(sso.match(/^\s+\* +@since Matrix 1\.1$/gm)?.length, 2);
});

test("the whole client-server corpus generates in one process and compiles", async () => {
  const out = tempDir();
  const result = await generate({ paths: [CORPUS_CS], out, cwd: ROOT });
  assert.deepEqual(
    result.problems.map((p) => p.message),
    [],
  );
  assert.equal(result.model.specs.filter((s) => s.kind === "openapi").length, 72);
  assert.equal(
    result.model.specs.reduce((n, s) => n + s.operations.length, 0),
    166,
  );
  // Path keys with trailing spaces are kept as written in `paths` but trimmed for requests, with a warning.
  assert.ok(result.warnings.some((w) => w.includes('"/rooms/{roomId}/invite "')));
  assert.ok(result.warnings.some((w) => w.includes('"/events "')));
  const invite = result.model.specs.flatMap((s) => s.operations).filter((o) => o.path === "/rooms/{roomId}/invite");
  assert.equal(invite.length, 2, "both invite operations survive trimming");
  // Request bodies: JSON ones typed from their schema, the media upload's bytes as what fetch sends.
  const bodies = result.model.specs.flatMap((s) => s.operations).filter((o) => o.requestBody);
  assert.deepEqual([bodies.length, bodies.filter((o) => o.requestBody!.json).length], [73, 71]);
  const files = walk(join(out, "types")).filter((f) => f.endsWith(".ts"));
  const all = files.map((f) => readFileSync(f, "utf8")).join("\n");
  // Redocly renames colliding components with -2; the types index them as quoted keys.
  assert.match(all, /\["request_email_validation-2"\]/);
  // Free-form objects are usable, never Record<string, never>.
  assert.doesNotMatch(
    all.replace(/export type (webhooks|\$defs|paths|operations) = Record<string, never>;/g, ""),
    /Record<string, never>/,
  );
  // The client's declarations (which type every `body` through the types) compile with them.
  assert.deepEqual(typecheck([...files, ...walk(join(out, "client")).filter((f) => f.endsWith(".d.ts"))]), []);
});

test("generate stops on a structural error before writing anything", () => {
  const dir = tempDir();
  cpSync(join(ROOT, "specs"), join(dir, "specs"), { recursive: true });
  const auth = join(dir, "specs/client-server/auth_metadata.yaml");
  writeFileSync(
    auth,
    readFileSync(auth, "utf8").replace(
      "                    type: string\n                    format: uri\n",
      "                    type: strin\n                    format: uri\n",
    ),
  );
  mkdirSync(join(dir, "generated"));
  writeFileSync(join(dir, "generated/keep.txt"), "old output");
  // A folder specgen wrote (a well-formed stamp): one it may replace, so only the error stops it.
  writeFileSync(
    join(dir, "generated", STAMP_FILE),
    JSON.stringify({ toolkit: "x", config: "x", specs: [], inputs: {}, outputs: {} }),
  );
  const r = specgen(["generate"], { cwd: dir });
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /auth_metadata\.yaml:\d+:\d+/);
  assert.match(r.stderr, /stopped before writing anything/);
  assert.deepEqual(readdirSync(join(dir, "generated")).sort(), [STAMP_FILE, "keep.txt"]);
  assert.deepEqual(readdirSync(dir).sort(), ["generated", "specs"], "no temporary folder is left behind");
});

test("readOnly and writeOnly are respected in the named response and request body types", async () => {
  const out = tempDir();
  const result = await generate({ paths: [join(FIXTURES, "readwrite/spec")], out, cwd: ROOT });
  assert.deepEqual(result.problems, []);
  cpSync(join(FIXTURES, "readwrite/use.ts"), join(out, "use.ts"));
  assert.deepEqual(typecheck([join(out, "use.ts")]), []);
});

test("webhooks get types and validators for what they carry, no client; $ref'd path items are operations", async () => {
  const dir = tempDir();
  const body = (operationId: string) => ({
    operationId,
    requestBody: {
      required: true,
      content: {
        "application/json": { schema: { type: "object", required: ["at"], properties: { at: { type: "string" } } } },
      },
    },
    responses: { "204": { description: "ok" } },
  });
  const spec = {
    openapi: "3.1.0",
    info: { title: "hooks", version: "1" },
    paths: {
      "/ping": {
        get: {
          operationId: "getPing",
          responses: { "200": { description: "ok", content: { "application/json": { schema: { type: "string" } } } } },
        },
      },
      "/shared": { $ref: "#/components/pathItems/shared" },
    },
    // One path item inline and one by $ref, with two operations.
    webhooks: { ping: { post: body("onPing") }, pong: { $ref: "#/components/pathItems/pong" } },
    components: {
      pathItems: {
        pong: { put: body("onPong"), delete: { operationId: "onGone", responses: { "204": { description: "ok" } } } },
        shared: { post: body("createShared") },
      },
    },
  };
  writeFileSync(join(dir, "hooks.json"), JSON.stringify(spec));
  const r = specgen(["generate", "hooks.json", "-o", "out"], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /1 spec\(s\), 2 operation\(s\) and 3 webhook\(s\) \(no client\), 0 schema\(s\)/);
  const types = readFileSync(join(dir, "out/types/hooks.d.ts"), "utf8");
  assert.match(types, /export interface webhooks \{/);
  for (const name of ["OnPingBody", "OnPongBody", "CreateSharedBody"])
    assert.match(types, new RegExp(`export type ${name} = `));
  const client = readFileSync(join(dir, "out/client/hooks.js"), "utf8");
  assert.doesNotMatch(client, /onPing|onPong|onGone/);
  assert.match(client, /export const createShared = /);
  const v = (await import(pathToFileURL(join(dir, "out/validators/hooks.js")).href)) as Record<
    string,
    (value: unknown) => boolean
  >;
  assert.equal(v.isOnPongBody!({ at: "now" }), true);
  assert.equal(v.isOnPongBody!({ at: 1 }), false);
  // openapi-typescript alone would type the webhook behind a $ref as having no operations.
  writeFileSync(
    join(dir, "use.ts"),
    [
      'import type { OnPongBody, CreateSharedBody } from "./out/types/hooks.js";',
      'export const a: OnPongBody = { at: "now" };',
      "// @ts-expect-error at is a string",
      "export const b: OnPongBody = { at: 1 };",
      'export const c: CreateSharedBody = { at: "now" };',
      "",
    ].join("\n"),
  );
  writeFileSync(join(dir, "package.json"), '{"type": "module"}');
  assert.deepEqual(typecheck([join(dir, "use.ts"), ...walk(join(dir, "out")).filter((f) => f.endsWith(".d.ts"))]), []);
  const check = await validateHere(["validate", "hooks.json#onPong", "hooks.json"], { cwd: dir });
  assert.match(check.stderr, /0 of 1 file\(s\) valid against OnPongBody/, "a webhook's operationId selects its body");
  const plain = specgen(["generate", join(ROOT, "specs"), "-o", join(dir, "plain")]);
  assert.doesNotMatch(plain.stderr, /webhook/);
});
