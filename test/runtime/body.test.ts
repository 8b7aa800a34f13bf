import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  HttpError,
  MatrixError,
  ResponseValidationError,
  createClient,
  request,
  type Operation,
  type Result,
  type Validator,
} from "../../generator/runtime/index.js";
import { limit, reply, serve, type TestServer } from "./helpers.js";

const op = (path: string): Operation => ({ method: "GET", base: "/_matrix/client/v1", path });
const HTML = { "content-type": "text/html" };

describe("response bodies and errors", limit, () => {
  let srv: TestServer;
  before(async () => {
    srv = await serve((req, res) => {
      switch (req.url) {
        case "/_matrix/client/v1/bom":
          res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
          return res.end(
            Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"issuer":"https://é.example/"}')]),
          );
        case "/_matrix/client/v1/empty":
          return reply(res, 200, "");
        case "/_matrix/client/v1/nocontent":
          res.writeHead(204);
          return res.end();
        case "/_matrix/client/v1/html502":
          return reply(
            res,
            502,
            `<html><head><title>502 Bad Gateway</title></head><body>${"x".repeat(1000)}</body></html>`,
            { "content-type": "text/html" },
          );
        case "/_matrix/client/v1/html503":
          // What Synapse answers when the identity provider it redirects to is down.
          return reply(res, 503, "<html><body><h1>Oops! Something went wrong</h1></body></html>", HTML);
        case "/_matrix/client/v1/html200":
          return reply(res, 200, "<html>captive portal</html>", { "content-type": "text/html" });
        case "/_matrix/client/v1/auth_metadata":
          return reply(res, 404, { errcode: "M_UNRECOGNIZED", error: "Unrecognized request" });
        case "/_matrix/client/v1/json500":
          return reply(res, 500, { message: "oops" });
        case "/_matrix/client/v1/big": {
          // chunked, no Content-Length: the cap must apply while streaming
          res.writeHead(200, { "content-type": "application/json" });
          res.write('{"pad":"');
          const chunk = "a".repeat(64 * 1024);
          let n = 0;
          const pump = () => {
            while (n++ < 64) if (!res.write(chunk)) return void res.once("drain", pump);
            res.end('"}');
          };
          return pump();
        }
        case "/_matrix/client/v1/slow":
          res.writeHead(200, { "content-type": "application/json" });
          res.write('{"a":');
          return void setTimeout(() => res.end("1}"), 2000).unref();
        default:
          return reply(res, 200, { ok: true });
      }
    });
  });
  after(() => srv.close());

  const client = (extra = {}) => createClient({ baseUrl: srv.url, ...extra });

  it("strips a UTF-8 BOM and decodes UTF-8", async () => {
    const r = await request<Result<{ issuer: string }>>(client(), op("/bom"));
    assert.deepEqual(r.data, { issuer: "https://é.example/" });
    assert.equal(r.headers["content-type"], "application/json; charset=utf-8");
  });

  it("keeps a UTF-8 character split between two chunks whole", async () => {
    const bytes = Buffer.from('{"issuer":"é"}');
    const at = bytes.indexOf(0xc3) + 1; // between the two bytes of é
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array(bytes.subarray(0, at)));
        controller.enqueue(new Uint8Array(bytes.subarray(at)));
        controller.close();
      },
    });
    const fetch = (async () => new Response(body, { status: 200 })) as typeof globalThis.fetch;
    const r = await request<Result<{ issuer: string }>>(client({ fetch }), op("/split"));
    assert.deepEqual(r.data, { issuer: "é" });
  });

  it("decodes a body in many chunks: a BOM and a 4-byte character split up, a bad byte as U+FFFD", async () => {
    const bytes = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('{"a":"😀","b":"'),
      Buffer.from([0xff, 0x22, 0x7d]),
    ]);
    const emoji = bytes.indexOf(0xf0);
    const cuts = [0, 1, emoji + 1, emoji + 3, bytes.length];
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 1; i < cuts.length; i++) controller.enqueue(new Uint8Array(bytes.subarray(cuts[i - 1], cuts[i])));
        controller.close();
      },
    });
    const fetch = (async () => new Response(body, { status: 200 })) as typeof globalThis.fetch;
    const r = await request<Result<{ a: string; b: string }>>(client({ fetch }), op("/chunks"));
    assert.deepEqual(r.data, { a: "😀", b: "\uFFFD" });
  });

  it("returns undefined data for an empty body (200 and 204)", async () => {
    assert.equal((await request(client(), op("/empty"))).data, undefined);
    const r = await request(client(), op("/nocontent"));
    assert.equal(r.status, 204);
    assert.equal(r.data, undefined);
  });

  it("turns an HTML 502 page into HttpError with a short excerpt, not a SyntaxError", async () => {
    await assert.rejects(request(client(), op("/html502")), (e: unknown) => {
      assert.ok(e instanceof HttpError, String(e));
      assert.equal(e.name, "HttpError");
      assert.equal(e.status, 502);
      assert.ok(e.body.startsWith("<html><head><title>502 Bad Gateway"));
      assert.equal(e.body.length, 200);
      assert.match(e.message, /^HTTP 502/);
      return true;
    });
  });

  it("names the failure status of an HTML error page first, never calling it 'not JSON'", async () => {
    await assert.rejects(request(client(), op("/html503")), (e: unknown) => {
      assert.ok(e instanceof HttpError, String(e));
      assert.equal(e.status, 503);
      assert.equal(e.message, "HTTP 503: Service Unavailable");
      return true;
    });
    const json500 = (e: unknown) => e instanceof HttpError && e.message === "HTTP 500: Internal Server Error";
    await assert.rejects(request(client(), op("/json500")), json500);
  });

  it("turns a non-JSON 200 into HttpError", async () => {
    await assert.rejects(
      request(client(), op("/html200")),
      (e: unknown) => e instanceof HttpError && e.status === 200 && e.body === "<html>captive portal</html>",
    );
  });

  it("turns a Matrix 404 M_UNRECOGNIZED (no OAuth) into MatrixError", async () => {
    await assert.rejects(request(client(), op("/auth_metadata")), (e: unknown) => {
      assert.ok(e instanceof MatrixError);
      assert.ok(!(e instanceof HttpError));
      assert.equal(e.status, 404);
      assert.equal(e.errcode, "M_UNRECOGNIZED");
      assert.equal(e.error, "Unrecognized request");
      assert.deepEqual(e.data, { errcode: "M_UNRECOGNIZED", error: "Unrecognized request" });
      assert.equal(e.message, "M_UNRECOGNIZED: Unrecognized request");
      return true;
    });
  });

  it("turns a non-Matrix JSON error into HttpError", async () => {
    await assert.rejects(
      request(client(), op("/json500")),
      (e: unknown) => e instanceof HttpError && e.status === 500 && e.body === '{"message":"oops"}',
    );
  });

  it("aborts a body over maxBodyBytes while streaming", async () => {
    await assert.rejects(
      request(client(), op("/big")),
      (e: unknown) => e instanceof HttpError && e.status === 200 && /over 1048576$/.test(e.message),
    );
    await assert.rejects(
      request(client({ maxBodyBytes: 10 }), op("/ok")),
      (e: unknown) => e instanceof HttpError && /over 10$/.test(e.message),
    );
    assert.deepEqual((await request(client({ maxBodyBytes: 11 }), op("/ok"))).data, { ok: true });
  });

  it("passes an AbortSignal.timeout during a slow body through unchanged", async () => {
    await assert.rejects(request(client(), op("/slow"), {}, { signal: AbortSignal.timeout(100) }), (e: unknown) => {
      assert.ok(!(e instanceof HttpError));
      assert.equal((e as Error).name, "TimeoutError");
      return true;
    });
    const ac = new AbortController();
    const reason = new Error("user cancelled");
    setTimeout(() => ac.abort(reason), 50);
    await assert.rejects(request(client(), op("/slow"), {}, { signal: ac.signal }), (e: unknown) => e === reason);
  });

  it("passes network errors through unchanged", async () => {
    const boom = new TypeError("fetch failed");
    await assert.rejects(
      request(client({ fetch: async () => Promise.reject(boom) }), op("/ok")),
      (e: unknown) => e === boom,
    );
    // a real refused connection: undici's own TypeError
    await assert.rejects(
      request(createClient({ baseUrl: "http://127.0.0.1:1" }), op("/ok")),
      (e: unknown) => e instanceof TypeError && !(e instanceof HttpError),
    );
  });

  it("sends client and per-call headers", async () => {
    srv.heads.length = 0;
    await request(
      client({ headers: { authorization: "Bearer a", "x-a": "1" } }),
      op("/ok"),
      {},
      { headers: { "x-a": "2" } },
    );
    assert.equal(srv.heads[0]!.authorization, "Bearer a");
    assert.equal(srv.heads[0]!["x-a"], "2");
    assert.equal(srv.heads[0]!["if-none-match"], undefined);
  });
});

describe("validation", limit, () => {
  let srv: TestServer;
  before(async () => {
    srv = await serve((_req, res) => reply(res, 200, { issuer: 42, endpoints: [{}] }));
  });
  after(() => srv.close());

  type Meta = { issuer: string };
  // hand-written stand-in for an Ajv standalone validator
  const isMeta: Validator = (v) => {
    const ok = typeof (v as Meta).issuer === "string";
    isMeta.errors = ok
      ? null
      : [
          { instancePath: "/issuer", message: "must be string" },
          { instancePath: "/endpoints/0", message: "must have required property 'url'" },
        ];
    return ok;
  };
  const metaOp: Operation = { method: "GET", path: "/meta", validate: { 200: isMeta } };

  it("throws ResponseValidationError with JSON pointers by default", async () => {
    await assert.rejects(request(createClient({ baseUrl: srv.url }), metaOp), (e: unknown) => {
      assert.ok(e instanceof ResponseValidationError);
      assert.equal(e.name, "ResponseValidationError");
      assert.equal(e.status, 200);
      assert.deepEqual(e.errors, [
        { pointer: "/issuer", message: "must be string" },
        { pointer: "/endpoints/0", message: "must have required property 'url'" },
      ]);
      assert.match(e.message, /^HTTP 200: invalid body/);
      return true;
    });
  });

  it("skips validation with validate: false", async () => {
    const r = await request(createClient({ baseUrl: srv.url, validate: false }), metaOp);
    assert.deepEqual(r.data, { issuer: 42, endpoints: [{}] });
  });

  it("only validates the status the validator is declared for", async () => {
    const r = await request(createClient({ baseUrl: srv.url }), { ...metaOp, validate: { 201: isMeta } });
    assert.equal(r.status, 200);
  });

  it("accepts real Ajv validators", async () => {
    const { Ajv } = await import("ajv");
    const ajv = new Ajv({ allErrors: true });
    const validate = ajv.compile<Meta>({
      type: "object",
      required: ["issuer"],
      properties: { issuer: { type: "string" } },
    });
    await assert.rejects(
      request(createClient({ baseUrl: srv.url }), { ...metaOp, validate: { 200: validate } }),
      (e: unknown) => {
        assert.ok(e instanceof ResponseValidationError);
        assert.deepEqual(e.errors, [{ pointer: "/issuer", message: "must be string" }]);
        return true;
      },
    );
  });
});
