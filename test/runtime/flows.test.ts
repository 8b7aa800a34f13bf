// The request flows generated stubs call (`send`, `sendCached`, `sendNoFollow`): each does what
// `request` does for its kind of descriptor, and a bundle holds only the flows its stubs call.
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it, test } from "node:test";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import * as runtime from "../../generator/runtime/index.js";
import { createClient, type Operation, send, sendCached, sendNoFollow } from "../../generator/runtime/index.js";
import { ROOT, specgen, tempDir } from "../helpers.js";
import { limit, reply, serve, type TestServer } from "./helpers.js";

describe("request flows", limit, () => {
  let srv: TestServer;
  before(async () => {
    srv = await serve((req, res) => {
      if (req.url === "/moved") return reply(res, 302, "", { location: "/there" });
      reply(res, 200, { n: srv.seen.length }, { "cache-control": "public, max-age=60" });
    });
  });
  after(() => srv.close());

  it("send fetches every time, even for a `cache: true` descriptor", async () => {
    const op: Operation = { method: "GET", path: "/plain", cache: true };
    const client = createClient({ baseUrl: srv.url });
    const first = await send(client, op);
    const second = await send(client, op);
    assert.deepEqual([first.data, second.data, first.status], [{ n: 1 }, { n: 2 }, 200]);
  });

  it("sendCached answers a fresh entry without fetching, a copy for each caller", async () => {
    const op: Operation = { method: "GET", path: "/cached", cache: true };
    const client = createClient({ baseUrl: srv.url });
    const fetched = srv.seen.length;
    const first = await sendCached<{ data: { n: number } }>(client, op);
    const second = await sendCached<{ data: { n: number } }>(client, op);
    assert.equal(srv.seen.length, fetched + 1);
    assert.deepEqual(second.data, first.data);
    assert.notEqual(second.data, first.data);
  });

  it("sendNoFollow resolves to the Location, resolved against the request URL", async () => {
    const op: Operation = { method: "GET", path: "/moved", redirect: true };
    const result = await sendNoFollow(createClient({ baseUrl: srv.url }), op);
    assert.deepEqual([result.status, result.location], [302, `${srv.url}/there`]);
  });
});

/** The minified bundle of `entry`, importing the compiled runtime. */
async function bundle(entry: string): Promise<string> {
  const out = await build({
    stdin: { contents: entry, resolveDir: join(ROOT, "dist/generator/runtime"), loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    write: false,
    logLevel: "silent",
  });
  return out.outputFiles[0]!.text;
}

/** Text only the cache's code holds, and text only the redirect handling's holds. */
const CACHE = ["if-none-match", "no-store", "structuredClone"];
const REDIRECT = ["bad redirect"];

test("a bundle holds the cache and the redirect handling only when its stubs call them", async () => {
  const stub = (flow: string) =>
    `import { ${flow} } from "./index.js";\n` +
    `export const f = (c, p, i) => ${flow}(c, { method: "GET", path: "/" }, p, i);`;
  const plain = await bundle(stub("send"));
  const cached = await bundle(stub("sendCached"));
  const redirect = await bundle(stub("sendNoFollow"));
  for (const text of CACHE) {
    assert.ok(!plain.includes(text) && !redirect.includes(text) && cached.includes(text), text);
  }
  for (const text of REDIRECT) {
    assert.ok(!plain.includes(text) && !cached.includes(text) && redirect.includes(text), text);
  }
});

test("the generated stubs call the flow their operation needs", () => {
  const folder = join(ROOT, "generated/client/client-server");
  const metadata = readFileSync(join(folder, "auth_metadata.js"), "utf8");
  const sso = readFileSync(join(folder, "sso_login_redirect.js"), "utf8");
  assert.match(metadata, /export const getAuthMetadata = \(client, init\) => sendCached\(client, /);
  assert.match(sso, /export const redirectToIdP = \(client, params, init\) => sendNoFollow\(client, /);
  assert.ok(!/\b(request|send)\(/.test(metadata + sso));
});

test("the packaged client/runtime.js exports what the runtime's source exports", async () => {
  const shipped = (await import(pathToFileURL(join(ROOT, "generated/client/runtime.js")).href)) as object;
  assert.deepEqual(Object.keys(shipped).sort(), Object.keys(runtime).sort());
  const entry = readFileSync(join(ROOT, "generated/client/runtime.js"), "utf8");
  // the statements' imports (not the example in the module's comment)
  const imports = [...entry.matchAll(/^(?:import|export) .* from "([^"]+)";$/gm)].map((m) => m[1]!);
  assert.ok(imports.length > 0 && imports.every((path) => path.startsWith("./runtime/")), imports.join(", "));
});

test("an operation named like a flow (`send`) gets its stub; the flow is imported under another name", async () => {
  const dir = tempDir();
  try {
    mkdirSync(join(dir, "specs"));
    const op = (id: string) =>
      `    get:\n      operationId: ${id}\n      summary: S.\n      responses:\n        "204": {description: ok}\n`;
    const spec = `openapi: 3.1.0\ninfo: {title: t, version: "1"}\npaths:\n  /s:\n${op("send")}  /o:\n${op("other")}`;
    writeFileSync(join(dir, "specs/api.yaml"), spec);
    const run = specgen(["generate", "specs", "-o", "out"], { cwd: dir });
    assert.equal(run.status, 0, run.stderr);
    const js = readFileSync(join(dir, "out/client/api.js"), "utf8");
    assert.match(js, /import \{ buildUrl, send as send\$ \} from/);
    assert.match(js, /export const send = \(client, init\) => send\$\(client, sendOperation, \{\}, init\);/);
    const stubs = (await import(pathToFileURL(join(dir, "out/client/api.js")).href)) as Record<string, unknown>;
    assert.deepEqual(Object.keys(stubs).sort(), ["other", "send"]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("an operation named like a runtime helper its module imports (`statusKeys`) is renamed; it loads", async () => {
  const dir = tempDir();
  try {
    mkdirSync(join(dir, "specs"));
    const responses =
      "      responses:\n" +
      '        "200": {description: ok, content: {application/json: {schema: {type: object}}}}\n';
    const ranged = `        "4XX": {description: e, content: {application/json: {schema: {type: object}}}}\n`;
    const spec =
      `openapi: 3.1.0\ninfo: {title: t, version: "1"}\npaths:\n  /k:\n    get:\n      operationId: statusKeys\n` +
      `      summary: S.\n${responses}${ranged}`;
    writeFileSync(join(dir, "specs/api.yaml"), spec);
    const run = specgen(["generate", "specs", "-o", "out"], { cwd: dir });
    assert.equal(run.status, 0, run.stderr);
    const js = readFileSync(join(dir, "out/client/api.js"), "utf8");
    assert.match(js, /import \{[^}]*\bstatusKeys\b[^}]*\} from/);
    assert.match(js, /export const statusKeys_ = /);
    const stubs = (await import(pathToFileURL(join(dir, "out/client/api.js")).href)) as Record<string, unknown>;
    assert.equal(typeof stubs.statusKeys_, "function");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
