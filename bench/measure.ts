import { spawnSync } from "node:child_process";

/**
 * Wall time of one command in milliseconds. Throws unless it exits with one of `okStatuses`: a
 * contender that stops early (openapi-typescript exits 1 on rebilly.yaml with its default
 * rules) must not be timed. Linters exit 1 when they report errors, which is a complete run.
 */
export function timeCommand(cmd: string, args: string[], cwd: string, okStatuses: readonly number[] = [0]): number {
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.error) throw r.error;
  if (r.status === null || !okStatuses.includes(r.status)) throw new Error(`${[cmd, ...args].join(" ")} exited with ${r.status ?? r.signal}:\n${r.stderr.slice(-2000)}`);
  return ms;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * Runs two contenders alternately (A, B, A, B, …) so that machine noise hits both alike, and
 * returns the median of each and their ratio A/B.
 */
export function compare(runs: number, a: () => number, b: () => number): { a: number; b: number; ratio: number } {
  const ta: number[] = [];
  const tb: number[] = [];
  a();
  b(); // warm the file cache for both
  for (let i = 0; i < runs; i++) {
    ta.push(a());
    tb.push(b());
  }
  const ma = median(ta);
  const mb = median(tb);
  return { a: ma, b: mb, ratio: ma / mb };
}

export function report(name: string, r: { a: number; b: number; ratio: number }, target: string): void {
  console.log(`${name}: specgen ${r.a.toFixed(0)} ms vs ${r.b.toFixed(0)} ms  ratio ${r.ratio.toFixed(2)}x  (target ${target})`);
}

/** Peak resident memory (MB) of one run, read from GNU time's `%M`; undefined where it is missing. */
export function peakMemoryMb(cmd: string, args: string[], cwd: string): number | undefined {
  const r = spawnSync("/usr/bin/time", ["-f", "%M", cmd, ...args], { cwd, encoding: "utf8", stdio: ["ignore", "ignore", "pipe"] });
  const kb = Number(/(\d+)\s*$/.exec(r.stderr ?? "")?.[1]);
  return Number.isFinite(kb) && kb > 0 ? kb / 1024 : undefined;
}
