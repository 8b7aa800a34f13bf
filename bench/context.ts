// What every bench module is given: where things are, how many repeats, and a scratch folder
// that run.ts removes at the end (also after a failure).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export interface Bench {
  /** The repository (bench runs from dist/bench). */
  root: string;
  /** `--quick`: fewer repeats, small inputs only (for development; figures are rougher). */
  quick: boolean;
  /** Alternating runs per pair of contenders (medians are reported). */
  runs: number;
  /** `--only <text>`: run only the steps whose name contains it (e.g. `--only "GitHub REST"`). */
  only: string | undefined;
  node: string;
  /** dist/generator/cli.js */
  specgen: string;
  /** Scratch folder for outputs and generated contenders, removed when the bench ends. */
  tmp: string;
  /** A fresh folder inside `tmp`. */
  scratch(name: string): string;
}

export const ROOT = resolve(import.meta.dirname, "../..");
export const CORPUS = resolve(ROOT, "../shared/corpus");

export function createBench(argv: readonly string[], env: NodeJS.ProcessEnv): Bench {
  const quick = argv.includes("--quick");
  const runs = Number(env.BENCH_RUNS ?? (quick ? 3 : 7));
  if (!Number.isInteger(runs) || runs < 1) {
    throw new Error(`BENCH_RUNS must be a positive integer, not ${env.BENCH_RUNS}`);
  }
  const at = argv.indexOf("--only");
  const only = at >= 0 ? argv[at + 1] : undefined;
  if (at >= 0 && !only) throw new Error("--only needs the text of a step's name, e.g. --only lint");
  const tmp = mkdtempSync(join(tmpdir(), "specgen-bench-"));
  return {
    root: ROOT,
    quick,
    runs,
    only,
    node: process.execPath,
    specgen: join(ROOT, "dist/generator/cli.js"),
    tmp,
    scratch: (name) => mkdtempSync(join(tmp, `${name}-`)),
  };
}

export function removeBench(b: Bench): void {
  rmSync(b.tmp, { recursive: true, force: true });
}
