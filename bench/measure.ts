import { spawnSync } from "node:child_process";

/**
 * Wall time of one command in milliseconds. Throws unless it exits with one of `okStatuses`: a
 * contender that stops early (openapi-typescript exits 1 on rebilly.yaml with its default
 * rules) must not be timed. Linters exit 1 when they report errors, which is a complete run.
 */
export function timeCommand(cmd: string, args: string[], cwd: string, okStatuses: readonly number[] = [0]): number {
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8", maxBuffer: 256 << 20 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.error) throw r.error;
  if (r.status === null || !okStatuses.includes(r.status)) {
    throw new Error(`${[cmd, ...args].join(" ")} exited with ${r.status ?? r.signal}:\n${r.stderr.slice(-2000)}`);
  }
  return ms;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * Runs two contenders alternately (A, B, A, B, …) so that machine noise hits both alike, and
 * returns the median of each and their ratio A/B. One untimed run of each first warms the file
 * cache, unless `warm` is false (runs of minutes, where one run more costs more than it tells).
 */
export function compare(runs: number, a: () => number, b: () => number, warm = true) {
  const ta: number[] = [];
  const tb: number[] = [];
  if (warm) {
    a();
    b();
  }
  for (let i = 0; i < runs; i++) {
    ta.push(a());
    tb.push(b());
  }
  const ma = median(ta);
  const mb = median(tb);
  return { a: ma, b: mb, ratio: ma / mb };
}

/**
 * Wall time (ms) and peak resident memory (MB, GNU time's `%M`) of one command, measured in the
 * same run: on a spec that takes minutes, separate runs for time and for memory would double the
 * bench. Needs GNU time at /usr/bin/time. Exit statuses as in `timeCommand` (GNU time's `%x`).
 */
export function timeAndPeak(cmd: string, args: string[], cwd: string, okStatuses: readonly number[] = [0]) {
  const start = process.hrtime.bigint();
  const r = spawnSync("/usr/bin/time", ["-f", "%x %M", cmd, ...args], {
    cwd,
    stdio: ["ignore", "ignore", "pipe"],
    encoding: "utf8",
    maxBuffer: 256 << 20,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.error) throw new Error(`/usr/bin/time (GNU time) could not run ${cmd}: ${r.error.message}`);
  const m = /(-?\d+) (\d+)\s*$/.exec(r.stderr ?? "");
  const status = m ? Number(m[1]) : r.status;
  if (status === null || !okStatuses.includes(status)) {
    throw new Error(`${[cmd, ...args].join(" ")} exited with ${status ?? r.signal}:\n${r.stderr.slice(-2000)}`);
  }
  return { ms, mb: m ? Number(m[2]) / 1024 : Number.NaN };
}
