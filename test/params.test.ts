// Parameter serialization from the spec to the wire: the model keeps style, explode and
// allowReserved; a descriptor carries only non-default settings and names the runtime's
// serializer only when a parameter needs it.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { generate } from "../generator/generate.js";
import { FIXTURES, tempDir } from "./helpers.js";
import { reply, serve, type TestServer } from "./runtime/helpers.js";
import { typecheck } from "./typecheck.js";

const dir = tempDir();
const out = join(dir, "out");
let srv: TestServer;
const lines: string[] = [];
before(async () => {
  srv = await serve((req, res) => {
    lines.push(`${req.method} ${req.url} HTTP/${req.httpVersion}`);
    // no keep-alive: a socket idle past the server's timeout (the type-check test) would be reused and reset
    reply(res, 200, { ok: true }, { connection: "close" });
  });
});
after(async () => {
  await srv.close();
  rmSync(dir, { recursive: true, force: true });
});

test("the model keeps style, explode and allowReserved with OpenAPI's defaults", async () => {
  const result = await generate({ cwd: join(FIXTURES, "params"), paths: ["specs"], out, force: true });
  assert.deepEqual(result.problems, []);
  const [charges, plain] = result.model.specs[0]!.operations;
  const facts = (op: typeof charges) =>
    op!.parameters.map((p) => [p.in, p.name, p.style, p.explode, p.allowReserved, p.structured]);
  assert.deepEqual(facts(charges), [
    ["path", "ids", "simple", false, false, true],
    ["query", "created", "deepObject", true, false, true],
    ["query", "expand", "form", false, false, false],
    ["query", "limit", "form", true, false, false],
    ["query", "next", "form", true, true, false],
    ["header", "X-Filter", "simple", true, false, true],
  ]);
  assert.deepEqual(facts(plain), [
    ["path", "id", "simple", false, false, false],
    ["query", "tag", "form", true, false, false],
    ["header", "X-Ids", "simple", false, false, false],
  ]);
});

test("descriptors carry only non-default settings; the serializer only where a parameter needs it", () => {
  const js = readFileSync(join(out, "client/styles.js"), "utf8");
  assert.match(js, /import \{ buildUrl, prepareRequest, send, serializeParams \} from/);
  const charges = js.split("\n").find((l) => l.startsWith("const listChargesOperation"));
  const styles = [
    '"created": { style: "deepObject", explode: true }',
    '"expand": { explode: false }',
    '"next": { allowReserved: true }',
    '"X-Filter": { explode: true }',
  ];
  assert.ok(charges!.includes(`styles: { ${styles.join(", ")} }, serialize: serializeParams`), charges);
  const plain = js.split("\n").find((l) => l.startsWith("const getPlainOperation"));
  assert.doesNotMatch(plain!, /styles|serialize/, "defaults cost nothing in the descriptor");
});

test("the generated stubs send each parameter as the spec says, byte for byte", async () => {
  type Stub = (client: { baseUrl: string }, params: Record<string, unknown>) => Promise<unknown>;
  const client = (await import(pathToFileURL(join(out, "client/styles.js")).href)) as Record<string, Stub>;
  const baseUrl = srv.url;
  await client.listCharges!(
    { baseUrl },
    {
      ids: ["ch_1", "ch 2"],
      created: { gte: 1700000000, lt: 1800000000 },
      expand: ["customer", "invoice"],
      limit: 10,
      next: "/charges?page=2&x",
      "X-Filter": { status: "paid", currency: "eur" },
    },
  );
  await client.getPlain!({ baseUrl }, { id: "a b", tag: ["x y", "z"], "X-Ids": [1, 2] });
  assert.deepEqual(lines, [
    "GET /v1/charges/ch_1,ch%202?created%5Bgte%5D=1700000000&created%5Blt%5D=1800000000" +
      "&expand=customer,invoice&limit=10&next=/charges?page%3D2%26x HTTP/1.1",
    "GET /v1/plain/a%20b?tag=x+y&tag=z HTTP/1.1",
  ]);
  assert.equal(srv.heads[0]?.["x-filter"], "status=paid,currency=eur");
  assert.equal(srv.heads[1]?.["x-ids"], "1,2");
});

test("a name in more than one location: non-path parameters keyed <location><Name>, with a warning", async () => {
  const result = await generate({ cwd: join(FIXTURES, "params"), paths: ["specs"], out, dryRun: true });
  const pet = result.model.specs[0]!.operations.find((op) => op.operationId === "getPet")!;
  assert.deepEqual(
    pet.parameters.map((p) => [p.in, p.name, p.key]),
    [
      ["path", "id", "id"],
      ["query", "id", "queryId"],
      ["header", "id", "headerId"],
      ["query", "fields", "fields"],
    ],
  );
  const warned = result.warnings.some((w) => /query parameter "id" .* its key in params is queryId/.test(w));
  assert.ok(warned, result.warnings.join("\n"));
  const js = readFileSync(join(out, "client/styles.js"), "utf8");
  const fields = 'query: ["queryId", "fields"], header: ["headerId"], serialize: serializeParams';
  assert.ok(js.includes(`${fields}, wire: { "queryId": "id", "headerId": "id" }`), js);
});

test("every operation's params type compiles under the strictest flags, and the renamed keys do", () => {
  copyFileSync(join(FIXTURES, "params/usage.ts"), join(dir, "usage.ts"));
  assert.deepEqual(typecheck([join(dir, "usage.ts")]), []);
});

test("renamed parameters go out under their wire names", async () => {
  type Stub = (client: { baseUrl: string }, params: Record<string, unknown>) => Promise<unknown>;
  const client = (await import(pathToFileURL(join(out, "client/styles.js")).href)) as Record<string, Stub>;
  lines.length = 0;
  await client.getPet!({ baseUrl: srv.url }, { id: 7, queryId: "q 1", headerId: "h1", fields: "name" });
  assert.deepEqual(lines, ["GET /v1/pets/7?id=q%201&fields=name HTTP/1.1"]);
  assert.equal(srv.heads.at(-1)?.id, "h1");
  assert.equal(srv.heads.at(-1)?.headerid, undefined);
});

test("servers: the operation's, else its path item's, else the document's, variables at their defaults", async () => {
  const result = await generate({ cwd: join(FIXTURES, "params"), paths: ["specs"], out, dryRun: true });
  const bases = Object.fromEntries(result.model.specs[0]!.operations.map((op) => [op.operationId, op.basePath]));
  assert.deepEqual(bases, {
    listCharges: "/v1",
    getPlain: "/v1",
    getPet: "/v1",
    getFile: "/v2/store",
    putFile: "/uploads/eu",
  });
  // The path item's server has another origin than the document's: its own origin (test/server-urls.test.ts).
  const getFile = result.model.specs[0]!.operations.find((op) => op.operationId === "getFile");
  assert.equal(getFile?.serverOrigin, "https://files.example.com");
  type Stub = (client: { baseUrl: string }, params: Record<string, unknown>) => Promise<unknown>;
  const client = (await import(pathToFileURL(join(out, "client/styles.js")).href)) as Record<string, Stub>;
  lines.length = 0;
  await client.putFile!({ baseUrl: srv.url }, { name: "a.txt" });
  assert.deepEqual(lines, ["PUT /uploads/eu/files/a.txt HTTP/1.1"]);
});
