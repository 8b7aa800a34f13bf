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
 * The options of every recheck call (lint's rules, `generate`, the worker of judge.ts). No
 * prototype: a polluted Object.prototype cannot pick recheck's backend or limits. A module of
 * its own, so that the worker thread loads nothing else of the project. recheck's fuzzer also
 * stops single matching attempts after a time (`attackTimeout`, `incubationTimeout`,
 * `seedingTimeout`), which makes what it finds depend on the machine's load; those are off,
 * and its limits on the characters read per attempt (counted, not timed) bound each attempt.
 */
export const checkOptions = (): Parameters =>
  Object.assign(Object.create(null) as Parameters, {
    timeout: JUDGE_TIMEOUT_S * 1000,
    attackTimeout: null,
    incubationTimeout: null,
    seedingTimeout: null,
  });
