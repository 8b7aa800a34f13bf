// recheck's verdicts do not depend on the machine's speed (lint/recheck-options.ts), and a regex
// it could not judge in its time is a warning, never a refusal (lint/recheck.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Diagnostics } from "recheck";
import { checkOptions, JUDGE_TIMEOUT_S } from "../generator/lint/recheck-options.js";
import { backtrackingHazard, NOT_JUDGED, recordVerdict } from "../generator/lint/recheck.js";
import { patternProblems, unsafePatterns } from "../generator/lint/patterns.js";

test("recheck runs with one time limit for the whole check and none on single matching attempts", () => {
  const options = checkOptions();
  assert.equal(Object.getPrototypeOf(options), null);
  assert.equal(options.timeout, JUDGE_TIMEOUT_S * 1000);
  // Timed limits inside the fuzzer made its findings depend on the machine's load.
  for (const inner of ["attackTimeout", "incubationTimeout", "seedingTimeout"] as const)
    assert.equal(options[inner], null, inner);
});

/** recheck's answer for a check that ran out of time (the shape of its `unknown` diagnostics). */
const timedOut = (source: string) =>
  ({ source, flags: "", status: "unknown", error: { kind: "timeout" } }) as Diagnostics;

test("a regex recheck could not judge in time is unsafe, polynomial: lint warns, generate does not refuse", () => {
  const pattern = "^(x|y)*z[0-9]{2,40}$";
  recordVerdict(pattern, timedOut(pattern));
  assert.equal(backtrackingHazard(pattern), NOT_JUDGED);
  const doc = { type: "object", properties: { code: { type: "string", pattern } } };
  const found = unsafePatterns(doc);
  assert.deepEqual(
    found.map((f) => [f.pointer, f.exponential]),
    [["/properties/code/pattern", false]],
  );
  const [problem, ...rest] = patternProblems("schema.json", JSON.stringify(doc), doc, true);
  assert.equal(rest.length, 0);
  assert.equal(problem?.ruleId, "specgen/pattern-safe");
  assert.equal(problem?.severity, "warn");
  assert.match(problem?.message ?? "", /recheck could not decide within 30 s whether a long string can hang it\.$/);
});

test("other answers keep their meaning: unsupported is no verdict, vulnerable names the part", () => {
  const unsupported = "^(?<a>q)\\k<a>$";
  recordVerdict(unsupported, { ...timedOut(unsupported), error: { kind: "unsupported", message: "x" } } as Diagnostics);
  assert.equal(backtrackingHazard(unsupported), undefined);
  const vulnerable = "^(b+)+$";
  recordVerdict(vulnerable, {
    source: vulnerable,
    flags: "",
    status: "vulnerable",
    checker: "automaton",
    complexity: { type: "exponential", summary: "", isFuzz: false },
    attack: { pattern: "", string: "", base: 0, suffix: "", pumps: [] },
    hotspot: [{ start: 2, end: 4, temperature: "heat" }],
  } as unknown as Diagnostics);
  assert.equal(backtrackingHazard(vulnerable), "b+ (exponential backtracking)");
});
