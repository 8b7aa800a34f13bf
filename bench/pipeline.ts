// Item 1 of issue #21: specgen's full pipeline (types, validators, client) against
// openapi-typescript writing types alone, whole processes: wall time and peak memory.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Bench } from "./context.js";
import { CORPUS, ROOT } from "./context.js";
import { compare, median, timeAndPeak, timeCommand } from "./measure.js";
import { fmt, notRun, row, type Row, type Target } from "./table.js";

type Measured = { ms: number; mb: number };

const AT_MOST_1: Target = { op: "<=", bound: 1.0, unit: "x" };

/** A large spec: its entry file, the folder `$ref`s may not leave, and how many runs it gets. */
export interface LargeSpec {
  label: string;
  entry: string;
  root: string;
  /** At most this many alternating runs (a GitHub REST generate takes minutes on 2 cores). */
  maxRuns: number;
}

const octokit = join(ROOT, "node_modules/@octokit/openapi");

/** GitHub's REST API as published on npm (13 MB, 1,223 operations), the largest spec at hand. */
export const GITHUB_REST: LargeSpec = {
  label: "GitHub REST (13 MB, 1,223 operations)",
  entry: join(octokit, "generated/api.github.com.json"),
  root: octokit,
  maxRuns: 2,
};

export const SCALE_SPECS: readonly LargeSpec[] = [
  {
    label: "rebilly.yaml (638 operations)",
    entry: join(CORPUS, "scale/rebilly.yaml"),
    root: join(CORPUS, "scale"),
    maxRuns: 5,
  },
  {
    label: "DigitalOcean (2,034 files)",
    entry: join(CORPUS, "scale/digitalocean/DigitalOcean-public.v2.yaml"),
    root: join(CORPUS, "scale/digitalocean"),
    maxRuns: 3,
  },
  GITHUB_REST,
];

/**
 * The Redocly config given to openapi-typescript: its default rules stop on rebilly.yaml (an
 * `enum` holding integers under `type: string`: that rule off) and on GitHub REST (Redocly's
 * `struct` rule wants a `type` beside each 3.0 `nullable`, issue #18 item 1: `struct` kept as a
 * warning, so the check still runs), so the baseline runs `minimal` so adjusted: a run that
 * writes the types (as in ../shared/corpus/scale/SOURCE.md).
 */
function otsConfig(b: Bench): string {
  const file = join(b.scratch("ots-config"), "redocly.yaml");
  writeFileSync(file, "extends:\n  - minimal\nrules:\n  no-enum-type-mismatch: off\n  struct: warn\n");
  return file;
}

/** Wall and peak RSS of two commands, `n` alternating runs each (no warm-up: each run is long). */
function alternateRuns(n: number, a: () => Measured, b: () => Measured) {
  const ra: Measured[] = [];
  const rb: Measured[] = [];
  for (let i = 0; i < n; i++) {
    ra.push(a());
    rb.push(b());
  }
  const med = (xs: Measured[], k: keyof Measured) => median(xs.map((x) => x[k]));
  return { a: { ms: med(ra, "ms"), mb: med(ra, "mb") }, b: { ms: med(rb, "ms"), mb: med(rb, "mb") } };
}

/** Time and memory rows of one large spec against openapi-typescript's CLI, from the same runs. */
export function largeSpecRows(b: Bench, item: number, spec: LargeSpec): Row[] {
  const out = b.scratch("large");
  const ours = [b.specgen, "generate", spec.entry, "-o", join(out, "specgen"), "--force", "--root", spec.root];
  const ots = join(b.root, "node_modules/openapi-typescript/bin/cli.js");
  const theirs = [ots, spec.entry, "-o", join(out, "ots.d.ts"), "--redocly", otsConfig(b)];
  const n = Math.min(b.runs, spec.maxRuns);
  const r = alternateRuns(
    n,
    () => timeAndPeak(b.node, ours, b.root),
    () => timeAndPeak(b.node, theirs, b.root),
  );
  const what = "full pipeline vs openapi-typescript CLI (types only)";
  const runs = `median of ${n}`;
  return [
    row({
      item,
      row: `${spec.label}: ${what}, wall`,
      value: r.a.ms / r.b.ms,
      unit: "x",
      measured: `${fmt(r.a.ms, "ms")}, ${runs}`,
      anchor: `openapi-typescript ${fmt(r.b.ms, "ms")}`,
      target: AT_MOST_1,
    }),
    row({
      item,
      row: `${spec.label}: ${what}, peak RSS`,
      value: r.a.mb / r.b.mb,
      unit: "x",
      measured: `${fmt(r.a.mb, "MB")}, ${runs}`,
      anchor: `openapi-typescript ${fmt(r.b.mb, "MB")}`,
      target: AT_MOST_1,
    }),
  ];
}

/** One large spec's rows, or the same rows marked not run under --quick (the table keeps them). */
export function pipelineRows(b: Bench, spec: LargeSpec): Row[] {
  if (!b.quick) return largeSpecRows(b, 1, spec);
  const what = `${spec.label}: full pipeline vs openapi-typescript CLI (types only)`;
  return ["wall", "peak RSS"].map((k) => notRun(1, `${what}, ${k}`, AT_MOST_1, "not run (--quick)"));
}

/**
 * Reported rows kept from the first bench: this repository's three specs against one
 * openapi-typescript call, and types alone for the 72 client-server files against
 * openapi-typescript's Node API called once per file in one process (bench/ots-loop.ts).
 */
export function smallGenerateRows(b: Bench, files: string[], csDir: string): Row[] {
  const names = [
    "specs/ (3 specs): full pipeline vs ONE openapi-typescript call on auth_metadata.yaml, wall",
    "72 client-server files: types only vs openapi-typescript Node API in a loop, wall",
  ] as const;
  if (b.quick) return names.map((n) => notRun(1, n, undefined, "not run (--quick)"));
  const out = b.scratch("small");
  const ots = join(b.root, "node_modules/openapi-typescript/bin/cli.js");
  const a = compare(
    b.runs,
    () => timeCommand(b.node, [b.specgen, "generate", "specs", "-o", join(out, "a"), "--force"], b.root),
    () => timeCommand(b.node, [ots, "specs/client-server/auth_metadata.yaml", "-o", join(out, "a.d.ts")], b.root),
  );
  const t = compare(
    b.runs,
    () =>
      timeCommand(
        b.node,
        [b.specgen, "generate", ...files, "-o", join(out, "b"), "--force", "--emit", "types"],
        b.root,
      ),
    () => timeCommand(b.node, [join(b.root, "dist/bench/ots-loop.js"), csDir], b.root),
  );
  return [
    ...[a, t].map((r, i) =>
      row({
        item: 1,
        row: names[i]!,
        value: r.ratio,
        unit: "x",
        measured: fmt(r.a, "ms"),
        anchor: `openapi-typescript ${fmt(r.b, "ms")}`,
      }),
    ),
  ];
}
