// Bodies through the generated client: request bodies JSON-encoded and declared, raw ones (bytes,
// FormData) sent as given, a caller's Content-Type kept; header parameters; byte responses read as
// a Blob; all typed from the spec. Request bodies get validators too.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { join } from "node:path";
import { writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { generate } from "../generator/generate.js";
import { FIXTURES, ROOT, tempDir } from "./helpers.js";
import { limit, reply, serve, type TestServer } from "./runtime/helpers.js";
import { typecheck } from "./typecheck.js";
import { validateHere } from "./validate-helpers.js";

const SCENARIO = join(FIXTURES, "snapshots/bodies");

interface Received {
  method: string;
  url: string;
  contentType: string | undefined;
  tags: string | string[] | undefined;
  body: Buffer;
}

type Call = (...args: unknown[]) => Promise<{ status: number; data: unknown }>;

let out: string;
let srv: TestServer;
let small: { download: Call };
let client: Record<"logIn" | "setDisplayName" | "upload" | "sendForm" | "download", Call>;
const received: Received[] = [];
const last = () => received.at(-1)!;

before(async () => {
  out = tempDir();
  const result = await generate({ cwd: SCENARIO, out: join(out, "out"), force: true });
  assert.deepEqual(result.problems, []);
  srv = await serve((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({
        method: req.method ?? "",
        url: req.url ?? "",
        contentType: req.headers["content-type"],
        tags: req.headers["x-tags"],
        body: Buffer.concat(chunks),
      });
      if (req.url === "/api/login") return reply(res, 200, { user_id: "@alice:example.org" });
      if (req.url?.startsWith("/api/upload")) return reply(res, 200, { content_uri: "mxc://example.org/abc" });
      if (req.url === "/api/form") return void res.writeHead(204).end();
      if (req.url === "/api/media/big")
        return void res.writeHead(200, { "content-type": "application/octet-stream" }).end(Buffer.alloc(2048));
      if (req.url === "/api/media/png")
        return void res
          .writeHead(200, { "content-type": "image/png", "cache-control": "max-age=600" })
          .end(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
      if (req.url?.startsWith("/api/media/"))
        return reply(res, 404, { errcode: "M_NOT_FOUND", error: "no such media" });
      reply(res, 200, {});
    });
  });
  const mod = (await import(pathToFileURL(join(out, "out/client/index.js")).href)) as {
    createClient(o: { baseUrl: string; maxBodyBytes?: number }): typeof client;
  };
  client = mod.createClient({ baseUrl: srv.url });
  small = mod.createClient({ baseUrl: srv.url, maxBodyBytes: 1024 });
});
after(() => srv.close());

test("a JSON body is sent JSON-encoded, as application/json", limit, async () => {
  const { data } = await client.logIn({ body: { type: "m.login.password", password: "hunter2" } });
  assert.deepEqual(data, { user_id: "@alice:example.org" });
  assert.equal(last().method, "POST");
  assert.equal(last().contentType, "application/json");
  assert.deepEqual(JSON.parse(last().body.toString("utf8")), { type: "m.login.password", password: "hunter2" });

  // A body declared through components/requestBodies, beside a path parameter; null is JSON too.
  await client.setDisplayName({ userId: "@alice:example.org" }, { body: { displayname: null } });
  assert.equal(last().method, "PUT");
  assert.equal(last().url, "/api/profile/%40alice%3Aexample.org/displayname");
  assert.equal(last().body.toString("utf8"), '{"displayname":null}');
});

test("an optional body left out sends no body and no Content-Type", limit, async () => {
  await client.setDisplayName({ userId: "@alice:example.org" });
  assert.equal(last().body.length, 0);
  assert.equal(last().contentType, undefined);
});

test(
  "raw bodies are sent as given: bytes with the spec's type unless the call names one; FormData with its boundary",
  limit,
  async () => {
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
    await client.upload({ filename: "a.png" }, { body: bytes });
    assert.equal(last().url, "/api/upload?filename=a.png");
    assert.equal(last().contentType, "application/octet-stream");
    assert.deepEqual([...last().body], [...bytes]);
    // The caller's header wins, whatever its case, and is not doubled.
    await client.upload({}, { body: bytes, headers: { "Content-Type": "image/png" } });
    assert.equal(last().contentType, "image/png");
    // So does the spec's Content-Type header parameter; an array header parameter is comma-joined.
    await client.upload({ "Content-Type": "image/gif", "X-Tags": ["a", "b"] }, { body: bytes });
    assert.equal(last().contentType, "image/gif");
    assert.equal(last().tags, "a,b");
    assert.equal(last().url, "/api/upload", "header parameters stay out of the query");

    const form = new FormData();
    form.append("file", new Blob(["png"], { type: "image/png" }), "a.png");
    const { status } = await client.sendForm({ body: form });
    assert.equal(status, 204);
    assert.match(last().contentType ?? "", /^multipart\/form-data; boundary=/);
    assert.match(last().body.toString("utf8"), /name="file"; filename="a.png"/);
  },
);

test("`body` is typed from the spec: required where the spec says, of the schema's type", limit, () => {
  const usage = join(out, "usage.mts");
  writeFileSync(
    usage,
    `import { createClient, download, logIn, setDisplayName, upload } from "./out/client/index.js";
const options = { baseUrl: "https://example.org" };
const client = createClient(options);
await logIn(options, { body: { type: "m.login.token" } });
await client.logIn({ body: { type: "m.login.password", password: "p" } });
// @ts-expect-error the body is required
await logIn(options);
// @ts-expect-error the body is required
await logIn(options, { signal: AbortSignal.timeout(1000) });
// @ts-expect-error not a login type the schema lists
await logIn(options, { body: { type: "m.login.sso" } });
// @ts-expect-error the required field is missing
await logIn(options, { body: { password: "p" } });
await setDisplayName(options, { userId: "@a:b" });
await setDisplayName(options, { userId: "@a:b" }, { body: { displayname: "Alice" } });
// @ts-expect-error displayname is a string or null
await setDisplayName(options, { userId: "@a:b" }, { body: { displayname: 1 } });
await upload(options, {}, { body: new Uint8Array(1) });
// @ts-expect-error the query parameters come first, even when all are optional, because the body is required
await upload(options, { body: new Uint8Array(1) });
await upload(options, { filename: "a", "Content-Type": "image/png", "X-Tags": ["x"] }, { body: new Uint8Array(1) });
export const file: Blob = (await download(options, { id: "x" })).data;
// @ts-expect-error a header parameter of the wrong type
await upload(options, { "X-Tags": "x" }, { body: new Uint8Array(1) });
await upload(options, { session: "s" }, { body: new Uint8Array(1) });
// @ts-expect-error a cookie parameter of the wrong type
await upload(options, { session: 1 }, { body: new Uint8Array(1) });
`,
  );
  assert.deepEqual(typecheck([usage]), []);
});

test(
  "JSON request bodies get validators, and `specgen validate <spec>#<operationId>:body` checks a body",
  limit,
  async () => {
    const v = (await import(pathToFileURL(join(out, "out/validators/index.js")).href)) as Record<
      string,
      (value: unknown) => boolean
    >;
    assert.equal(v.isLogInBody!({ type: "m.login.password", password: "p" }), true);
    assert.equal(v.isLogInBody!({ type: "m.login.sso" }), false);
    assert.equal(v.isSetDisplayNameBody!({ displayname: null }), true);
    assert.equal(v.isSetDisplayNameBody!({ displayname: 1 }), false);
    assert.throws(() => v.assertLogInBody!({ password: 1 }), /\/type is required[\s\S]*\/password must be string/);
    // Raw bodies (bytes, multipart) have no JSON schema to check.
    assert.equal("isUploadBody" in v || "isSendFormBody" in v, false);

    writeFileSync(join(out, "body.json"), JSON.stringify({ type: "m.login.sso" }));
    const r = await validateHere(["validate", "specs/bodies.yaml#logIn:body", join(out, "body.json")], {
      cwd: SCENARIO,
    });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /body\.json:1:9: \/type must be equal to one of the allowed values/);
    assert.match(r.stderr, /0 of 1 file\(s\) valid against LogInBody/);
    const none = await validateHere(["validate", "specs/bodies.yaml#upload:body", join(out, "body.json")], {
      cwd: SCENARIO,
    });
    assert.equal(none.status, 2);
    assert.match(none.stderr, /operation upload has no JSON request body \(JSON bodies: 200\)/);
  },
);

test("a bundle of operations without a body or header parameter leaves out prepareRequest", limit, async () => {
  const bundle = async (contents: string, dir: string) =>
    (
      await build({
        stdin: { contents, resolveDir: dir, loader: "js" },
        bundle: true,
        minify: true,
        format: "esm",
        platform: "neutral",
        write: false,
        logLevel: "silent",
      })
    ).outputFiles[0]!.text;
  // prepareRequest and readBytes (a Blob of the response's Content-Type) are the only runtime code that names
  // the content-type header (the core reads JSON through a Blob too, but an untyped one).
  const plain = await bundle(
    'export { getAuthMetadata, redirectToIdP } from "./client/index.js";',
    join(ROOT, "generated"),
  );
  assert.doesNotMatch(plain, /content-type/, "neither prepareRequest nor readBytes");
  const withBody = await bundle('export { logIn } from "./client/index.js";', join(out, "out"));
  assert.match(withBody, /content-type/);
});

test(
  "a response of bytes resolves to a Blob of its type, never cached; its Matrix errors and the size cap still apply",
  limit,
  async () => {
    const { status, data } = await client.download({ id: "png" });
    assert.equal(status, 200);
    assert.ok(data instanceof Blob);
    assert.equal(data.type, "image/png");
    assert.deepEqual([...new Uint8Array(await data.arrayBuffer())], [0x89, 0x50, 0x4e, 0x47]);
    const before = received.length;
    await client.download({ id: "png" });
    assert.equal(received.length, before + 1, "a download is fetched again, whatever its Cache-Control");
    await assert.rejects(
      client.download({ id: "nope" }),
      (e: unknown) => (e as Error).name === "MatrixError" && (e as { errcode?: string }).errcode === "M_NOT_FOUND",
    );
    await assert.rejects(
      small.download({ id: "big" }),
      (e: unknown) => (e as Error).name === "HttpError" && /body over 1024/.test((e as Error).message),
    );
  },
);
