// Typed errors for status ranges and `default`: `4XX`, `5xx` and `default` responses with a JSON
// body join `<Op>Error` (status `number`, beside the literal of an exact `404`), the guard accepts
// them, and the runtime validates a range or default error body against its own schema (an exact
// status first, then its range, then `default`; never a 2xx against `default`). Checked against a
// loopback server that answers each request with the status and body the test asks for.
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

before(async () => {
  // `/answer/<status>?body=<json>`: that status with that body
  srv = await serve((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const status = Number(url.pathname.split("/").at(-1));
    reply(res, status, JSON.parse(url.searchParams.get("body") ?? "null"), { connection: "close" });
  });
  mkdirSync(join(dir, "specs"), { recursive: true });
  writeFileSync(join(dir, "specs/ranges.yaml"), SPEC);
  const result = await generate({ cwd: dir, paths: ["specs"], out });
  assert.deepEqual(result.problems, []);
});
after(async () => {
  await srv.close();
  rmSync(dir, { recursive: true, force: true });
});

const json = (schema: string) => `{ description: d, content: { application/json: { schema: ${schema} } } }`;
const SPEC = `openapi: 3.1.0
info: { title: Ranges, version: "1" }
paths:
  /thing/{status}:
    parameters: [{ name: status, in: path, required: true, schema: { type: integer } }]
    get:
      operationId: getThing
      parameters: [{ name: body, in: query, schema: { type: string } }]
      responses:
        "200": ${json("{ type: object }")}
        "404": ${json(`{ type: object, required: [code, message],
          properties: { code: { type: integer }, message: { type: string } } }`)}
        "4XX": ${json("{ type: object, required: [problem], properties: { problem: { type: string } } }")}
        "5xx": ${json("{ type: object, required: [retry], properties: { retry: { type: integer } } }")}
        default: ${json("{ type: object, required: [error], properties: { error: { type: string } } }")}
  /other/{status}:
    parameters: [{ name: status, in: path, required: true, schema: { type: integer } }]
    get:
      operationId: getOther
      parameters: [{ name: body, in: query, schema: { type: string } }]
      responses:
        "200": ${json("{ type: object }")}
        "404": { description: no body declared }
        5XX: { description: no body declared }
        default: ${json("{ type: object, required: [error], properties: { error: { type: string } } }")}
`;

interface Thrown {
  name: string;
  status: number;
  data?: unknown;
}
type Stub = (client: { baseUrl: string }, params: { status: number; body: string }) => Promise<{ status: number }>;
type Guard = (error: unknown) => boolean;

async function load(): Promise<Record<string, Stub & Guard>> {
  return (await import(pathToFileURL(join(out, "client/ranges.js")).href)) as Record<string, Stub & Guard>;
}

/** What a call answered with `status` and `body` throws (or `ok <status>`), and whether the guard takes it. */
async function outcome(op: "getThing" | "getOther", status: number, body: unknown): Promise<[string, number, boolean]> {
  const client = await load();
  const guard = op === "getThing" ? client.isGetThingError! : client.isGetOtherError!;
  try {
    const res = await client[op]!({ baseUrl: srv.url }, { status, body: JSON.stringify(body) });
    return ["ok", res.status, false];
  } catch (error) {
    return [(error as Thrown).name, (error as Thrown).status, guard(error)];
  }
}

test("a range or default error body is validated against its schema; an exact status comes first", async () => {
  const cases: Array<[Parameters<typeof outcome>, [string, number, boolean]]> = [
    [
      ["getThing", 404, { code: 1, message: "gone" }],
      ["HttpError", 404, true],
    ],
    [
      ["getThing", 404, { problem: "not the 404 shape" }],
      ["ResponseValidationError", 404, false],
    ],
    [
      ["getThing", 418, { problem: "teapot" }],
      ["HttpError", 418, true],
    ],
    [
      ["getThing", 418, { code: 1, message: "the 404 shape, not 4XX's" }],
      ["ResponseValidationError", 418, false],
    ],
    [
      ["getThing", 503, { retry: 5 }],
      ["HttpError", 503, true],
    ],
    [
      ["getThing", 503, { retry: "soon" }],
      ["ResponseValidationError", 503, false],
    ],
    [
      ["getThing", 200, { anything: true }],
      ["ok", 200, false],
    ],
    [
      ["getOther", 422, { error: "boom" }],
      ["HttpError", 422, true],
    ],
    [
      ["getOther", 409, { error: 42 }],
      ["ResponseValidationError", 409, false],
    ],
    // `default` describes no 2xx the client types: a 201 is not checked against it
    [
      ["getOther", 201, { error: 42 }],
      ["ok", 201, false],
    ],
    // a status (or range) declared without a body is neither checked against nor typed as `default`
    [
      ["getOther", 404, { error: 42 }],
      ["HttpError", 404, false],
    ],
    [
      ["getOther", 404, ""],
      ["HttpError", 404, false],
    ],
    [
      ["getOther", 503, { other: true }],
      ["HttpError", 503, false],
    ],
  ];
  for (const [args, expected] of cases) assert.deepEqual(await outcome(...args), expected, JSON.stringify(args));
});

test("the error's data is the parsed body", async () => {
  const client = await load();
  const params = { status: 429, body: '{"problem":"slow down"}' };
  const error = await client.getThing!({ baseUrl: srv.url }, params).catch((e: unknown) => e);
  assert.deepEqual((error as Thrown).data, { problem: "slow down" });
});

test("<Op>Error has a member per range and default, status number, beside the literal 404; it narrows strictly", () => {
  const js = readFileSync(join(out, "client/ranges.js"), "utf8");
  const validate = [
    "200: validateGetThingResponse",
    "404: validateGetThingResponse404",
    '"4XX": validateGetThingResponse4XX',
    '"5XX": validateGetThingResponse5xx',
    '"default": validateGetThingResponsedefault',
  ];
  assert.ok(js.includes(`validate: { ${validate.join(", ")} }, statuses: statusKeys`), js);
  assert.match(js, /isGetThingError = \(error\) => isStatusError\(error, \[404, "4XX", "5XX", "default"\]\)/);
  const dts = readFileSync(join(out, "client/ranges.d.ts"), "utf8");
  const other = '200: validateGetOtherResponse, "default": validateGetOtherResponsedefault, 404: null, "5XX": null';
  assert.ok(js.includes(`validate: { ${other} }`), js);
  assert.ok(js.includes('isGetOtherError = (error) => isStatusError(error, ["default"], [404, "5XX"]);'), js);
  const type = dts.split("\n").find((l) => l.startsWith("export type GetThingError ="));
  assert.equal(
    type,
    "export type GetThingError = " +
      [
        "(HttpError & { readonly status: 404; readonly data: GetThingResponse404 })",
        "(HttpError & { readonly status: number; readonly data: GetThingResponse4XX })",
        "(HttpError & { readonly status: number; readonly data: GetThingResponse5xx })",
        "(HttpError & { readonly status: number; readonly data: GetThingResponsedefault })",
      ].join(" | ") +
      ";",
  );
  const usage = join(dir, "usage.ts");
  writeFileSync(
    usage,
    `import { getOther, isGetOtherError, isGetThingError } from "./out/client/index.js";
import type { GetThingError } from "./out/client/index.js";
export function message(e: unknown): string | number | undefined {
  if (isGetThingError(e)) {
    const known: GetThingError = e;
    if (known.status === 404 && "message" in known.data) return known.data.message;
    return known.status;
  }
  if (isGetOtherError(e)) return e.data.error;
  return undefined;
}
export const call = () => getOther({ baseUrl: "http://x" }, { status: 1 });
`,
  );
  assert.deepEqual(typecheck([usage]), []);
});
