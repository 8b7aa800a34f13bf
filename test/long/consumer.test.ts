import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { FIXTURES, ROOT, tempDir } from "../helpers.js";
import { typecheck } from "../typecheck.js";
import { startHomeserver, type Homeserver } from "../servers/homeserver.js";

const npm = (args: string[], cwd: string) =>
  execFileSync("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], { cwd, encoding: "utf8" });
const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );

let hs: Homeserver;
before(async () => {
  hs = await startHomeserver();
});
after(() => hs.close());

test("the generated package installs from its tarball, type-checks (node16 and bundler resolution), runs", async () => {
  const dir = tempDir("specgen-consumer-");
  const tgz = npm(["pack", join(ROOT, "generated"), "--pack-destination", dir], dir)
    .trim()
    .split("\n")
    .pop()!;
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  npm(["install", "--offline", join(dir, tgz)], dir);
  cpSync(join(FIXTURES, "consumer-package/main.ts"), join(dir, "main.ts"));
  const base = {
    strict: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    target: ts.ScriptTarget.ES2022,
    types: [],
    lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
  };
  assert.deepEqual(
    typecheck([join(dir, "main.ts")], {
      ...base,
      module: ts.ModuleKind.Node16,
      moduleResolution: ts.ModuleResolutionKind.Node16,
      noEmit: true,
    }),
    [],
    "node16",
  );
  assert.deepEqual(
    typecheck([join(dir, "main.ts")], {
      ...base,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      noEmit: true,
    }),
    [],
    "bundler",
  );
  const program = ts.createProgram([join(dir, "main.ts")], {
    ...base,
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
    outDir: dir,
  });
  assert.equal(program.emit().emitSkipped, false);
  hs.set("synapse");
  const { main } = (await import(pathToFileURL(join(dir, "main.js")).href)) as {
    main(baseUrl: string): Promise<string[]>;
  };
  // /no-oauth/... is answered with 404 M_UNRECOGNIZED by the stand-in.
  assert.deepEqual(await main(hs.url), [
    "https://account.example.com/",
    "1",
    "false",
    "/_matrix/client/v3/login/sso/redirect/a%2Fb",
    "M_UNRECOGNIZED",
  ]);
});

test("another repo installs the toolkit from its tarball and generates its own client with the CLI and the API", () => {
  const dir = tempDir("specgen-toolkit-");
  const packed = JSON.parse(npm(["pack", ROOT, "--pack-destination", dir, "--json", "--ignore-scripts"], dir))[0];
  const tgz = packed.filename as string;
  assert.ok(
    (packed.files as Array<{ path: string }>).every((f) =>
      /^(dist\/generator\/|package\.json|README\.md|specgen\.config\.schema\.json|LICENSE)/.test(f.path),
    ),
    "the toolkit package ships its compiled generator and config schema only",
  );
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "other-repo", private: true, type: "module" }));
  npm(["install", "--prefer-offline", join(dir, tgz)], dir);
  cpSync(join(FIXTURES, "toolkit-project"), dir, { recursive: true });
  const bin = join(dir, "node_modules/.bin/specgen");
  const lint = spawnSync(bin, ["lint", "specs"], { cwd: dir, encoding: "utf8" });
  assert.equal(lint.status, 0, lint.stdout + lint.stderr);
  const cli = spawnSync(bin, ["generate"], { cwd: dir, encoding: "utf8" });
  assert.equal(cli.status, 0, cli.stderr);
  assert.match(cli.stderr, /1 spec\(s\), 1 operation\(s\)/);
  const api = JSON.parse(execFileSync(process.execPath, ["api.mjs"], { cwd: dir, encoding: "utf8" }));
  assert.deepEqual(api, { errors: 0, files: walk(join(dir, "generated")).length, problems: 0, written: true });
  for (const f of walk(join(dir, "generated"))) {
    assert.equal(
      readFileSync(f.replace(`${join(dir, "generated")}`, join(dir, "generated-api")), "utf8"),
      readFileSync(f, "utf8"),
      "CLI and API give the same files",
    );
  }
  assert.deepEqual(typecheck([join(dir, "use.ts")]), []);
});
