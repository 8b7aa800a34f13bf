// Servers decide each operation's base URL: the operation's own, else its path item's, else the
// document's, with variables at their defaults. A relative server, or one of a document server's
// origin, stays under the client's baseUrl; a server of another origin is used as the spec says,
// unless the client's `servers` maps that origin.
// Checked on the wire against two loopback servers: `api` stands for the document's server
// (the client's baseUrl), `engine` for another host the spec names.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { generate } from "../generator/generate.js";
import { tempDir } from "./helpers.js";
import { reply, serve, type TestServer } from "./runtime/helpers.js";

const dir = tempDir();
const out = join(dir, "out");
let api: TestServer;
let engine: TestServer;
/** Request lines, each with the loopback server that got it. */
const lines: string[] = [];

before(async () => {
  const answer = (who: string) => (req: IncomingMessage, res: ServerResponse) => {
    lines.push(`${who} ${req.method} ${req.url}`);
    reply(res, 200, { ok: true }, { connection: "close" });
  };
  api = await serve(answer("api"));
  engine = await serve(answer("engine"));
  await generateSpec();
});
after(async () => {
  await api.close();
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A lichess-like spec: the document's servers, and operation and path servers of every kind. */
function spec(enginePort: string): string {
  const ok = `responses: { "200": { description: ok, content: { application/json: { schema: { type: object } } } } }`;
  return `openapi: 3.1.0
info: { title: Servers, version: "1" }
servers:
  - url: https://lichess.example/api/{version}
    variables: { version: { default: v1 } }
  - url: https://sandbox.lichess.example
paths:
  /account:
    get: { operationId: getAccount, ${ok} }
  /files/{name}:
    servers: [{ url: "/files/{region}", variables: { region: { default: eu, enum: [eu, us] } } }]
    parameters: [{ name: name, in: path, required: true, schema: { type: string } }]
    get: { operationId: getFile, ${ok} }
    put:
      operationId: putFile
      servers: [{ url: "https://lichess.example/uploads" }]
      ${ok}
  /analysis:
    servers:
      - url: "http://127.0.0.1:{port}/engine/{v}"
        variables: { port: { default: "${enginePort}" }, v: { default: v2 } }
    get: { operationId: getAnalysis, ${ok} }
    post:
      operationId: postAnalysis
      servers: [{ url: /relative }]
      ${ok}
  /sandbox:
    get:
      operationId: getSandbox
      servers: [{ url: "https://sandbox.lichess.example/play/" }]
      ${ok}
  /login:
    get:
      operationId: login
      servers: [{ url: "http://127.0.0.1:${enginePort}/sso" }]
      parameters: [{ name: to, in: query, required: true, schema: { type: string } }]
      responses: { "302": { description: away, headers: { Location: { schema: { type: string } } } } }
  /broken:
    get:
      operationId: getBroken
      servers: [{ url: "https://{tenant}.lichess.example/x" }, { url: "https://second.example" }]
      ${ok}
  /mail:
    get:
      operationId: getMail
      servers: [{ url: "mailto:a@lichess.example" }]
      ${ok}
`;
}

let warnings: string[] = [];
/** Generates the spec with the engine's port (before the tests): the model's view of each operation's server. */
async function generateSpec(): Promise<void> {
  const specs = join(dir, "specs");
  mkdirSync(specs, { recursive: true });
  writeFileSync(join(specs, "servers.yaml"), spec(new URL(engine.url).port));
  const result = await generate({ cwd: dir, paths: ["specs"], out });
  assert.deepEqual(result.problems, []);
  warnings = result.warnings;
  const bases = result.model.specs[0]!.operations.map((op) => [op.operationId, op.basePath, op.serverOrigin]);
  assert.deepEqual(bases, [
    ["getAccount", "/api/v1", undefined],
    ["getFile", "/files/eu", undefined],
    ["putFile", "/uploads", undefined],
    ["getAnalysis", "/engine/v2", engine.url],
    ["postAnalysis", "/relative", undefined],
    ["getSandbox", "/play", undefined],
    ["login", "/sso", engine.url],
    ["getBroken", "", undefined],
    ["getMail", "", undefined],
  ]);
}

type Client = { baseUrl: string; servers?: Record<string, string> };
type Stub = (client: Client, params?: Record<string, unknown>) => Promise<unknown>;

test("each operation goes to its own server: under baseUrl unless the spec names another origin", async () => {
  const client = (await import(pathToFileURL(join(out, "client/servers.js")).href)) as Record<string, Stub>;
  const baseUrl = `${api.url}/`;
  await client.getAccount!({ baseUrl });
  await client.getFile!({ baseUrl }, { name: "a.txt" });
  await client.putFile!({ baseUrl }, { name: "a.txt" });
  await client.getAnalysis!({ baseUrl });
  await client.postAnalysis!({ baseUrl });
  await client.getSandbox!({ baseUrl });
  assert.deepEqual(lines, [
    "api GET /api/v1/account",
    "api GET /files/eu/files/a.txt",
    "api PUT /uploads/files/a.txt",
    "engine GET /engine/v2/analysis",
    "api POST /relative/analysis",
    "api GET /play/sandbox",
  ]);
  const urlOf = client.loginUrl as unknown as (c: Client, p: object) => string;
  const loginUrl = urlOf({ baseUrl }, { to: "x" });
  assert.equal(loginUrl, `${engine.url}/sso/login?to=x`, "a URL builder uses the operation's server too");
});

test("the client's `servers` maps an operation's origin elsewhere, for a client or for one call", async () => {
  const client = (await import(pathToFileURL(join(out, "client/servers.js")).href)) as Record<string, Stub>;
  lines.length = 0;
  const mapped = { baseUrl: engine.url, servers: { [engine.url]: `${api.url}/proxy/` } };
  await client.getAnalysis!(mapped);
  await client.getAccount!(mapped);
  // `servers` is read by own keys only: an inherited mapping is not used
  await client.getAnalysis!({ baseUrl: api.url, servers: Object.create({ [engine.url]: "http://127.0.0.1:1" }) });
  assert.deepEqual(lines, [
    "api GET /proxy/engine/v2/analysis",
    "engine GET /api/v1/account",
    "engine GET /engine/v2/analysis",
  ]);
  const urlOf = client.loginUrl as unknown as (c: Client, p: object) => string;
  assert.equal(urlOf(mapped, { to: "x" }), `${api.url}/proxy/sso/login?to=x`);
});

test("the descriptor says `server` only for another origin; docs name the server", () => {
  const js = readFileSync(join(out, "client/servers.js"), "utf8");
  const descriptor = (name: string) => js.split("\n").find((l) => l.startsWith(`const ${name}Operation =`)) ?? "";
  assert.match(descriptor("getAnalysis"), new RegExp(`server: "${engine.url}", base: "/engine/v2", path: "/analysis"`));
  assert.match(descriptor("getAccount"), /base: "\/api\/v1", path: "\/account"/);
  assert.doesNotMatch(descriptor("getAccount"), /server:/);
  const dts = readFileSync(join(out, "client/servers.d.ts"), "utf8");
  const doc =
    ` * GET ${engine.url}/engine/v2/analysis (\`getAnalysis\`). Sent to this origin, not to the client's ` +
    "`baseUrl`, unless the client's `servers` maps it elsewhere.";
  assert.ok(dts.includes(doc), dts);
  assert.ok(dts.includes(" * GET /api/v1/account (`getAccount`).\n"), dts);
});

test("a variable without a default and a server that is no http(s) URL are warned about", () => {
  const found = (re: RegExp) => warnings.filter((w) => re.test(w));
  const noDefault =
    /GET \/broken: server URL "https:\/\/\{tenant\}.*variable "tenant" has no default; the server is not used/;
  assert.equal(found(noDefault).length, 1);
  assert.equal(found(/second\.example/).length, 0, "only a list's first server is read");
  assert.equal(found(/GET \/mail: server URL "mailto:a@lichess.example" is not an http\(s\) URL/).length, 1);
  assert.equal(found(/engine|sandbox|uploads|region/).length, 0, warnings.join("\n"));
});
