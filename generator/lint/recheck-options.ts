import type { Parameters } from "recheck";

/**
 * The options of every recheck call (lint's rules, `generate`, the worker of judge.ts). No
 * prototype: a polluted Object.prototype cannot pick recheck's backend or limits. A module of
 * its own, so that the worker thread loads nothing else of the project.
 */
export const checkOptions = (): Parameters => Object.assign(Object.create(null) as Parameters, { timeout: 2000 });
