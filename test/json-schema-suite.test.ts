import { test } from "node:test";
import assert from "node:assert/strict";
import { count, describe, formatAnnotationCase, runSuite, type SuiteGroup } from "./suite/json-schema-suite.js";

/**
 * The JSON-Schema-Test-Suite (draft 2020-12, required files, from ../shared) through `generate`
 * and the generated validators, beside plain Ajv 2020: nothing crashes, and specgen passes at
 * least as many cases as Ajv. The suite's "format is only an annotation" cases are compared
 * apart: specgen's validators assert the formats ajv-formats knows, by design (README).
 */
test("JSON-Schema-Test-Suite 2020-12: no group crashes; specgen passes as many cases as plain Ajv", async (t) => {
  const report = await runSuite();
  for (const line of describe(report).slice(0, 5)) t.diagnostic(line);
  const crashes = report.groups.flatMap((g, i) => {
    const crashed = report.specgen[i]?.crashed;
    return crashed ? [`${g.file}[${g.index}]: ${crashed}`] : [];
  });
  assert.deepEqual(crashes, []);
  const others = (g: SuiteGroup, c: SuiteGroup["tests"][number]) => !formatAnnotationCase(g, c);
  const specgen = count(report.groups, report.specgen, others);
  const ajv = count(report.groups, report.ajv, others);
  const why = `specgen passes ${specgen.pass} cases, plain Ajv ${ajv.pass}\n${describe(report).join("\n")}`;
  assert.ok(specgen.pass >= ajv.pass, why);
});
