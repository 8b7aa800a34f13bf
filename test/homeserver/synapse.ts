import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";

/**
 * Real Synapse processes for the homeserver suite. Synapse runs from the Debian sid chroot that
 * scripts/homeserver/install.sh builds; the chroot shares the host's network, so an instance listens
 * on the host's loopback. Nothing here runs at import time: `npm test` loads every module under
 * dist/test/, and this one must stay inert there.
 */

/** Every Synapse this process started and has not stopped yet, with the way to stop it. */
const running = new Map<ChildProcess, () => Promise<void>>();

function killAll(): void {
  for (const child of running.keys()) child.kill("SIGKILL");
  running.clear();
}

/**
 * Stops every instance still running, also those whose start another one's failure left
 * unawaited (an `after` hook calls it, whatever happened before).
 */
export async function stopAllSynapses(): Promise<void> {
  await Promise.allSettled([...running.values()].map((stop) => stop()));
}

let hooked = false;
/** Kills leftover instances when the test process ends, even after a crash or a signal. */
function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.on("exit", killAll);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      killAll();
      process.exit(128 + ({ SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const)[signal]);
    });
  }
}

/** The chroot holding Synapse, named by `npm run test:homeserver`; refuses to guess. */
export function synapseRoot(): string {
  const root = process.env.SPECGEN_SYNAPSE_ROOT;
  if (!root || !existsSync(join(root, "usr/bin/python3"))) {
    throw new Error(`no Synapse chroot at ${JSON.stringify(root)}: run \`npm run test:homeserver\`, which installs it`);
  }
  return root;
}

/** The installed Synapse's version, as its own package reports it. */
export function synapseVersion(root: string): string {
  const script = "import synapse; print(synapse.__version__)";
  const r = spawnSync("chroot", [root, "python3", "-c", script], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`cannot read the Synapse version: ${r.stderr || r.error?.message}`);
  return r.stdout.trim();
}

/** A loopback port free right now (the OS picks it; a race with another program is unlikely on loopback). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface Synapse {
  name: string;
  /** The instance's `public_baseurl`, without the trailing slash: the client's `baseUrl`. */
  url: string;
  /** The last lines Synapse logged, for failure messages. */
  logTail(): string;
  stop(): Promise<void>;
}

/** `ed25519 <key id> <unpadded base64 seed>`: the signing key file format Synapse reads. */
function signingKey(): string {
  return `ed25519 a_${randomBytes(3).toString("hex")} ${randomBytes(32).toString("base64").replace(/=+$/, "")}\n`;
}

/**
 * The settings every instance shares: one plain-HTTP client listener on loopback, sqlite, no
 * federation, no key servers, no registration, no phoning home, and rate limits out of the way of
 * a test that logs in several times. Paths are as the chrooted process sees them.
 */
function baseConfig(port: number, dir: string): Record<string, unknown> {
  const secret = () => randomBytes(24).toString("hex");
  const generous = { per_second: 1000, burst_count: 1000 };
  return {
    server_name: "localhost",
    public_baseurl: `http://127.0.0.1:${port}/`,
    pid_file: `${dir}/homeserver.pid`,
    listeners: [
      {
        port,
        bind_addresses: ["127.0.0.1"],
        type: "http",
        tls: false,
        x_forwarded: false,
        resources: [{ names: ["client"], compress: false }],
      },
    ],
    database: { name: "sqlite3", args: { database: `${dir}/homeserver.db` } },
    media_store_path: `${dir}/media`,
    signing_key_path: `${dir}/signing.key`,
    macaroon_secret_key: secret(),
    form_secret: secret(),
    registration_shared_secret: secret(),
    enable_registration: false,
    federation_domain_whitelist: [],
    trusted_key_servers: [],
    suppress_key_server_warning: true,
    report_stats: false,
    rc_login: { address: generous, account: generous, failed_attempts: generous },
  };
}

/**
 * Starts Synapse with `extra` merged over the shared settings on `port`, and resolves once it
 * answers `GET /_matrix/client/versions`. The config, database and log live in a fresh folder
 * under the chroot's /tmp, removed by `stop()`.
 */
export async function startSynapse(
  root: string,
  name: string,
  port: number,
  extra: Record<string, unknown>,
): Promise<Synapse> {
  hookExit();
  mkdirSync(join(root, "tmp"), { recursive: true });
  // run.sh names its run, so that it can tell this run's leftovers from another run's instances.
  const run = process.env.SPECGEN_SYNAPSE_RUN ?? String(process.pid);
  const hostDir = mkdtempSync(join(root, "tmp", `specgen-hs-${run}-${name}-`));
  const dir = hostDir.slice(root.replace(/\/+$/, "").length); // the same folder, seen from inside
  writeFileSync(join(hostDir, "signing.key"), signingKey());
  // JSON is YAML: Synapse reads this file as its YAML config.
  writeFileSync(join(hostDir, "homeserver.yaml"), JSON.stringify({ ...baseConfig(port, dir), ...extra }, null, 2));
  const logFile = join(hostDir, "synapse.log");
  const log = openSync(logFile, "a");
  const child = spawn("chroot", [root, "python3", "-m", "synapse.app.homeserver", "-c", `${dir}/homeserver.yaml`], {
    stdio: ["ignore", log, log],
  });
  closeSync(log);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const logTail = () => (existsSync(logFile) ? lastLines(readFileSync(logFile, "utf8"), 40) : "(no log)");
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (running.delete(child)) {
      child.kill("SIGTERM");
      const killed = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(killed);
    }
    rmSync(hostDir, { recursive: true, force: true });
  };
  running.set(child, stop);
  try {
    await waitUntilReady(url, exited);
  } catch (err) {
    const tail = logTail();
    await stop();
    throw new Error(`Synapse "${name}" did not start: ${(err as Error).message}\n--- its log ---\n${tail}`);
  }
  return { name, url, logTail, stop };
}

const lastLines = (text: string, n: number) => text.split("\n").slice(-n).join("\n");

/** Polls the versions endpoint (Python's imports take ~10 s on a busy machine); fails if Synapse exits. */
async function waitUntilReady(url: string, exited: Promise<void>): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (gone) throw new Error("the process exited");
    try {
      const res = await fetch(`${url}/_matrix/client/versions`, { signal: AbortSignal.timeout(5_000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("no answer within 180 s");
}
