// Acceptance for the client of another API than Matrix: a pet store (components, a name used
// by a path and a query parameter, deepObject and explode: false query parameters, an
// operation-level server of another origin, a 404 body, a property with a default) generates,
// compiles under the strictest flags, and a consumer calls every operation against loopback
// servers (the store's, and the uploads host the spec names for one operation) that check each
// request line and header byte for byte, and catches a typed 404.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { generate } from "../generator/generate.js";
import { FIXTURES, tempDir } from "./helpers.js";
import { reply, serve, type TestServer } from "./runtime/helpers.js";
import { STRICT, typecheck } from "./typecheck.js";

interface Seen {
  line: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

const dir = tempDir("specgen-petstore-");
let srv: TestServer;
/**
 * The uploads host: `https://uploads.petstore.example.com` in the fixture, a loopback server by the client's `servers`.
 */
let uploads: TestServer;
const seen: Seen[] = [];

/** The pet store's answers, by request line. */
function answer(line: string): [number, unknown] {
  const pets = [
    { id: 1, name: "Tom" },
    { id: 2, name: "Kit", status: "sold" },
  ];
  if (line.startsWith("GET /api/v3/pets?")) return [200, pets];
  if (line === "POST /api/v3/pets HTTP/1.1") return [201, { id: 3, name: "Rex", status: "available" }];
  if (line === "GET /api/v3/pets/404 HTTP/1.1") return [404, { code: 404, message: "no pet 404" }];
  if (line.startsWith("GET /api/v3/pets/1")) return [200, { id: 1, name: "Tom", status: "available" }];
  if (line.startsWith("uploads: PUT ")) return [200, { url: "https://cdn.example/1.png" }];
  return [500, { code: 500, message: `unexpected ${line}` }];
}

/** A loopback server that records each request, its request line prefixed with `host` unless it is the store. */
function recorder(host: string) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const line = `${host}${req.method} ${req.url} HTTP/${req.httpVersion}`;
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      seen.push({ line, headers: req.headers, body: Buffer.concat(chunks).toString("latin1") });
      const [status, body] = answer(line);
      // no keep-alive, so no idle socket outlives the server's timeout between requests
      reply(res, status, body, { connection: "close" });
    });
  };
}

before(async () => {
  srv = await serve(recorder(""));
  uploads = await serve(recorder("uploads: "));
});
after(async () => {
  await srv.close();
  await uploads.close();
  rmSync(dir, { recursive: true, force: true });
});

test("the pet store generates, compiles strictly, and every operation goes out as the spec says", async () => {
  const out = join(dir, "out");
  const result = await generate({ cwd: join(FIXTURES, "petstore"), paths: ["specs"], out });
  assert.deepEqual(result.problems, []);
  assert.ok(
    result.warnings.some((w) => /query parameter "id" .* queryId/.test(w)),
    result.warnings.join("\n"),
  );
  const dts = readFileSync(join(out, "client/petstore.d.ts"), "utf8");
  assert.doesNotMatch(dts, /Matrix/, "no Matrix in a pet store's docs");
  // Docs where people look: summary, rendered description, one line per status, @deprecated.
  const docOf = (name: string) => {
    const at = dts.indexOf(`export declare function ${name}(`);
    return dts.slice(dts.lastIndexOf("/**", at), at);
  };
  const getPetDoc = docOf("getPet");
  assert.match(getPetDoc, /^\/\*\*\n \* One pet\n \*\n \* GET \/api\/v3\/pets\/\{id\} \(`getPet`\)\./);
  const description = " * Looks a pet up by its **id**.\n * A revision `id` may be asked for in the query.\n";
  assert.ok(getPetDoc.includes(description), getPetDoc);
  const statuses = [
    " * - `200` (`GetPetResponse`): The pet",
    " * - `404` (`GetPetResponse404`, the error's `data`): No such pet",
  ];
  assert.ok(getPetDoc.includes(`${statuses.join("\n")}\n`), getPetDoc);
  const uploadDoc = " * PUT https://uploads.petstore.example.com/photos/v1/pets/{id}/photo (`uploadPhoto`). Sent to";
  assert.ok(docOf("uploadPhoto").includes(uploadDoc), docOf("uploadPhoto"));
  const addPetDoc = docOf("addPet");
  assert.match(addPetDoc, / \* @deprecated\n \*\/\n$/);

  copyFileSync(join(FIXTURES, "petstore/main.ts"), join(dir, "main.ts"));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
  assert.deepEqual(typecheck([join(dir, "main.ts")], { ...STRICT, lib: ["lib.es2022.d.ts", "lib.dom.d.ts"] }), []);
  const compilerOptions = { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 };
  const emitted = ts.transpileModule(readFileSync(join(dir, "main.ts"), "utf8"), { compilerOptions });
  writeFileSync(join(dir, "main.js"), emitted.outputText);

  type Main = { main(baseUrl: string, uploadsUrl: string): Promise<string[]> };
  const { main } = (await import(pathToFileURL(join(dir, "main.js")).href)) as Main;
  const results = ["Tom,Kit", "201 Rex", "Tom available", "https://cdn.example/1.png", "404 404 no pet 404"];
  assert.deepEqual(await main(srv.url, uploads.url), results);

  assert.deepEqual(
    seen.map((s) => s.line),
    [
      "GET /api/v3/pets?status=available,sold&created%5Bgte%5D=2024-01-01&created%5Blte%5D=2024-12-31&limit=2 HTTP/1.1",
      "POST /api/v3/pets HTTP/1.1",
      "GET /api/v3/pets/1?id=rev%202 HTTP/1.1",
      "uploads: PUT /photos/v1/pets/1/photo HTTP/1.1",
      "GET /api/v3/pets/404 HTTP/1.1",
    ],
  );
  for (const s of seen) assert.equal(s.headers.authorization, "Bearer t0k3n", s.line);
  assert.equal(seen[0]!.headers["x-request-id"], "req 1");
  assert.equal(seen[1]!.headers["content-type"], "application/json");
  assert.equal(seen[1]!.body, '{"id":3,"name":"Rex"}');
  assert.equal(seen[3]!.headers["content-type"], "image/png");
  assert.equal(seen[3]!.body, "\x89PNG");
  assert.equal(seen[2]!.headers["x-request-id"], undefined);
});
