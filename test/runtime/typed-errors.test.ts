// Failure statuses: a declared JSON error body is parsed and validated, and arrives as `data`.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  HttpError,
  MatrixError,
  ResponseValidationError,
  createClient,
  isStatusError,
  readBytes,
  request,
  type Operation,
  type Validator,
} from "../../generator/runtime/index.js";
import { limit, reply, serve, type TestServer } from "./helpers.js";

const isNotFound: Validator = (v) =>
  typeof v === "object" && v !== null && typeof (v as { message?: unknown }).message === "string";
const dataOf = (e: HttpError) => e.data as Record<string, unknown>;

describe("typed errors", limit, () => {
  let srv: TestServer;
  before(async () => {
    srv = await serve((req, res) => {
      if (req.url === "/404") return reply(res, 404, { message: "no such pet" });
      if (req.url === "/404-bad") return reply(res, 404, { message: 42 });
      if (req.url === "/500") return reply(res, 500, { trace: "x" });
      if (req.url === "/502") return reply(res, 502, "<html>Bad Gateway</html>");
      if (req.url === "/404-html") return reply(res, 404, "<html>Not Found</html>");
      return reply(res, 404, { errcode: "M_NOT_FOUND", error: "gone" });
    });
  });
  after(() => srv.close());
  const client = () => createClient({ baseUrl: srv.url, cache: false });
  const op = (path: string): Operation => ({ method: "GET", path, validate: { 404: isNotFound } });

  it("a declared status rejects with its status and the parsed, validated body", async () => {
    const error = await request(client(), op("/404")).catch((e: unknown) => e);
    assert.ok(error instanceof HttpError);
    assert.equal(error.status, 404);
    assert.deepEqual(error.data, { message: "no such pet" });
    assert.equal(isStatusError(error, [404, 409]), true);
    assert.equal(isStatusError(error, [409]), false);
    assert.equal(isStatusError(new Error("x"), [404]), false);
  });

  it("a declared error body that does not match its schema is a ResponseValidationError", async () => {
    const invalid = (e: unknown) => e instanceof ResponseValidationError && e.status === 404;
    await assert.rejects(request(client(), op("/404-bad")), invalid);
    const bytes: Operation = { ...op("/404-bad"), read: readBytes };
    await assert.rejects(request(client(), bytes), invalid, "a bytes operation checks its error bodies too");
    const lax = createClient({ baseUrl: srv.url, cache: false, validate: false });
    const unchecked = (e: unknown) => e instanceof HttpError && dataOf(e).message === 42;
    await assert.rejects(request(lax, op("/404-bad")), unchecked);
  });

  it("an undeclared status still carries its status, and its data when the body is JSON", async () => {
    const json = (e: unknown) => e instanceof HttpError && e.status === 500 && dataOf(e).trace === "x";
    await assert.rejects(request(client(), op("/500")), json);
    const html = (e: unknown) => e instanceof HttpError && e.status === 502 && e.data === undefined;
    await assert.rejects(request(client(), op("/502")), html);
  });

  it("a declared status whose body is not JSON is an HttpError the guard does not narrow (no data)", async () => {
    const error = await request(client(), op("/404-html")).catch((e: unknown) => e);
    assert.ok(error instanceof HttpError);
    assert.equal(error.status, 404);
    assert.equal(error.data, undefined);
    assert.equal(isStatusError(error, [404]), false);
  });

  it("a Matrix-shaped body is still a MatrixError, and the guard accepts it", async () => {
    const error = await request(client(), { method: "GET", path: "/matrix" }).catch((e: unknown) => e);
    assert.ok(error instanceof MatrixError);
    assert.equal(error.errcode, "M_NOT_FOUND");
    assert.equal(isStatusError(error, [404]), true);
  });
});
