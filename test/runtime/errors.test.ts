// Every failure of request is a documented error class; parameters never come from Object.prototype.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  HttpError,
  MatrixError,
  ResponseValidationError,
  buildUrl,
  createClient,
  prepareRequest,
  request,
  type Operation,
  type Validator,
} from "../../generator/runtime/index.js";
import { limit, reply, serve, type TestServer } from "./helpers.js";

const PROTO_NAMES = ["constructor", "toString", "__proto__", "valueOf", "hasOwnProperty"];

describe("parameters are the caller's own properties only", limit, () => {
  it("leaves out omitted query parameters named like Object.prototype members", () => {
    const op: Operation = { method: "GET", path: "/q", query: PROTO_NAMES };
    assert.equal(buildUrl({ baseUrl: "http://h" }, op, {}), "http://h/q");
    assert.equal(buildUrl({ baseUrl: "http://h" }, op), "http://h/q");
    assert.equal(buildUrl({ baseUrl: "http://h" }, op, { valueOf: "v" }), "http://h/q?valueOf=v");
    const own = JSON.parse('{"__proto__": "p"}') as Record<string, unknown>;
    assert.equal(buildUrl({ baseUrl: "http://h" }, op, own), "http://h/q?__proto__=p");
  });

  for (const name of PROTO_NAMES)
    it(`refuses a missing path parameter named ${name}`, () => {
      assert.throws(
        () => buildUrl({ baseUrl: "http://h" }, { method: "GET", path: `/x/{${name}}` }, {}),
        (e: unknown) => e instanceof TypeError && e.message.includes(name),
      );
    });

  it("sends no header parameter taken from Object.prototype", () => {
    const sent = prepareRequest({ baseUrl: "http://h" }, { method: "GET", path: "/", header: PROTO_NAMES }, {});
    assert.deepEqual(sent.headers, {});
  });

  it("picks no validator from Object.prototype", async () => {
    const srv = await serve((_q, res) => reply(res, 200, { ok: true }));
    try {
      const validate = Object.create({ 200: () => false }) as Record<number, Validator>;
      const r = await request(createClient({ baseUrl: srv.url }), { method: "GET", path: "/", validate });
      assert.equal(r.status, 200);
    } finally {
      await srv.close();
    }
  });
});

describe("lone surrogates in parameters", limit, () => {
  const op: Operation = { method: "GET", path: "/r/{room}", query: ["q"], header: ["x-h"] };
  it("are a TypeError naming the parameter, in the path, the query and headers", () => {
    assert.throws(
      () => buildUrl({ baseUrl: "http://h" }, op, { room: "a\uD800b", q: "x" }),
      (e: unknown) => e instanceof TypeError && /room/.test(e.message),
    );
    assert.throws(
      () => buildUrl({ baseUrl: "http://h" }, op, { room: "r", q: ["ok", "\uDC00"] }),
      (e: unknown) => e instanceof TypeError && /\bq\b/.test(e.message),
    );
    assert.throws(
      () => prepareRequest({ baseUrl: "http://h" }, op, { "x-h": "\uD83D" }),
      (e: unknown) => e instanceof TypeError && /x-h/.test(e.message),
    );
    // a well-formed pair is one character, encoded as UTF-8
    assert.equal(buildUrl({ baseUrl: "http://h" }, op, { room: "\uD83D\uDE00" }), "http://h/r/%F0%9F%98%80");
  });
  it("reject request with that TypeError before anything is sent", async () => {
    let calls = 0;
    const c = createClient({
      baseUrl: "http://h",
      fetch: (() => {
        calls++;
        return Promise.reject(new Error("sent"));
      }) as typeof fetch,
    });
    await assert.rejects(
      request(c, op, { room: "\uDBFF" }),
      (e: unknown) => e instanceof TypeError && /room/.test(e.message),
    );
    assert.equal(calls, 0);
  });
});

describe("hostile answers become documented errors", limit, () => {
  let srv: TestServer;
  let body: string;
  let status: number;
  before(async () => {
    srv = await serve((req, res) =>
      reply(res, status, body, req.url === "/deep" ? { "cache-control": "public, max-age=600" } : {}),
    );
  });
  after(() => srv.close());
  const get = (validate?: Validator) =>
    request(createClient({ baseUrl: srv.url, cache: false }), {
      method: "GET",
      path: "/",
      ...(validate && { validate: { 200: validate } }),
    });

  it('an error member that is not a string: MatrixError with error "" (no TypeError)', async () => {
    status = 429;
    for (const error of [{ toString: 1, valueOf: 1 }, null, 42, ["a"]]) {
      body = JSON.stringify({ errcode: "M_LIMIT_EXCEEDED", error, retry_after_ms: 5 });
      await assert.rejects(get(), (e: unknown) => {
        assert.ok(e instanceof MatrixError, String(e));
        assert.equal(e.errcode, "M_LIMIT_EXCEEDED");
        assert.equal(e.error, "");
        assert.equal((e.data as { retry_after_ms: number }).retry_after_ms, 5);
        return true;
      });
    }
  });

  it("an errcode that is not a string, or a body that is no object: HttpError", async () => {
    status = 400;
    for (const b of [{ errcode: { toString: 1 } }, { errcode: 1, error: "x" }, null, "text", [1], 7]) {
      body = JSON.stringify(b);
      await assert.rejects(get(), (e: unknown) => e instanceof HttpError && e.status === 400);
    }
  });

  it("a validator that throws (RangeError on a deeply nested body) gives ResponseValidationError", async () => {
    status = 200;
    const depth = 200_000;
    body = "[".repeat(depth) + "]".repeat(depth);
    const recursive: Validator = (v) => !Array.isArray(v) || v.every((x) => recursive(x));
    await assert.rejects(get(recursive), (e: unknown) => {
      assert.ok(e instanceof ResponseValidationError, String(e));
      assert.match(e.errors[0]!.message, /RangeError/);
      return true;
    });
    const thrower: Validator = () => {
      throw new Error("boom");
    };
    await assert.rejects(get(thrower), ResponseValidationError);
  });

  it("a deeply nested body on a cached operation is returned, not stored (it cannot be copied)", async () => {
    status = 200;
    const depth = 200_000;
    body = "[".repeat(depth) + "]".repeat(depth);
    srv.seen.length = 0;
    const c = createClient({ baseUrl: srv.url, validate: false });
    const deep = { method: "GET", path: "/deep", cache: true };
    const first = await request(c, deep);
    assert.ok(Array.isArray(first.data));
    await request(c, deep);
    assert.equal(srv.seen.length, 2);
  });
});
