// A judge worker that never answers (judge-budget.test.ts): it keeps its thread busy from the
// first request on, as a check that neither ends nor yields would.
import { parentPort } from "node:worker_threads";

parentPort?.once("message", () => {
  for (;;) {
    // busy
  }
});
