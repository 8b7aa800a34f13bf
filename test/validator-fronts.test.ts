/**
 * Each validators module is a short front (the `validateX`/`isX`/`assertX` exports) over Ajv's
 * machine-written code in `<module>.ajv.js`, and no spec's module can take that file's name.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { moduleName } from "../generator/model/names.js";
import { ROOT, specgen, tempDir } from "./helpers.js";

const VALIDATORS = join(ROOT, "generated/validators");

/** The import specifiers of a module's code. */
const importsOf = (code: string) => [...code.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]!);

/** The names a `.d.ts` declares as exports. */
const declared = (dts: string) => [...dts.matchAll(/^export declare (?:const|function) (\w+)\b/gm)].map((m) => m[1]!);

/** The fronts of this repository's three specs' validators (one of them as written), with their export count. */
const FRONTS: Array<[string, { ajv: string; runtime: string; targets: number }]> = [
  ["client-server/auth_metadata", { ajv: "./auth_metadata.ajv.js", runtime: "../runtime.js", targets: 1 }],
  [
    "client-server/auth_metadata.as-written",
    { ajv: "./auth_metadata.as-written.ajv.js", runtime: "../runtime.js", targets: 1 },
  ],
  [
    "client-server/definitions/sso_login_flow",
    { ajv: "./sso_login_flow.ajv.js", runtime: "../../runtime.js", targets: 2 },
  ],
];

for (const [module, want] of FRONTS) {
  test(`${module}.js is a short front over its Ajv module: imports, then only the declared exports`, async () => {
    const file = join(VALIDATORS, `${module}.js`);
    const front = readFileSync(file, "utf8");
    // Banner (3), imports (2), a 3-line note, then 3 exports and a blank line per target.
    assert.ok(front.split("\n").length <= 10 + 4 * want.targets, front);
    assert.deepEqual(importsOf(front), [want.runtime, want.ajv]);
    assert.doesNotMatch(front, /\bfunction \w|\bschema\d|\bvalidate\d/, "no Ajv code in the front");
    const names = declared(readFileSync(join(VALIDATORS, `${module}.d.ts`), "utf8")).sort();
    assert.equal(names.length, 3 * want.targets);
    const exports = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    assert.deepEqual(Object.keys(exports).sort(), names);
    // The Ajv module exports only what the front reads: the compiled validateX and the first-error factory.
    const ajv = (await import(pathToFileURL(join(VALIDATORS, `${module}.ajv.js`)).href)) as Record<string, unknown>;
    const validates = names.filter((n) => n.startsWith("validate"));
    assert.deepEqual(Object.keys(ajv).sort(), ["firstErrorValidator", ...validates].sort());
    for (const n of validates) assert.equal(exports[n], ajv[n], `${n} is Ajv's function itself`);
  });
}

/** A 3.1 spec named `name` with one GET (`get<name>`) answering 200 with `content`. */
function oneGet(name: string, content: Record<string, unknown>): string {
  const responses = { "200": { description: "ok", content } };
  const paths = { [`/${name.toLowerCase()}`]: { get: { operationId: `get${name}`, responses } } };
  return JSON.stringify({ openapi: "3.1.0", info: { title: name, version: "1" }, paths });
}

test("moduleName keeps a spec's module from ending in .ajv (or .as-written), as a validators file would", () => {
  const cases: Array<[string, string]> = [
    ["pet.ajv.yaml", "pet.ajv_"],
    ["specs/Pet.AJV.json", "specs/Pet.AJV_"],
    ["pet.as-written.ajv.yaml", "pet.as-written.ajv_"],
    ["pet.ajv.as-written.yaml", "pet.ajv.as-written_"],
    ["ajv.yaml", "ajv"],
    ["pet.ajvx.yaml", "pet.ajvx"],
    ["pet.ajv/x.yaml", "pet.ajv/x"],
  ];
  for (const [given, want] of cases) assert.equal(moduleName(given), want, given);
});

test("a spec named like another's Ajv module gets its own module", () => {
  const dir = tempDir();
  try {
    mkdirSync(join(dir, "specs"));
    const spec = (name: string) => oneGet(name, { "application/json": { schema: { type: "string" } } });
    writeFileSync(join(dir, "specs/pet.json"), spec("Pet"));
    writeFileSync(join(dir, "specs/pet.ajv.json"), spec("Other"));
    const r = specgen(["generate", "specs", "-o", "out"], { cwd: dir });
    assert.equal(r.status, 0, r.stderr);
    const validators = join(dir, "out/validators");
    assert.match(readFileSync(join(validators, "pet.ajv.js"), "utf8"), /^export const validateGetPetResponse = /m);
    assert.match(readFileSync(join(validators, "pet.ajv_.js"), "utf8"), /^export const isGetOtherResponse = /m);
    assert.match(readFileSync(join(validators, "pet.ajv_.ajv.js"), "utf8"), /validateGetOtherResponse/);
    assert.match(r.stderr, /pet\.ajv\.json: its output files are named "pet\.ajv_"/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("moduleName keeps a spec's module and folder off the files and folders the output fills itself", () => {
  const cases: Array<[string, string]> = [
    ["runtime.yaml", "runtime_"],
    ["runtime-media.yaml", "runtime-media_"],
    ["Pointer.json", "Pointer_"],
    ["runtime/send.yaml", "runtime_/send"],
    ["Runtime/a/b.yaml", "Runtime_/a/b"],
    ["runtime-media/x.yaml", "runtime-media/x"],
    ["api/runtime.yaml", "api/runtime"],
    ["api/runtime/send.yaml", "api/runtime/send"],
  ];
  for (const [given, want] of cases) assert.equal(moduleName(given), want, given);
});

test("specs in a folder named runtime, or named runtime-media, do not clash with the client runtime", () => {
  const dir = tempDir();
  try {
    mkdirSync(join(dir, "specs/runtime"), { recursive: true });
    const spec = (name: string) => oneGet(name, { "application/octet-stream": {} });
    writeFileSync(join(dir, "specs/runtime/send.json"), spec("Send"));
    writeFileSync(join(dir, "specs/runtime-media.json"), spec("Media"));
    const r = specgen(["generate", "specs", "-o", "out"], { cwd: dir });
    assert.equal(r.status, 0, r.stderr);
    assert.match(readFileSync(join(dir, "out/client/runtime_/send.js"), "utf8"), /getSend/);
    assert.match(readFileSync(join(dir, "out/client/runtime-media_.js"), "utf8"), /getMedia/);
    assert.doesNotMatch(readFileSync(join(dir, "out/client/runtime/send.js"), "utf8"), /getSend/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
