// The loopback server and generated client of media-client.test.ts: the media scenario
// (test/fixtures/snapshots/media) generated into a temp folder, and a server that records each
// request and answers by path (JSON, forms, streams that never end, text, bytes).
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import type { ServerResponse } from "node:http";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { generate } from "../generator/generate.js";
import { FIXTURES, tempDir } from "./helpers.js";
import { reply, serve } from "./runtime/helpers.js";

const SCENARIO = join(FIXTURES, "snapshots/media");

export interface Received {
  method: string;
  url: string;
  contentType: string | undefined;
  body: Buffer;
}

export interface Answer {
  status: number;
  data: unknown;
  headers: Record<string, string>;
}
export type Call = (...args: unknown[]) => Promise<Answer>;
export type Ops =
  | "createProfile"
  | "search"
  | "putFile"
  | "watchEvents"
  | "exportLines"
  | "chat"
  | "getReport"
  | "getAvatar"
  | "upload"
  | "uploadAvatar"
  | "setBanner";

/** The generated client, a second one with a 1 KiB body cap, and what the server received. */
export interface Media {
  out: string;
  client: Record<Ops, Call>;
  small: Record<Ops, Call>;
  received: Received[];
  close(): Promise<void>;
}

export const LINES = {
  ndjson: "application/x-ndjson",
  jsonl: "application/jsonl",
  seq: "application/json-seq",
} as const;
export const REPORT = `a,b\n${"1,2\n".repeat(500)}`;

/** The loopback server's answer to one request, by path. */
function answer(
  url: string,
  headers: Record<string, string | string[] | undefined>,
  body: Buffer,
  res: ServerResponse,
  open: ServerResponse[],
) {
  if (url === "/api/profiles") return reply(res, 200, { id: "p1" });
  if (url === "/api/search" || url === "/api/avatars" || url === "/api/banner" || url.startsWith("/api/files/"))
    return void res.writeHead(204).end();
  if (url === "/api/uploads") return void res.writeHead(200, { "content-type": "application/octet-stream" }).end(body);
  if (url === "/api/events") {
    if (!headers.authorization) return reply(res, 401, { errcode: "M_MISSING_TOKEN", error: "log in" });
    res.writeHead(200, { "content-type": "text/event-stream" }).write("data: one\n\n");
    return void open.push(res); // never ended by the server
  }
  const format = /^\/api\/lines\/(\w+)$/.exec(url)?.[1];
  if (format === "open") {
    // a stream that never ends, declared with a JSON type the operation does not list
    res.writeHead(200, { "content-type": "application/json" }).write('{"n":1}\n');
    return void open.push(res);
  }
  if (format && format in LINES) {
    const sep = format === "seq" ? ["\x1e", "\n"] : ["", "\n"];
    const text = [{ n: 1 }, { n: 2 }].map((r) => sep[0] + JSON.stringify(r) + sep[1]).join("");
    return void res.writeHead(200, { "content-type": LINES[format as keyof typeof LINES] }).end(text);
  }
  if (url === "/api/chat") return chat(JSON.parse(body.toString("utf8")) as { prompt: string; stream?: boolean }, res);
  if (url === "/api/report") return void res.writeHead(200, { "content-type": "text/csv; charset=utf-8" }).end(REPORT);
  if (url === "/api/avatar") {
    if (!String(headers.accept).includes("image/png")) return reply(res, 200, { url: "https://example.org/a.png" });
    return void res.writeHead(200, { "content-type": "image/png" }).end(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  }
  reply(res, 404, { message: "no route" });
}

function chat(req: { prompt: string; stream?: boolean }, res: ServerResponse) {
  if (!req.prompt) return reply(res, 400, { message: "empty prompt" });
  if (req.prompt === "invalid") return reply(res, 200, { answer: "no reply field" });
  if (!req.stream) return reply(res, 200, { reply: "hi" });
  res.writeHead(200, { "content-type": "text/event-stream" }).end('data: {"delta":"h"}\n\ndata: {"delta":"i"}\n\n');
}
/** Generates the scenario and starts the server; `close` ends open answers and removes the folder. */
export async function startMedia(): Promise<Media> {
  const out = tempDir();
  const received: Received[] = [];
  /** Answers the server keeps open, ended when the suite ends. */
  const open: ServerResponse[] = [];
  const result = await generate({ cwd: SCENARIO, out: join(out, "out"), force: true });
  assert.deepEqual(result.problems, []);
  const srv = await serve((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      received.push({ method: req.method ?? "", url: req.url ?? "", contentType: req.headers["content-type"], body });
      answer(req.url ?? "", req.headers, body, res, open);
    });
  });
  type Mod = { createClient(o: { baseUrl: string; maxBodyBytes?: number }): Record<Ops, Call> };
  const mod = (await import(pathToFileURL(join(out, "out/client/index.js")).href)) as Mod;
  const close = async () => {
    for (const res of open) res.end();
    await srv.close();
    rmSync(out, { recursive: true, force: true });
  };
  const client = mod.createClient({ baseUrl: srv.url });
  const small = mod.createClient({ baseUrl: srv.url, maxBodyBytes: 1024 });
  return { out, client, small, received, close };
}
