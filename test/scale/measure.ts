/**
 * Generates one spec in a process of its own and prints what it cost as one JSON line
 * (`{ ms, cpuMs, maxRssMb, warnings }`): the scale test runs each spec through here, so that the
 * peak memory measured is that spec's alone. Usage: node measure.js <spec> <root> <out>.
 */
import { generate } from "../../generator/generate.js";

const [spec, root, out] = process.argv.slice(2);
if (spec === undefined || root === undefined || out === undefined) {
  throw new Error("usage: measure.js <spec> <root> <out>");
}
const started = performance.now();
const result = await generate({ cwd: root, paths: [spec], out, refRoot: root, force: true });
const usage = process.resourceUsage();
const report = {
  ms: Math.round(performance.now() - started),
  cpuMs: Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000),
  maxRssMb: Math.round(usage.maxRSS / 1024),
  warnings: result.warnings.length,
  problems: result.problems.map((p) => `${p.location[0]?.pointer ?? ""}: ${p.message}`).slice(0, 5),
  written: result.written,
};
process.stdout.write(`${JSON.stringify(report)}\n`);
