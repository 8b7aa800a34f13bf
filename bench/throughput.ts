// Warm throughput of two validators over the same documents, in this process (not a test).
import { compare } from "./measure.js";

export type Guard = (value: unknown) => boolean;

/** One document with the check each contender applies to it (documents may need different checks). */
export interface Case {
  value: unknown;
  ours: Guard;
  theirs: Guard;
}

/** Median ns per document of each side, `runs` alternating rounds of `rounds` passes over `cases`. */
export function throughput(runs: number, cases: readonly Case[], rounds: number) {
  const loop = (pick: (c: Case) => Guard) => () => {
    let accepted = 0;
    const start = process.hrtime.bigint();
    for (let i = 0; i < rounds; i++) for (const c of cases) if (pick(c)(c.value)) accepted++;
    const ns = Number(process.hrtime.bigint() - start);
    if (accepted < 0) throw new Error("unreachable"); // keeps the loop's result alive
    return ns / rounds / cases.length;
  };
  return compare(
    runs,
    loop((c) => c.ours),
    loop((c) => c.theirs),
  );
}

/** Passes over the cases so that one timed round checks about `budget` documents. */
export function roundsFor(cases: readonly Case[], budget: number): number {
  return Math.max(1, Math.round(budget / Math.max(1, cases.length)));
}

/** How many documents each side accepts, for the table: their checks differ. */
export function accepted(cases: readonly Case[]): { ours: number; theirs: number } {
  return {
    ours: cases.filter((c) => c.ours(c.value)).length,
    theirs: cases.filter((c) => c.theirs(c.value)).length,
  };
}
