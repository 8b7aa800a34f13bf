// Item 3 of issue #21: incremental generation, whole processes.
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Bench } from "./context.js";
import { CORPUS } from "./context.js";
import { median, timeCommand } from "./measure.js";
import { clientServerFiles, quickSubset } from "./lint.js";
import { fmt, row, type Row } from "./table.js";

/** No-op: this repository's specs, unchanged since the last run into the same folder. */
function noopRow(b: Bench): Row {
  const out = join(b.scratch("noop"), "out");
  const run = () => timeCommand(b.node, [b.specgen, "generate", "specs", "-o", out], b.root);
  // Node's own start in the same environment, alternating with the runs: the floor of any CLI
  // (this machine's NODE_EXTRA_CA_CERTS alone adds about 45 ms to every Node start).
  const bare = () => timeCommand(b.node, ["-e", "0"], b.root);
  run(); // the run that writes the output and its stamp
  run(); // warms the file cache
  const ours: number[] = [];
  const floor: number[] = [];
  for (let i = 0; i < b.runs; i++) {
    ours.push(run());
    floor.push(bare());
  }
  return row({
    item: 3,
    row: "no-op generate of specs/ (inputs unchanged), wall, whole process",
    value: median(ours),
    unit: "ms",
    measured: "",
    anchor: `\`node -e 0\` alone ${fmt(median(floor), "ms")}`,
    target: { op: "<", bound: 100, unit: "ms" },
  });
}

/**
 * One spec changed among many: a copy of the Matrix API folder (so the change never touches the
 * shared corpus), all 72 client-server files (12 with --quick) generated once; then
 * `whoami.yaml`, which no other file references, gets a new top-level `x-` key each round and
 * `generate` runs without `--force`. Nothing outside the process says which specs it redid, so
 * the row reads time: that run against a forced run of `whoami.yaml` alone. Redoing only what
 * depends on the change costs about the latter (plus hashing the rest); redoing all costs many
 * times it (both shown).
 */
function oneSpecRow(b: Bench): Row {
  const data = join(b.scratch("one-spec"), "data");
  cpSync(join(CORPUS, "matrix-spec/data"), data, { recursive: true });
  const cs = join(data, "api/client-server");
  const changed = join(cs, "whoami.yaml");
  const all = clientServerFiles(cs);
  const files = b.quick ? quickSubset(all, changed) : all;
  const original = readFileSync(changed, "utf8").replace(/\n?$/, "\n");
  const out = join(data, "out");
  const args = (...rest: string[]) => [b.specgen, "generate", ...rest, "--root", data];
  const forced = timeCommand(b.node, args(...files, "-o", out, "--force"), data);
  const changedRuns: number[] = [];
  const aloneRuns: number[] = [];
  for (let i = 0; i < b.runs; i++) {
    writeFileSync(changed, `${original}x-specgen-bench-edit: ${i}\n`);
    changedRuns.push(timeCommand(b.node, args(...files, "-o", out), data));
    aloneRuns.push(timeCommand(b.node, args(changed, "-o", join(data, "alone"), "--force"), data));
  }
  const ours = median(changedRuns);
  const alone = median(aloneRuns);
  return row({
    item: 3,
    row: `one of ${files.length} client-server specs changed: generate (no --force) vs that spec generated alone, wall`,
    value: ours / alone,
    unit: "x",
    measured: fmt(ours, "ms"),
    anchor: `that spec alone ${fmt(alone, "ms")}; all ${files.length} forced ${fmt(forced, "ms")}`,
    target: { op: "<=", bound: 1.5, unit: "x" },
  });
}

export function incrementalRows(b: Bench): Row[] {
  return [noopRow(b), oneSpecRow(b)];
}
