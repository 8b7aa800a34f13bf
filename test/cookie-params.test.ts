// Cookie parameters (`in: cookie`) are part of a call's `params` and go out in one `Cookie` header,
// each `form` style as a query parameter is (percent-encoded, `explode: false` arrays
// comma-joined), `; ` between them; a name shared with a query parameter is keyed `cookie<Name>`
// (and the query's `query<Name>`).
// Checked on the wire against a loopback server.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { generate } from "../generator/generate.js";
import { tempDir } from "./helpers.js";
import { reply, serve, type TestServer } from "./runtime/helpers.js";
import { typecheck } from "./typecheck.js";

const dir = tempDir();
const out = join(dir, "out");
let srv: TestServer;
/** Request line and Cookie header of each request. */
const seen: string[] = [];
let warnings: string[] = [];

const SPEC = `openapi: 3.1.0
info: { title: Cookies, version: "1" }
paths:
  /items:
    get:
      operationId: listItems
      parameters:
        - { name: id, in: query, schema: { type: integer } }
        - { name: session, in: cookie, required: true, schema: { type: string } }
        - { name: prefs, in: cookie, explode: false, schema: { type: array, items: { type: string } } }
        - { name: id, in: cookie, schema: { type: integer } }
      responses: { "200": { description: ok, content: { application/json: { schema: { type: object } } } } }
`;

before(async () => {
  srv = await serve((req, res) => {
    seen.push(`${req.method} ${req.url} cookie: ${req.headers.cookie ?? "(none)"}`);
    reply(res, 200, {}, { connection: "close" });
  });
  mkdirSync(join(dir, "specs"), { recursive: true });
  writeFileSync(join(dir, "specs/cookies.yaml"), SPEC);
  const result = await generate({ cwd: dir, paths: ["specs"], out });
  assert.deepEqual(result.problems, []);
  warnings = result.warnings;
});
after(async () => {
  await srv.close();
  rmSync(dir, { recursive: true, force: true });
});

type Stub = (client: { baseUrl: string }, params: Record<string, unknown>, init?: object) => Promise<unknown>;

test("cookie parameters go out in one Cookie header, form style, in declaration order", async () => {
  const client = (await import(pathToFileURL(join(out, "client/cookies.js")).href)) as Record<string, Stub>;
  await client.listItems!({ baseUrl: srv.url }, { queryId: 1, session: "abc d;e", prefs: ["a", "b"], cookieId: 7 });
  await client.listItems!({ baseUrl: srv.url }, { session: "s" });
  // the call's own Cookie header wins, as any call header does over a parameter
  await client.listItems!({ baseUrl: srv.url }, { session: "s" }, { headers: { cookie: "mine=1" } });
  assert.deepEqual(seen, [
    "GET /items?id=1 cookie: session=abc%20d%3Be; prefs=a,b; id=7",
    "GET /items cookie: session=s",
    "GET /items cookie: mine=1",
  ]);
  assert.ok(
    warnings.some((w) => /cookie parameter "id" .* cookieId/.test(w)),
    warnings.join("\n"),
  );
});

test("the params type holds the cookies (a required one required) and the docs say browsers drop them", () => {
  const dts = readFileSync(join(out, "client/cookies.d.ts"), "utf8");
  assert.match(dts, /one `Cookie` header \(`form` style\), which browsers drop from `fetch`/);
  const usage = join(dir, "usage.ts");
  writeFileSync(
    usage,
    `import { listItems } from "./out/client/index.js";
const client = { baseUrl: "http://x" };
export const ok = () => listItems(client, { session: "s", prefs: ["a"], cookieId: 1, queryId: 2 });
// @ts-expect-error the required cookie is missing
export const missing = () => listItems(client, { queryId: 2 });
`,
  );
  assert.deepEqual(typecheck([usage]), []);
});
