import type { Parameters } from "recheck";

/**
 * How long recheck may judge one regex. Its verdict must not depend on the machine's speed, so
 * no shorter limit applies: with the former 2 s, ReadMe's `readme.json` got different warnings
 * from run to run, as its slowest regexes finished in time or not (1 to 16 s each here).
 * A regex still unjudged after this long is reported as such (see recheck.ts): a warning,
 * never a refusal.
 */
export const JUDGE_TIMEOUT_S = 30;

/**
 * How long one run (a lint, a `generate`) may spend judging regexes in all: a spec with many
 * regexes recheck cannot judge would otherwise keep it busy 30 s for each. Once spent, the
 * regexes left are reported as not judged (see judge.ts): warnings, never refusals. ReadMe's
 * `readme.yaml`, the slowest real spec here, needs about a minute of it on a busy machine.
 */
export const JUDGE_BUDGET_S = 120;

/**
 * The options of every recheck call (the worker of judge.ts; `timeoutMs` lower when the run's
 * judging time is almost spent). No prototype: a polluted Object.prototype cannot pick recheck's
 * backend or limits. A module of its own, which the worker loads without the lint rules. recheck's fuzzer also
 * stops single matching attempts after a time (`attackTimeout`, `incubationTimeout`,
 * `seedingTimeout`), which makes what it finds depend on the machine's load; those are off,
 * and its limits on the characters read per attempt (counted, not timed) bound each attempt.
 */
export const checkOptions = (timeoutMs = JUDGE_TIMEOUT_S * 1000): Parameters =>
  Object.assign(Object.create(null) as Parameters, {
    timeout: timeoutMs,
    attackTimeout: null,
    incubationTimeout: null,
    seedingTimeout: null,
  });
