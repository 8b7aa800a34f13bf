import { count, describe, formatAnnotationCase, runSuite, type SuiteGroup } from "./json-schema-suite.js";

/**
 * `npm run test:json-schema-suite`: prints pass/fail/skip counts for specgen and for plain Ajv
 * 2020 on the draft 2020-12 suite, and each group specgen refuses or gets wrong. `--file X`
 * narrows to one suite file (e.g. `--file ref.json`); `--types` also type-checks each generated
 * types module with every value its validator accepts (tsc --strict). Exits 1 when a group crashes or specgen
 * passes fewer cases than plain Ajv, format-annotation cases apart (see formatAnnotationCase).
 */
const at = process.argv.indexOf("--file");
const only = at > 0 ? process.argv[at + 1] : undefined;
const types = process.argv.includes("--types");
const report = await runSuite((g) => only === undefined || g.file === only, { types });
for (const line of describe(report)) console.log(line);
const others = (g: SuiteGroup, t: SuiteGroup["tests"][number]) => !formatAnnotationCase(g, t);
const s = count(report.groups, report.specgen, others);
const a = count(report.groups, report.ajv, others);
const crashed = report.specgen.filter((r) => r?.crashed).length;
process.exitCode = crashed > 0 || s.pass < a.pass ? 1 : 0;
