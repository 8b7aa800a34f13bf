import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { generate } from "../generator/generate.js";
import { FIXTURES, ROOT, tempDir } from "./helpers.js";
import { typecheck } from "./typecheck.js";
import { validateHere } from "./validate-helpers.js";

/** Named component models: names, warnings, the package's exports, `specgen validate spec#X`. */
const SCENARIO = join(FIXTURES, "snapshots/components");

/** The model's names for one spec file (written as JSON), and the run's warnings. */
interface Names {
  types: string[];
  functions: string[];
  warnings: string[];
}

async function namesOf(file: string, doc: unknown): Promise<Names> {
  const dir = tempDir();
  try {
    const path = join(dir, "specs", file);
    mkdirSync(join(dir, "specs"), { recursive: true });
    writeFileSync(path, JSON.stringify(doc));
    const result = await generate({ cwd: dir, paths: [path], dryRun: true, config: { emit: ["types"] } });
    assert.deepEqual(
      result.problems.map((p) => p.message),
      [],
    );
    const spec = result.model.specs[0]!;
    const ops = spec.operations.flatMap((op) => [
      ...op.responseTypes.map((r) => r.name),
      ...(op.parameters.length ? [`${op.typeName}Params`] : []),
    ]);
    const types = [...spec.schemas.map((s) => s.name), ...ops];
    return { types, functions: spec.operations.map((op) => op.name), warnings: result.warnings };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const json = (schema: unknown) => ({ description: "ok", content: { "application/json": { schema } } });
const api = (schemas: Record<string, unknown>, paths: Record<string, unknown> = {}) => ({
  openapi: "3.1.0",
  info: { title: "t", version: "1" },
  paths,
  components: { schemas },
});
const idParam = { name: "id", in: "path", required: true, schema: { type: "string" } };
const getPet = () => ({
  "/pets/{id}": { get: { operationId: "getPet", parameters: [idParam], responses: { 200: json({ type: "object" }) } } },
});

interface NamingCase {
  case: string;
  file: string;
  doc: unknown;
  types: string[];
  functions?: string[];
  warnings: RegExp[];
}

const NAMING: NamingCase[] = [
  {
    case: "a component keeps its name; the operation's response is renamed",
    file: "a.json",
    doc: api({ GetPetResponse: { type: "string" } }, getPet()),
    types: ["GetPetResponse", "GetPetResponse2", "GetPetParams"],
    functions: ["getPet"],
    warnings: [/response 200 of "getPet": name GetPetResponse is taken by component "GetPetResponse"; using \w+2$/],
  },
  {
    case: "a component named like the operation does not rename its function",
    file: "b.json",
    doc: api({ GetPet: { type: "string" } }, getPet()),
    types: ["GetPet", "GetPetResponse", "GetPetParams"],
    functions: ["getPet"],
    warnings: [],
  },
  {
    case: "a component named like an operation's parameter type moves the operation's names",
    file: "c.json",
    doc: api({ GetPetParams: { type: "string" } }, getPet()),
    types: ["GetPetParams", "GetPet2Response", "GetPet2Params"],
    functions: ["getPet2"],
    warnings: [/operation "getPet": name GetPet is taken by component "GetPetParams"; using GetPet2/],
  },
  {
    case: "output names get the _ rule; PascalCase makes others free",
    file: "d.json",
    doc: api({ Result: { type: "string" }, paths: { type: "string" }, components: { type: "string" } }),
    types: ["Result_", "Paths", "Components"],
    warnings: [/component "Result" is not a free identifier; its type is Result_/],
  },
  {
    case: "components differing only in case: the one written as its name keeps it",
    file: "e.json",
    doc: api({ tag: { type: "string" }, Tag: { type: "object" } }),
    types: ["Tag2", "Tag"],
    warnings: [/component "tag": name Tag is taken by component "Tag"; using Tag2/],
  },
  {
    case: "hostile keys: named by their identifier characters, never a prototype key or comment end",
    file: "f.json",
    doc: api({ ["__proto__"]: { type: "string" }, "*/ x = 1; /*": { type: "string" }, "9lives": { type: "string" } }),
    types: ["Proto", "X1", "_9lives"],
    warnings: [/component "9lives" is not a free identifier; its type is _9lives/],
  },
  {
    case: "a bare schema's title names it; its $defs keep their names, an item takes another",
    file: "owner_file.json",
    doc: {
      title: "Owner",
      type: "object",
      properties: { pets: { type: "array", items: { type: "object" } } },
      $defs: { Pet: { type: "string" } },
    },
    types: ["Owner", "Pet", "Pet2"],
    warnings: [/items of property "pets": name Pet is taken by component "Pet"; using Pet2/],
  },
  {
    case: "a title that is no identifier leaves the file name",
    file: "owner_file.json",
    doc: { title: "An owner", type: "object" },
    types: ["OwnerFile"],
    warnings: [],
  },
];

for (const c of NAMING) {
  test(`component naming: ${c.case}`, async () => {
    const got = await namesOf(c.file, c.doc);
    assert.deepEqual(got.types, c.types);
    if (c.functions) assert.deepEqual(got.functions, c.functions);
    for (const w of c.warnings)
      assert.ok(
        got.warnings.some((m) => w.test(m)),
        `want ${w}: ${got.warnings.join("\n")}`,
      );
    if (!c.warnings.length)
      assert.deepEqual(
        got.warnings.filter((m) => /component|title|taken/.test(m)),
        [],
      );
  });
}

/** The scenario's package generated into `<dir>/node_modules/petpkg`, openapi-fetch linked beside it. */
async function installed(dir: string): Promise<string> {
  const pkg = join(dir, "node_modules/petpkg");
  const config = { package: { name: "petpkg" } } as never;
  const result = await generate({ cwd: SCENARIO, out: pkg, force: true, config });
  assert.ok(result.written);
  symlinkSync(join(ROOT, "node_modules/openapi-fetch"), join(dir, "node_modules/openapi-fetch"), "dir");
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "consumer", type: "module", private: true }));
  return pkg;
}

test("a consumer imports Pet and isPet from the package, and openapi-fetch works with the spec's paths", async () => {
  const dir = tempDir();
  const server = createServer((req, res) => {
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify(req.url === "/pets/7" ? { pet: { name: "Rex", status: "sold" } } : { message: "no" }));
  });
  try {
    await installed(dir);
    const consumer = join(dir, "consumer.ts");
    writeFileSync(
      consumer,
      [
        `import type { Pet, PetStatus, GetPetResponse, Toy } from "petpkg/types";`,
        `import { isPet, assertPet, validatePet, isGetPetResponse, isToy } from "petpkg/validators";`,
        `import type { paths, components } from "petpkg/types/petstore";`,
        `import createClient from "openapi-fetch";`,
        `const status: PetStatus = "sold";`,
        `export function named(value: unknown): Pet | undefined {`,
        `  if (isPet(value)) return value;`,
        `  return undefined;`,
        `}`,
        `export function checked(value: unknown): string { assertPet(value); return value.name; }`,
        `export const toy: Toy = "ball";`,
        `export const verdicts = (v: unknown): boolean[] => [isPet(v), validatePet(v), isGetPetResponse(v), isToy(v)];`,
        `export async function fetchPet(baseUrl: string): Promise<GetPetResponse | undefined> {`,
        `  const client = createClient<paths>({ baseUrl });`,
        `  const { data } = await client.GET("/pets/{id}", { params: { path: { id: "7" } } });`,
        `  const pet: components["schemas"]["Pet"] | undefined = data?.pet;`,
        `  return pet ? { pet: { ...pet, status } } : undefined;`,
        `}`,
        "",
      ].join("\n"),
    );
    assert.deepEqual(typecheck([consumer]), [], "the consumer type-checks under the strict settings");
    // Where the component's type is not the value's: the compiler says so.
    const wrong = join(dir, "wrong.ts");
    writeFileSync(wrong, `import type { Pet } from "petpkg/types";\nexport const p: Pet = { name: 1 };\n`);
    assert.match(typecheck([wrong]).join("\n"), /wrong\.ts:2: Type 'number' is not assignable to type 'string'/);

    const compilerOptions = { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 };
    const js = ts.transpileModule(ts.sys.readFile(consumer)!, { compilerOptions }).outputText;
    writeFileSync(join(dir, "consumer.js"), js);
    const mod = (await import(pathToFileURL(join(dir, "consumer.js")).href)) as {
      verdicts: (v: unknown) => boolean[];
      checked: (v: unknown) => string;
      fetchPet: (baseUrl: string) => Promise<unknown>;
    };
    assert.deepEqual(mod.verdicts({ name: "Rex" }), [true, true, false, false]);
    assert.deepEqual(mod.verdicts({ name: "" }), [false, false, false, false]);
    assert.deepEqual(mod.verdicts("ball"), [false, false, false, true]);
    assert.throws(() => mod.checked({ name: "Rex", status: "lost" }), /status/);
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    const { port } = server.address() as { port: number };
    assert.deepEqual(await mod.fetchPet(`http://127.0.0.1:${port}`), { pet: { name: "Rex", status: "sold" } });
  } finally {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("specgen validate spec#Pet accepts component names, as exported and as written", async () => {
  const dir = tempDir();
  try {
    const good = join(dir, "good.json");
    const bad = join(dir, "bad.json");
    writeFileSync(good, JSON.stringify({ name: "Rex" }));
    writeFileSync(bad, JSON.stringify({ name: "" }));
    const spec = join(SCENARIO, "specs/petstore.yaml");
    const pass = await validateHere(["validate", `${spec}#Pet`, good], { cwd: SCENARIO });
    assert.equal(pass.status, 0, pass.stderr);
    const fail = await validateHere(["validate", `${spec}#Pet`, bad], { cwd: SCENARIO });
    assert.equal(fail.status, 1, fail.stderr);
    assert.match(fail.stdout, /bad\.json:1:\d+: \/name .*fewer than 1 character/);
    const status = join(dir, "status.json");
    writeFileSync(status, JSON.stringify("lost"));
    // By the key as written (`pet_status`) and by its type name (`PetStatus`).
    for (const selector of ["pet_status", "PetStatus"]) {
      const run = await validateHere(["validate", `${spec}#${selector}`, status], { cwd: SCENARIO });
      assert.equal(run.status, 1, `${selector}: ${run.stderr}`);
      assert.match(run.stdout, /must be equal to one of the allowed values/);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
