import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { SHARED, tempDir } from "../helpers.js";
import { typecheck } from "../typecheck.js";

/**
 * Real specs at scale, as published: each generates with no edit, its output type-checks under
 * the strictest consumer settings (test/typecheck.ts STRICT) and its validators and client
 * import. Too slow for `npm test` (minutes of CPU, up to ~1 GB): `npm run test:scale`, run by CI.
 * Each spec's time and peak memory are printed. Sources and licences: test/scale/SOURCES.md.
 */

const SCALE = join(SHARED, "corpus/scale");
const require = createRequire(import.meta.url);
/** The folder of an npm package (a devDependency) holding a published spec. */
const pkg = (name: string) => dirname(require.resolve(`${name}/package.json`));

/** A spec a package ships, read within the package. */
const npmSpec = (name: string, file: string) => ({ spec: join(pkg(name), file), root: pkg(name) });

interface ScaleSpec {
  name: string;
  /** The entry file, and the folder its `$ref`s may read. */
  spec: string;
  root: string;
  /** Most bytes a validators module may have, as a multiple of the spec file's. */
  maxModuleRatio?: number;
}

const SPECS: ScaleSpec[] = [
  { name: "Rebilly", spec: join(SCALE, "rebilly.yaml"), root: SCALE },
  { name: "OpenAI", spec: join(SCALE, "openai.yaml"), root: SCALE },
  {
    name: "DigitalOcean",
    spec: join(SCALE, "digitalocean/DigitalOcean-public.v2.yaml"),
    root: join(SCALE, "digitalocean"),
  },
  { name: "GitHub REST", ...npmSpec("@octokit/openapi", "generated/api.github.com.json") },
  // 261 bodies repeating the same inline objects: each is compiled once (generator/emit/hoist.ts).
  {
    name: "GitHub webhooks",
    ...npmSpec("@octokit/openapi-webhooks", "generated/api.github.com.json"),
    maxModuleRatio: 4,
  },
];

/** What measure.ts prints. */
interface Report {
  ms: number;
  cpuMs: number;
  maxRssMb: number;
  warnings: number;
  problems: string[];
  written: boolean;
}

const MEASURE = join(dirname(fileURLToPath(import.meta.url)), "measure.js");

/** Every declaration file under `dir`. */
function declarations(dir: string): string[] {
  const files = readdirSync(dir, { recursive: true, encoding: "utf8" });
  return files.filter((f) => f.endsWith(".d.ts")).map((f) => join(dir, f));
}

/** The size in bytes of the largest `validators/*.js` under `dir`. */
function largestModule(dir: string): number {
  const modules = readdirSync(join(dir, "validators")).filter((f) => f.endsWith(".js"));
  return Math.max(...modules.map((f) => statSync(join(dir, "validators", f)).size));
}

for (const s of SPECS) {
  test(`${s.name} generates as published, type-checks strictly and imports`, { timeout: 15 * 60_000 }, async (t) => {
    assert.ok(existsSync(s.spec), `${s.spec} is missing (run npm ci; ../shared beside the repo)`);
    const dir = tempDir("specgen-scale-");
    try {
      const out = join(dir, "out");
      const args = ["--max-old-space-size=4096", MEASURE, s.spec, s.root, out];
      const run = spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 64 << 20 });
      assert.equal(run.status, 0, run.stderr);
      const report = JSON.parse(run.stdout.trim().split("\n").pop()!) as Report;
      assert.deepEqual(report.problems, []);
      assert.equal(report.written, true);
      const typing = performance.now();
      assert.deepEqual(typecheck(declarations(out)), []);
      const typeMs = Math.round(performance.now() - typing);
      // A spec of webhooks only has no client (webhooks are requests the API makes).
      const entries = ["validators/index.js", "client/index.js"];
      for (const entry of entries.filter((e) => existsSync(join(out, e)) || e !== "client/index.js")) {
        const module = (await import(pathToFileURL(join(out, entry)).href)) as Record<string, unknown>;
        assert.ok(Object.keys(module).length > 0, entry);
      }
      const ratio = largestModule(out) / statSync(s.spec).size;
      if (s.maxModuleRatio !== undefined) {
        assert.ok(ratio <= s.maxModuleRatio, `the largest validators module is ${ratio.toFixed(2)} times the spec`);
      }
      t.diagnostic(
        `${s.name}: generate ${report.ms} ms (CPU ${report.cpuMs} ms), peak ${report.maxRssMb} MB, ` +
          `${report.warnings} warning line(s); strict type-check ${typeMs} ms; ` +
          `largest validators module ${ratio.toFixed(2)} times the spec`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
