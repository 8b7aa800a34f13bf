import { count, describe, formatAnnotationCase, runSuite, typeMisfits, type SuiteGroup } from "./json-schema-suite.js";

/**
 * `npm run test:json-schema-suite` (CI runs it): prints pass/fail/skip counts for specgen and for
 * plain Ajv 2020 on the draft 2020-12 suite, and each group specgen refuses or gets wrong; then
 * type-checks every generated types module with each value its validator accepts and the suite
 * calls valid (tsc --strict, one program: test/suite/type-fit.ts), printing how many were checked
 * and how many do not fit. `--file X` narrows to one suite file (e.g. `--file ref.json`);
 * `--no-types` skips the type check. Exits 1 when a group crashes, specgen passes fewer cases than
 * plain Ajv (format-annotation cases apart, see formatAnnotationCase), or an accepted value does
 * not fit its type (or a module or guard does not compile).
 */
const at = process.argv.indexOf("--file");
const only = at > 0 ? process.argv[at + 1] : undefined;
const types = !process.argv.includes("--no-types");
const report = await runSuite((g) => only === undefined || g.file === only, { types });
for (const line of describe(report)) console.log(line);
const others = (g: SuiteGroup, t: SuiteGroup["tests"][number]) => !formatAnnotationCase(g, t);
const s = count(report.groups, report.specgen, others);
const a = count(report.groups, report.ajv, others);
const crashed = report.specgen.filter((r) => r?.crashed).length;
const misfits = typeMisfits(report);
process.exitCode = crashed > 0 || s.pass < a.pass || misfits.values + misfits.modules > 0 ? 1 : 0;
