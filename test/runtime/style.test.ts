// Parameters serialized as OpenAPI's style, explode and allowReserved say: the OpenAPI 3.1 style
// table case by case, then on the wire against a loopback server.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  buildUrl,
  createClient,
  prepareRequest,
  request,
  serializeParam,
  serializeParams,
  type Operation,
  type ParamPlace,
} from "../../generator/runtime/index.js";
import { limit, reply, serve, type TestServer } from "./helpers.js";

// The table's values: empty, string, array, object (OpenAPI 3.1 §4.8.12.4 "Style Examples").
const EMPTY = "";
const STRING = "blue";
const ARRAY = ["blue", "black", "brown"];
const OBJECT = { R: 100, G: 200, B: 150 };

type Row = [place: ParamPlace, style: string, explode: boolean, expected: Array<string | null>];

// null: "n/a" in the table (not checked).
const TABLE: Row[] = [
  ["path", "matrix", false, [";color", ";color=blue", ";color=blue,black,brown", ";color=R,100,G,200,B,150"]],
  ["path", "matrix", true, [";color", ";color=blue", ";color=blue;color=black;color=brown", ";R=100;G=200;B=150"]],
  ["path", "label", false, [".", ".blue", ".blue,black,brown", ".R,100,G,200,B,150"]],
  ["path", "label", true, [".", ".blue", ".blue.black.brown", ".R=100.G=200.B=150"]],
  ["path", "simple", false, [null, "blue", "blue,black,brown", "R,100,G,200,B,150"]],
  ["path", "simple", true, [null, "blue", "blue,black,brown", "R=100,G=200,B=150"]],
  ["header", "simple", false, [null, "blue", "blue,black,brown", "R,100,G,200,B,150"]],
  ["header", "simple", true, [null, "blue", "blue,black,brown", "R=100,G=200,B=150"]],
  ["query", "form", false, ["color=", "color=blue", "color=blue,black,brown", "color=R,100,G,200,B,150"]],
  ["query", "form", true, ["color=", "color=blue", "color=blue&color=black&color=brown", "R=100&G=200&B=150"]],
  ["query", "spaceDelimited", false, [null, null, "color=blue%20black%20brown", "color=R%20100%20G%20200%20B%20150"]],
  ["query", "pipeDelimited", false, [null, null, "color=blue|black|brown", "color=R|100|G|200|B|150"]],
  // OpenAPI 3.1.1 writes the brackets percent-encoded: RFC 3986 allows no `[` `]` in a query.
  ["query", "deepObject", true, [null, null, null, "color%5BR%5D=100&color%5BG%5D=200&color%5BB%5D=150"]],
];

describe("serializeParam: the OpenAPI 3.1 style table", limit, () => {
  for (const [place, style, explode, expected] of TABLE) {
    it(`${place} ${style} explode=${explode}`, () => {
      [EMPTY, STRING, ARRAY, OBJECT].forEach((value, i) => {
        if (expected[i] === null) return;
        assert.equal(serializeParam(place, "color", value, { style, explode }), expected[i], JSON.stringify(value));
      });
    });
  }

  it("defaults: form exploded for a query, simple for path and header", () => {
    assert.equal(serializeParam("query", "color", ARRAY), "color=blue&color=black&color=brown");
    assert.equal(serializeParam("query", "color", OBJECT), "R=100&G=200&B=150");
    assert.equal(serializeParam("path", "color", OBJECT), "R,100,G,200,B,150");
    assert.equal(serializeParam("header", "color", OBJECT, { explode: true }), "R=100,G=200,B=150");
  });

  it("leaves out null and undefined values and members, and empty arrays and objects in a query", () => {
    assert.equal(serializeParam("query", "a", undefined), "");
    assert.equal(serializeParam("query", "a", null, { style: "deepObject" }), "");
    assert.equal(serializeParam("query", "a", [], { explode: false }), "");
    assert.equal(serializeParam("query", "a", {}, { style: "deepObject" }), "");
    assert.equal(serializeParam("query", "a", [1, null, 2], { explode: false }), "a=1,2");
    assert.equal(serializeParam("query", "a", { x: 1, y: undefined }, { style: "deepObject" }), "a%5Bx%5D=1");
  });

  it("percent-encodes all but unreserved characters; allowReserved keeps those a query may hold", () => {
    const text = "a b/c?d:e@f!$'()*,;&=+#[]%41%zz~é";
    const strict = "a%20b%2Fc%3Fd%3Ae%40f%21%24%27%28%29%2A%2C%3B%26%3D%2B%23%5B%5D%2541%25zz~%C3%A9";
    assert.equal(serializeParam("query", "q", text), `q=${strict}`);
    assert.equal(serializeParam("path", "q", text), strict);
    const reserved = "a%20b/c?d:e@f!$%27()*,;%26%3D%2B%23%5B%5D%41%25zz~%C3%A9";
    assert.equal(serializeParam("query", "q", text, { allowReserved: true }), `q=${reserved}`);
    assert.equal(serializeParam("query", "a b", "x", { allowReserved: true }), "a%20b=x", "names are always encoded");
    const deep = { style: "deepObject", allowReserved: true };
    assert.equal(serializeParam("query", "o", { "k/1": "v/1" }, deep), "o%5Bk%2F1%5D=v/1");
  });

  it("header values are not percent-encoded; the separators of a path value are", () => {
    assert.equal(serializeParam("header", "x", ["a b", "c/d"]), "a b,c/d");
    assert.equal(serializeParam("path", "x", ["a,b", "c"]), "a%2Cb,c");
  });

  it("refuses a nested value or a lone surrogate with a TypeError naming the parameter", () => {
    assert.throws(() => serializeParam("query", "deep", { a: { b: 1 } }, { style: "deepObject" }), /deep: nested/);
    assert.throws(() => serializeParam("path", "list", [[1]]), /list: nested/);
    assert.throws(() => serializeParam("header", "s", ["\uD800"]), /s: lone surrogate/);
  });
});

describe("serializeParams: an operation's styles", limit, () => {
  it("reads own styles only, and refuses path values a URL would drop", () => {
    const styles = Object.create({ a: { style: "label" } }) as Record<string, unknown>;
    const op = { method: "GET", path: "/{a}", styles, serialize: serializeParams } as Operation;
    assert.equal(buildUrl({ baseUrl: "http://h" }, op, { a: ["x", "y"] }), "http://h/x,y");
    const labelled = { a: { style: "label" } };
    const label: Operation = { method: "GET", path: "/{a}", styles: labelled, serialize: serializeParams };
    assert.equal(buildUrl({ baseUrl: "http://h" }, label, { a: ["x", "y"] }), "http://h/.x,y");
    for (const a of ["", ".", undefined]) {
      assert.throws(() => buildUrl({ baseUrl: "http://h" }, label, { a }), /Bad path param a/);
    }
    assert.throws(() => buildUrl({ baseUrl: "http://h" }, op, { a: "." }), TypeError);
  });

  it("prepareRequest takes header values from it", () => {
    const styles = { "x-o": { explode: true } };
    const op: Operation = { method: "GET", path: "/", header: ["x-o", "x-n"], styles, serialize: serializeParams };
    const init = prepareRequest({ baseUrl: "http://h" }, op, { "x-o": { a: 1, b: "two" }, "x-n": null });
    assert.deepEqual(init.headers, { "x-o": "a=1,b=two" });
  });

  it("prepareRequest: a call's header replaces a header parameter of the same name in any case", () => {
    const op: Operation = { method: "GET", path: "/", header: ["X-Request-Id"] };
    const init = prepareRequest(
      { baseUrl: "http://h" },
      op,
      { "X-Request-Id": "param" },
      { headers: { "x-request-id": "call" } },
    );
    assert.deepEqual(init.headers, { "x-request-id": "call" });
    assert.equal(new Headers(init.headers).get("x-request-id"), "call");
  });
});

describe("styled parameters on the wire", limit, () => {
  let srv: TestServer;
  const lines: string[] = [];
  before(async () => {
    srv = await serve((req, res) => {
      lines.push(`${req.method} ${req.url} HTTP/${req.httpVersion}`);
      reply(res, 200, {});
    });
  });
  after(() => srv.close());

  const op: Operation = {
    method: "GET",
    base: "/v1",
    path: "/p/{lab}/{mat}/{obj}/{list}",
    query: ["created", "ids", "tags", "words", "filter", "next", "plain"],
    header: ["x-ids", "x-obj"],
    styles: {
      lab: { style: "label", explode: true },
      mat: { style: "matrix" },
      obj: { explode: true },
      created: { style: "deepObject" },
      ids: { explode: false },
      tags: { style: "pipeDelimited" },
      words: { style: "spaceDelimited" },
      filter: { explode: false },
      next: { allowReserved: true },
      "x-obj": { explode: true },
    },
    serialize: serializeParams,
    prepare: prepareRequest,
  };

  it("sends each style byte for byte", async () => {
    const client = createClient({ baseUrl: `${srv.url}/api/` });
    await request(client, op, {
      lab: ["a", "b c"],
      mat: ["x", "y"],
      obj: { k: "v", n: 1 },
      list: ["1", "2"],
      created: { gte: 1700000000, lt: "17000000 01" },
      ids: [1, 2, 3],
      tags: ["a", "b"],
      words: ["big", "red"],
      filter: { status: "open", q: "a&b" },
      next: "/page?n=2",
      plain: "x y",
      "x-ids": [7, 8],
      "x-obj": { role: "admin", id: 5 },
    });
    const query = [
      "created%5Bgte%5D=1700000000&created%5Blt%5D=17000000%2001",
      "ids=1,2,3",
      "tags=a|b",
      "words=big%20red",
      "filter=status,open,q,a%26b",
      "next=/page?n%3D2",
      "plain=x%20y",
    ].join("&");
    assert.deepEqual(lines.splice(0), [`GET /api/v1/p/.a.b%20c/;mat=x,y/k=v,n=1/1,2?${query} HTTP/1.1`]);
    assert.equal(srv.heads.at(-1)?.["x-ids"], "7,8");
    assert.equal(srv.heads.at(-1)?.["x-obj"], "role=admin,id=5");
  });

  it("leaves out empty query parameters and omits the ? when none is left", async () => {
    const client = createClient({ baseUrl: srv.url });
    await request(client, op, { lab: "l", mat: "", obj: { a: "" }, list: "z", created: {}, ids: [], filter: null });
    assert.deepEqual(lines.splice(0), ["GET /v1/p/.l/;mat/a=/z HTTP/1.1"]);
    await assert.rejects(request(client, op, { lab: "l", mat: "", obj: {}, list: "z" }), /Bad path param obj/);
    assert.deepEqual(lines, [], "nothing sent");
  });
});
