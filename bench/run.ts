// `npm run bench`: ratios against the field's tools, measured in one run. Not a test.
import { readdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { tmpdir } from "node:os";
import { mkdtempSync } from "node:fs";
import { compare, median, peakMemoryMb, report, timeCommand } from "./measure.js";
import { clientSizes, clientThroughput } from "./client.js";

const ROOT = resolve(import.meta.dirname, "../..");
const CS = resolve(ROOT, "../shared/corpus/matrix-spec/data/api/client-server");
const runs = Number(process.env.BENCH_RUNS ?? 7);
const node = process.execPath;
const specgen = join(ROOT, "dist/generator/cli.js");
const redocly = join(ROOT, "node_modules/@redocly/cli/bin/cli.js");

// The 72 OpenAPI files of the client-server API, given to both tools on the command line.
const files = readdirSync(CS).filter((f) => f.endsWith(".yaml")).sort().map((f) => join(CS, f));

// Redocly CLI runs from an empty folder with a config extending `recommended`, so it does not
// pick up this project's redocly.yaml (whose specgen/ rules it cannot load).
const redoclyCwd = mkdtempSync(join(tmpdir(), "specgen-bench-"));
writeFileSync(join(redoclyCwd, "redocly.yaml"), "extends:\n  - recommended\n");

console.log(`specgen bench: ${runs} alternating runs per pair, medians; node ${process.version}`);
report(
  "lint 72 client-server files (specgen lint vs @redocly/cli lint)",
  compare(runs, () => timeCommand(node, [specgen, "lint", ...files], ROOT, [0, 1]), () => timeCommand(node, [redocly, "lint", ...files], redoclyCwd, [0, 1])),
  "<= 1.0x",
);

const ots = join(ROOT, "node_modules/openapi-typescript/bin/cli.js");
const out = mkdtempSync(join(tmpdir(), "specgen-bench-out-"));
report(
  "(a) generate the 3 specs (specgen generate vs ONE openapi-typescript CLI call on auth_metadata.yaml)",
  compare(
    runs,
    () => timeCommand(node, [specgen, "generate", "specs", "-o", join(out, "a"), "--force"], ROOT),
    () => timeCommand(node, [ots, "specs/client-server/auth_metadata.yaml", "-o", join(out, "a.d.ts")], ROOT),
  ),
  "<= 1.0x",
);
report(
  "(b) types for the 72 client-server files (one specgen generate vs openapi-typescript Node API in a loop)",
  compare(
    runs,
    () => timeCommand(node, [specgen, "generate", ...files, "-o", join(out, "b"), "--force", "--emit", "types"], ROOT),
    () => timeCommand(node, [join(ROOT, "dist/bench/ots-loop.js"), CS], ROOT),
  ),
  "<= 1.2x",
);

const rebilly = resolve(ROOT, "../shared/corpus/scale/rebilly.yaml");
const fullArgs = [specgen, "generate", rebilly, "-o", join(out, "c"), "--force"];
// openapi-typescript's default rules stop on rebilly.yaml (an `enum` holding integers under
// `type: string`), so its run gets a Redocly config with that one rule off: the baseline is a
// run that writes the types, as in ../shared/corpus/scale/SOURCE.md. (`specgen lint` reports
// that enum as well; `specgen generate` stops on structural errors only.)
const otsConfig = join(redoclyCwd, "ots-redocly.yaml");
writeFileSync(otsConfig, "extends:\n  - minimal\nrules:\n  no-enum-type-mismatch: off\n");
const otsArgs = [ots, rebilly, "-o", join(out, "c.d.ts"), "--redocly", otsConfig];
report(
  "(c) rebilly.yaml, 638 operations (specgen full pipeline vs openapi-typescript CLI, types only)",
  compare(Math.min(runs, 5), () => timeCommand(node, fullArgs, ROOT), () => timeCommand(node, otsArgs, ROOT)),
  "<= 1.5x",
);
const memSpecgen = peakMemoryMb(node, fullArgs, ROOT);
const memOts = peakMemoryMb(node, otsArgs, ROOT);
console.log(`    peak memory: specgen ${memSpecgen?.toFixed(0) ?? "?"} MB, openapi-typescript ${memOts?.toFixed(0) ?? "?"} MB`);

// Incremental: with nothing changed, generate only hashes its inputs.
timeCommand(node, [specgen, "generate", "specs", "-o", join(out, "noop")], ROOT);
const noop = median(Array.from({ length: runs }, () => timeCommand(node, [specgen, "generate", "specs", "-o", join(out, "noop")], ROOT)));
console.log(`no-op generate of the 3 specs (inputs unchanged): ${noop.toFixed(0)} ms wall, whole process  (target < 150 ms)`);

await clientSizes(ROOT);
await clientThroughput(ROOT, runs);

const { benchValidators } = await import("./validators.js");
await benchValidators(runs);
