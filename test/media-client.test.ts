// Bodies in several media types and answers that are not JSON, through the generated client and a
// loopback server: the call picks JSON, a form or multipart (encoded from the schema, or raw
// FormData/URLSearchParams/Blob sent as given); streams (NDJSON, JSON Lines, JSON text sequences,
// server-sent events) resolve as soon as their headers arrive, text and other bytes are read whole
// under the size cap, and failure statuses still reject with typed errors.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { join } from "node:path";
import { writeFileSync } from "node:fs";
import { limit } from "./runtime/helpers.js";
import { typecheck } from "./typecheck.js";
import { type Call, LINES, type Media, type Ops, type Received, REPORT, startMedia } from "./media-helpers.js";

let media: Media;
let out: string;
let client: Record<Ops, Call>;
let small: Record<Ops, Call>;
let received: Received[];
const last = () => received.at(-1)!;

before(async () => {
  media = await startMedia();
  ({ out, client, small, received } = media);
});
after(() => media?.close());

/** The parts a server parses from the last request's multipart body. */
const lastParts = async () =>
  new Response(new Uint8Array(last().body), { headers: { "content-type": last().contentType! } }).formData();

const text = async (stream: unknown) => new Response(stream as ReadableStream).text();

test("a body offered in several media types is JSON by default", limit, async () => {
  const { data } = await client.createProfile({ body: { name: "Ann", tags: ["a"] } });
  assert.deepEqual(data, { id: "p1" });
  assert.equal(last().contentType, "application/json");
  assert.equal(last().body.toString("utf8"), '{"name":"Ann","tags":["a"]}');
});

test("a form body is encoded as the spec's encoding says, byte for byte", limit, async () => {
  const body = {
    name: "Ann Lee",
    age: 30,
    tags: ["a b", "c&d"],
    letters: ["x", "y"],
    meta: { city: "Köln", zip: "50667" },
    extra: { note: "1+1" },
    note: null,
  };
  await client.createProfile({ body, contentType: "application/x-www-form-urlencoded" });
  assert.equal(last().contentType, "application/x-www-form-urlencoded");
  const wire =
    "name=Ann%20Lee&age=30&tags=a%20b&tags=c%26d&letters=x,y&meta%5Bcity%5D=K%C3%B6ln&meta%5Bzip%5D=50667" +
    "&extra=%7B%22note%22%3A%221%2B1%22%7D";
  assert.equal(last().body.toString("utf8"), wire);
  // what a server's form parser reads back
  assert.deepEqual(
    [...new URLSearchParams(wire)],
    [
      ["name", "Ann Lee"],
      ["age", "30"],
      ["tags", "a b"],
      ["tags", "c&d"],
      ["letters", "x,y"],
      ["meta[city]", "Köln"],
      ["meta[zip]", "50667"],
      ["extra", '{"note":"1+1"}'],
    ],
  );

  // an operation offering a form only; an optional body left out sends none
  await client.search({ body: { q: "cats & dogs", page: 2 } });
  assert.equal(last().body.toString("utf8"), "q=cats%20%26%20dogs&page=2");
  await client.search();
  assert.equal(last().body.length, 0);
  assert.equal(last().contentType, undefined);
});

test("a multipart body object becomes a FormData: files, repeated parts, JSON parts, text", limit, async () => {
  const avatar = new Blob(["png!"], { type: "image/png" });
  const photos = [new Blob(["one"]), new Uint8Array([1, 2, 3])];
  const body = { name: "Ann", avatar, photos, tags: ["a", "b"], meta: { city: "Köln" }, age: 30 };
  await client.createProfile({ body, contentType: "multipart/form-data" });
  assert.match(last().contentType!, /^multipart\/form-data; boundary=/);
  const parts = await lastParts();
  const names: string[] = [];
  parts.forEach((_, name) => {
    names.push(name);
  });
  assert.deepEqual(names, ["name", "avatar", "photos", "photos", "tags", "tags", "meta", "age"]);
  assert.equal(parts.get("name"), "Ann");
  assert.equal(parts.get("age"), "30");
  assert.deepEqual(parts.getAll("tags"), ["a", "b"]);
  const file = parts.get("avatar") as File;
  assert.equal(file.type, "image/png");
  assert.equal(await file.text(), "png!");
  const [one, bytes] = parts.getAll("photos") as File[];
  assert.equal(await one!.text(), "one");
  assert.deepEqual([...new Uint8Array(await bytes!.arrayBuffer())], [1, 2, 3]);
  const meta = parts.get("meta") as File;
  assert.equal(meta.type, "application/json");
  assert.deepEqual(JSON.parse(await meta.text()), { city: "Köln" });
});

test("raw FormData, URLSearchParams and Blob bodies are sent as given", limit, async () => {
  const form = new FormData();
  form.append("name", "raw");
  await client.createProfile({ body: form, contentType: "multipart/form-data" });
  assert.match(last().contentType!, /^multipart\/form-data; boundary=/);
  assert.equal((await lastParts()).get("name"), "raw");

  await client.createProfile({
    body: new URLSearchParams({ name: "a+b c" }),
    contentType: "application/x-www-form-urlencoded",
  });
  assert.equal(last().contentType, "application/x-www-form-urlencoded");
  assert.equal(last().body.toString("utf8"), "name=a%2Bb+c");

  // a wildcard media type: the call names the type it sends
  await client.putFile({ name: "x" }, { body: new Blob(["GIF89a"]), contentType: "image/gif" });
  assert.equal(last().contentType, "image/gif");
  assert.equal(last().body.toString("utf8"), "GIF89a");
  await client.putFile({ name: "x" }, { body: { url: "https://example.org/x.gif" } });
  assert.equal(last().contentType, "application/json");
  // a media type the operation does not offer is refused before anything is sent
  const before = received.length;
  await assert.rejects(
    client.putFile({ name: "x" }, { body: "x", contentType: "text/plain" }),
    /TypeError|Bad contentType text\/plain/,
  );
  assert.equal(received.length, before);
});

test("a body offered in one non-JSON media type is sent as given, with that type or FormData's", limit, async () => {
  const { data } = await client.upload({ body: new Uint8Array([0, 255, 7]) });
  assert.equal(last().contentType, "application/octet-stream");
  assert.deepEqual([...last().body], [0, 255, 7]);
  // an application/octet-stream answer is read whole, as a Blob
  assert.ok(data instanceof Blob);
  assert.equal(data.type, "application/octet-stream");
  assert.deepEqual([...new Uint8Array(await data.arrayBuffer())], [0, 255, 7]);

  // a stream body is sent as it comes (fetch needs `duplex: "half"` for one)
  const streamed = await client.upload({ body: new Blob(["streamed"]).stream() });
  assert.equal(last().body.toString("utf8"), "streamed");
  assert.equal(await (streamed.data as unknown as Blob).text(), "streamed");

  // two types, no JSON: the first is the default, the call may name the other
  await client.setBanner({ body: new Uint8Array([1]) });
  assert.equal(last().contentType, "image/png");
  await client.setBanner({ body: new Uint8Array([2]), contentType: "image/jpeg" });
  assert.equal(last().contentType, "image/jpeg");
  assert.deepEqual([...last().body], [2]);

  // multipart, the only type: no contentType needed, and the boundary is fetch's
  await client.uploadAvatar({ body: { file: new Blob(["img"], { type: "image/jpeg" }), caption: "me" } });
  assert.match(last().contentType!, /^multipart\/form-data; boundary=/);
  const parts = await lastParts();
  assert.equal(parts.get("caption"), "me");
  assert.equal(await (parts.get("file") as File).text(), "img");
});

test("NDJSON, JSON Lines and JSON text sequences resolve to the response's stream", limit, async () => {
  for (const format of ["ndjson", "jsonl", "seq"]) {
    const { status, data, headers } = await client.exportLines({ format });
    assert.equal(status, 200);
    assert.ok(data instanceof ReadableStream, format);
    assert.equal(headers["content-type"], LINES[format as keyof typeof LINES]);
    const records = (await text(data))
      .split(/[\n\x1e]/)
      .filter(Boolean)
      .map((l) => JSON.parse(l) as unknown);
    assert.deepEqual(records, [{ n: 1 }, { n: 2 }], format);
  }
});

test("a stream the server never closes resolves at once, whatever its Content-Type", limit, async () => {
  for (const call of [
    () => client.watchEvents({ headers: { authorization: "Bearer t" } }),
    () => client.exportLines({ format: "open" }),
  ]) {
    const { data } = await call();
    assert.ok(data instanceof ReadableStream);
    const reader = data.getReader();
    const first = await reader.read();
    assert.match(new TextDecoder().decode(first.value), /^data: one\n\n$|^\{"n":1\}\n$/);
    await reader.cancel(); // closes the connection
  }
});

test("failure statuses of a streaming operation still reject with typed errors", limit, async () => {
  await assert.rejects(client.watchEvents(), (e: unknown) => {
    const error = e as { name: string; status: number; errcode: string };
    return error.name === "MatrixError" && error.status === 401 && error.errcode === "M_MISSING_TOKEN";
  });
  await assert.rejects(client.chat({ body: { prompt: "" } }), (e: unknown) => {
    const error = e as { name: string; status: number; data: unknown };
    return (
      error.name === "HttpError" &&
      error.status === 400 &&
      (error.data as { message: string }).message === "empty prompt"
    );
  });
});

test("an operation answering JSON or a stream: JSON parsed and validated, the stream handed over", limit, async () => {
  const json = await client.chat({ body: { prompt: "hi" } });
  assert.deepEqual(json.data, { reply: "hi" });
  const stream = await client.chat({ body: { prompt: "hi", stream: true } });
  assert.ok(stream.data instanceof ReadableStream);
  assert.equal(await text(stream.data), 'data: {"delta":"h"}\n\ndata: {"delta":"i"}\n\n');
  await assert.rejects(client.chat({ body: { prompt: "invalid" } }), { name: "ResponseValidationError" });
});

test(
  "text answers resolve to a string and JSON-or-bytes ones to JSON or a Blob, both under the size cap",
  limit,
  async () => {
    const { data } = await client.getReport();
    assert.equal(data, REPORT);
    await assert.rejects(small.getReport(), /body over 1024/);
    assert.deepEqual((await client.getAvatar()).data, { url: "https://example.org/a.png" });
    const png = (await client.getAvatar({ headers: { accept: "image/png" } })).data;
    assert.ok(png instanceof Blob);
    assert.equal(png.type, "image/png");
    assert.deepEqual([...new Uint8Array(await png.arrayBuffer())], [0x89, 0x50, 0x4e, 0x47]);
  },
);

test("bodies and answers are typed from the spec", limit, () => {
  const usage = join(out, "usage.mts");
  writeFileSync(
    usage,
    `import {
  chat, createProfile, exportLines, getAvatar, getReport, putFile, search, setBanner, upload, uploadAvatar,
} from "./out/client/index.js";
const c = { baseUrl: "https://example.org" };
await createProfile(c, { body: { name: "a", tags: ["x"] } });
await createProfile(c, { body: { name: "a", meta: { city: "b" } }, contentType: "application/x-www-form-urlencoded" });
await createProfile(c, { body: new URLSearchParams(), contentType: "application/x-www-form-urlencoded" });
const files = { avatar: new Blob([]), photos: [new Blob([])] };
await createProfile(c, { body: { name: "a", ...files }, contentType: "multipart/form-data" });
await createProfile(c, { body: new FormData(), contentType: "multipart/form-data" });
// @ts-expect-error a FormData is no JSON body: name its media type
await createProfile(c, { body: new FormData() });
// @ts-expect-error a media type the operation does not offer
await createProfile(c, { body: { name: "a" }, contentType: "text/plain" });
// @ts-expect-error the form's fields are typed from the schema
await createProfile(c, { body: { name: 1 }, contentType: "application/x-www-form-urlencoded" });
// @ts-expect-error a multipart body still needs its required fields
await createProfile(c, { body: { avatar: new Blob([]) }, contentType: "multipart/form-data" });
await search(c);
await search(c, { body: { q: "x", page: 1 } });
// @ts-expect-error page is an integer
await search(c, { body: { page: "1" } });
await putFile(c, { name: "n" }, { body: new Blob([]), contentType: "image/webp" });
// @ts-expect-error only image types besides JSON
await putFile(c, { name: "n" }, { body: new Blob([]), contentType: "text/plain" });
export const stored: Blob = (await upload(c, { body: new Uint8Array([1]) })).data;
await uploadAvatar(c, { body: { file: new Blob([]), caption: "x" } });
await uploadAvatar(c, { body: { file: new Uint8Array([1]) }, contentType: "multipart/form-data" });
// @ts-expect-error the multipart body's required file
await uploadAvatar(c, { body: { caption: "x" } });
await setBanner(c, { body: new Blob([]), contentType: "image/jpeg" });
// @ts-expect-error the operation offers png and jpeg only
await setBanner(c, { body: new Blob([]), contentType: "image/gif" });
// @ts-expect-error a bytes-only body is no object
await upload(c, { body: { a: 1 } });
export const lines: ReadableStream<Uint8Array> = (await exportLines(c, { format: "ndjson" })).data;
export const report: string = (await getReport(c)).data;
const reply = (await chat(c, { body: { prompt: "p" } })).data;
export const chunk: string | ReadableStream<Uint8Array> = reply instanceof ReadableStream ? reply : reply.reply;
const avatar = (await getAvatar(c)).data;
export const png: Blob | string = avatar instanceof Blob ? avatar : avatar.url;
`,
  );
  assert.deepEqual(typecheck([usage]), []);
});
