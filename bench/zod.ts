// The Zod contender of the validator bench: `@hey-api/openapi-ts` with its `zod` plugin writes a
// `zod.gen.ts` per spec into a scratch folder (one run for all the specs, as its CLI takes several
// inputs); esbuild turns them into ES modules sharing one copy of zod (resolved from this
// repository's node_modules), which the bench imports.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import type { Bench } from "./context.js";

export interface ZodSchema {
  safeParse(value: unknown): { success: boolean };
}

/** Generates, bundles and imports the Zod schemas of each spec: per spec, the module's exports. */
export async function zodSchemas(b: Bench, specs: readonly string[]): Promise<Array<Record<string, ZodSchema>>> {
  const dir = b.scratch("zod");
  const cli = join(b.root, "node_modules/@hey-api/openapi-ts/bin/run.js");
  const outs = specs.map((_, i) => join(dir, "gen", String(i)));
  const args = [cli, "-i", ...specs, "-o", ...outs, "-p", "zod", "-s", "--no-log-file"];
  const r = spawnSync(b.node, args, { cwd: dir, encoding: "utf8", maxBuffer: 64 << 20 });
  if (r.status !== 0) {
    const what = specs.length === 1 ? specs[0] : `${specs.length} specs`;
    throw new Error(`@hey-api/openapi-ts on ${what} exited with ${r.status ?? r.signal}:\n${r.stderr.slice(-2000)}`);
  }
  await build({
    entryPoints: outs.map((o, i) => ({ in: join(o, "zod.gen.ts"), out: String(i) })),
    outdir: join(dir, "bundle"),
    outExtension: { ".js": ".mjs" },
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    nodePaths: [join(b.root, "node_modules")],
    logLevel: "silent",
  });
  const load = (i: number) => import(pathToFileURL(join(dir, "bundle", `${i}.mjs`)).href);
  return (await Promise.all(specs.map((_, i) => load(i)))) as Array<Record<string, ZodSchema>>;
}
