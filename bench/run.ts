// `npm run bench` (`npm run bench -- --quick` for development): every row of issue #21 (and the
// GitHub REST rows of #18 item 5), measured in this one process with contenders run alternately,
// printed as one Markdown table and written as JSON to bench/results/ (gitignored).
// Not a test: nothing here asserts, and no test reads a timing.
import { join } from "node:path";
import { clientSizes, clientThroughput } from "./client.js";
import { CORPUS, createBench, removeBench, type Bench } from "./context.js";
import { incrementalRows } from "./incremental.js";
import { clientServerFiles, LINT_TARGET, LINT_TARGET_18, lintRows, mainLintRow, quickSubset } from "./lint.js";
import { GITHUB_REST, pipelineRows, SCALE_SPECS, smallGenerateRows } from "./pipeline.js";
import { notRun, table, writeResults, type Row } from "./table.js";
import { coldRows, sdkRows } from "./validators.js";
import { fieldValidatorRows } from "./validators-field.js";

type Step = [name: string, item: number, run: () => Row[] | Promise<Row[]>];

function lintSteps(b: Bench): Step[] {
  const cs = join(CORPUS, "matrix-spec/data/api/client-server");
  const all = clientServerFiles(cs);
  const files = b.quick ? quickSubset(all) : all;
  const label = `${b.quick ? `${files.length} of the ` : ""}${all.length} client-server files`;
  const targets = [LINT_TARGET, LINT_TARGET_18];
  const github = () =>
    b.quick
      ? targets.map((t) => notRun(2, mainLintRow(GITHUB_REST.label, t.issue), t.target, "not run (--quick)"))
      : lintRows(b, 2, { label: GITHUB_REST.label, files: [GITHUB_REST.entry], maxRuns: 2, large: true, targets });
  return [
    ["lint, client-server files", 2, () => lintRows(b, 2, { label, files, maxRuns: 5, targets: [LINT_TARGET] })],
    ["lint, GitHub REST", 2, github],
  ];
}

function steps(b: Bench): Step[] {
  const cs = join(CORPUS, "matrix-spec/data/api/client-server");
  return [
    ...SCALE_SPECS.map((s): Step => [`pipeline, ${s.label}`, 1, () => pipelineRows(b, s)]),
    ["generate, small specs", 1, () => smallGenerateRows(b, clientServerFiles(cs), cs)],
    ...lintSteps(b),
    ["incremental generate", 3, () => incrementalRows(b)],
    ["validators vs Zod and Ajv", 4, () => fieldValidatorRows(b)],
    ["validators, cold start", 4, () => coldRows(b.runs, b.scratch("cold"))],
    ["validators vs matrix-js-sdk", 4, () => sdkRows(b.runs)],
    ["client size", 5, () => clientSizes(b.root)],
    ["client throughput", 5, () => clientThroughput(b.root, b.runs, b.quick ? 300 : 1000)],
  ];
}

/**
 * Runs each step, printing its rows as it ends (a full run takes long; what is done shows). A
 * step that throws (a contender exiting non-zero, a missing file) becomes one row saying so, and
 * the rest still run.
 */
async function measure(b: Bench): Promise<Row[]> {
  const rows: Row[] = [];
  for (const [name, item, step] of steps(b).filter(([name]) => b.only === undefined || name.includes(b.only))) {
    const started = performance.now();
    let got: Row[];
    try {
      got = await step();
    } catch (e) {
      const message = (e instanceof Error ? e.message : String(e)).split("\n")[0]!.slice(0, 200);
      got = [notRun(item, name, undefined, `failed: ${message}`)];
    }
    rows.push(...got);
    const seconds = ((performance.now() - started) / 1000).toFixed(0);
    console.log(`${name} (${seconds} s):\n${table(got).split("\n").slice(2).join("\n")}`);
  }
  return rows;
}

const b = createBench(process.argv.slice(2), process.env);
console.log(
  `specgen bench${b.quick ? " --quick" : ""}: ${b.runs} alternating runs per pair (fewer on large specs), ` +
    `medians; node ${process.version}`,
);
try {
  const rows = await measure(b);
  const file = join(b.root, "bench/results", b.quick ? "quick.json" : "full.json");
  const mode = b.quick ? "quick" : "full";
  writeResults(file, { mode, runs: b.runs, node: process.version, date: new Date().toISOString(), rows });
  console.log(`\n${table(rows)}\n\n(written to ${file})`);
} finally {
  removeBench(b);
}
