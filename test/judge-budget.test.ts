// A run's judging time is bounded as a whole (lint/judge.ts): a spec full of regexes recheck cannot
// judge no longer keeps lint or generate busy 30 s for each. The regexes left when the budget is
// spent are warnings naming their place, never refusals; a worker that does not answer is ended.
import assert from "node:assert/strict";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, test } from "node:test";
import { generate } from "../generator/generate.js";
import { lint } from "../generator/lint/index.js";
import { Judge } from "../generator/lint/judge.js";
import { backtrackingHazard, BUDGET_SPENT } from "../generator/lint/recheck.js";
import { tempDir } from "./helpers.js";

/** Regexes recheck cannot judge within seconds (each would take its full 30 s). */
const HOSTILE = [50, 51, 52, 53].map((n) => `^(?:[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\\.[a-zA-Z]{2,}){1,${n}}$`);
/** Far below the 4 × 30 s these would take unbounded; a hang bound, not a timing. */
const BOUND = { timeout: 60_000 };
const POINTER = "/paths/~1m/get/responses/200/content/application~1json/schema/properties";

const dir = tempDir();
after(() => rmSync(dir, { recursive: true, force: true }));

function hostileSpec(): string {
  const properties = Object.fromEntries(HOSTILE.map((pattern, i) => [`mail${i}`, { type: "string", pattern }]));
  const schema = { type: "object", properties };
  const responses = { "200": { description: "ok", content: { "application/json": { schema } } } };
  const file = join(dir, "mails.json");
  writeFileSync(
    file,
    JSON.stringify(
      {
        openapi: "3.1.0",
        info: { title: "Mails", version: "1" },
        paths: { "/m": { get: { operationId: "getM", responses } } },
      },
      null,
      1,
    ),
  );
  return file;
}

test("lint, its judging budget spent: every regex left is a located warning, and the run ends", BOUND, async () => {
  const file = hostileSpec();
  const result = await lint([file], { cwd: dir, judgeBudgetMs: 1000 });
  const unsafe = result.problems.filter((p) => p.ruleId === "specgen/pattern-safe");
  assert.equal(unsafe.length, HOSTILE.length);
  for (const [i, problem] of unsafe.entries()) {
    assert.equal(problem.severity, "warn");
    assert.match(problem.message, /recheck did not judge it, as the run's time for judging regexes was spent/);
    assert.equal(problem.location[0]?.pointer, `#${POINTER}/mail${i}/pattern`);
  }
});

test("generate, its judging budget spent: warnings naming each place, no refusal", BOUND, async () => {
  const file = hostileSpec();
  const result = await generate({ cwd: dir, paths: [file], out: join(dir, "out"), dryRun: true, judgeBudgetMs: 1000 });
  assert.equal(result.problems.length, 0);
  const unsafe = result.warnings.filter((w) => w.includes("may backtrack catastrophically"));
  assert.equal(unsafe.length, HOSTILE.length, result.warnings.join("\n"));
  for (const warning of unsafe) assert.ok(warning.includes(`(${BUDGET_SPENT})`), warning);
  const places = unsafe.map((w) => w.slice(0, w.indexOf(":")));
  assert.deepEqual(
    places.sort(),
    HOSTILE.map((_, i) => `mails.json#${POINTER}/mail${i}/pattern`),
  );
});

test("a worker that does not answer is ended after the budget: its regexes are not judged", BOUND, async () => {
  const workerUrl = new URL("./busy-worker.js", import.meta.url);
  const ports = () => process.getActiveResourcesInfo().filter((h) => h === "MessagePort").length;
  const before = ports();
  const judge = new Judge({ budgetMs: 100, graceMs: 100, workerUrl });
  judge.send(["^busy-[a-z]+$"]);
  await judge.ready(["^busy-[a-z]+$"]);
  assert.equal(backtrackingHazard("^busy-[a-z]+$"), BUDGET_SPENT);
  // Sent after the budget: not judged either, without waiting.
  judge.send(["^busy-[0-9]+$"]);
  assert.equal(backtrackingHazard("^busy-[0-9]+$"), BUDGET_SPENT);
  judge.close();
  // The busy thread ends once V8 stops its loop: waited for, within a hang bound.
  for (let waited = 0; ports() > before && waited < 20_000; waited += 50)
    await new Promise((resolve) => setTimeout(resolve, 50));
  assert.ok(ports() <= before, "the busy worker was ended");
});

test("each run has its own budget: a regex not judged for want of time is judged by the next run", BOUND, async () => {
  const pattern = "^[a-c]+x$";
  const spent = new Judge({ budgetMs: 0 });
  spent.send([pattern]);
  await spent.settled();
  spent.close();
  assert.equal(backtrackingHazard(pattern), BUDGET_SPENT);
  const next = new Judge();
  next.send([pattern]);
  await next.settled();
  next.close();
  assert.equal(backtrackingHazard(pattern), undefined);
});
