// The worker thread of judge.ts: loads recheck and judges the regexes posted to it, one at a
// time (as judgePatterns does on the main thread), posting each verdict's diagnostics back.
import { createRequire } from "node:module";
import { parentPort } from "node:worker_threads";
import { checkOptions } from "./recheck-options.js";

type Recheck = typeof import("recheck");
const recheck = createRequire(import.meta.url)("recheck") as Recheck;
const port = parentPort!;

let queue = Promise.resolve();
port.on("message", ({ pattern, flags }: { pattern: string; flags: string }) => {
  queue = queue.then(() =>
    recheck.check(pattern, flags, checkOptions()).then(
      (result) => port.postMessage({ pattern, result }),
      (err: unknown) => port.postMessage({ pattern, error: String(err) }),
    ),
  );
});
