// What synapse.test.ts runs against: the generated package imported as an application imports it,
// three Synapse instances (SSO with two IdPs, one of them down; delegated auth to an https and to an
// http issuer) and the OIDC servers behind them. Kept apart from the tests so that the suite reads
// as what it checks; started once per run, since a Synapse takes seconds to start.
import { execFile } from "node:child_process";
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type * as Client from "../../generated/client/index.js";
import type * as Validators from "../../generated/validators/index.js";
import { ROOT, tempDir } from "../helpers.js";
import { startOidc, type OidcServer } from "./idp.js";
import { freePort, startSynapse, stopAllSynapses, synapseRoot, synapseVersion, type Synapse } from "./synapse.js";

/** The client app's address: Synapse sends the browser back here; the agent stops before it. */
export const CLIENT_APP = "http://client.example/";
export const AUTH_SERVICE_ISSUER = "https://auth.example.org/";

/**
 * The generated package as an application imports it: by its package name, through the `exports`
 * of its package.json, from a node_modules folder that links to generated/.
 */
export type Package = { client: typeof Client; validators: typeof Validators };

async function importAsConsumer(dir: string): Promise<Package> {
  mkdirSync(join(dir, "node_modules/@specgen"), { recursive: true });
  symlinkSync(join(ROOT, "generated"), join(dir, "node_modules/@specgen/matrix-client-server"), "dir");
  writeFileSync(
    join(dir, "app.mjs"),
    'export * as client from "@specgen/matrix-client-server/client";\n' +
      'export * as validators from "@specgen/matrix-client-server/validators";\n',
  );
  return (await import(pathToFileURL(join(dir, "app.mjs")).href)) as Package;
}

/** `specgen validate` as a server operator runs it (asynchronously: the servers it asks live in this process). */
export function specgenValidate(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((done) =>
    execFile(
      process.execPath,
      [join(ROOT, "dist/generator/cli.js"), "validate", ...args],
      { cwd: ROOT, env: { ...process.env, NO_COLOR: "1" } },
      (err, stdout, stderr) => done({ status: err ? Number(err.code) : 0, stdout, stderr }),
    ),
  );
}

/** Everything the suite talks to, started by `startInstances`. */
export interface Instances {
  client: typeof Client;
  validators: typeof Validators;
  idp: OidcServer;
  authHttp: OidcServer;
  /** Two IdPs (one of them down), SSO login; no delegated auth. */
  sso: Synapse;
  /** Delegated auth to a service with an https issuer, and to one with an http issuer. */
  delegated: Synapse;
  delegatedHttp: Synapse;
  /** Stops every server and removes the temp folder, also after a partial start. */
  stop(): Promise<void>;
}

/** An IdP entry of Synapse's `oidc_providers`. */
function oidcProvider(id: string, issuer: string) {
  return {
    idp_id: id,
    idp_name: `IdP ${id}`,
    issuer,
    client_id: "synapse",
    client_secret: "synapse-secret",
    scopes: ["openid", "profile"],
    // Synapse refuses an http issuer unless told not to check the provider's metadata.
    skip_verification: true,
    user_mapping_provider: { config: { localpart_template: "{{ user.sub }}" } },
  };
}

/** Synapse's config for delegating auth to the auth service at `endpoint`. */
function delegate(endpoint: string) {
  return {
    matrix_authentication_service: { enabled: true, endpoint: `${endpoint}/`, secret: "shared-secret-for-tests" },
    password_config: { enabled: false },
  };
}

/**
 * Starts the instances. `onStop` receives the stop function before anything starts, so that a
 * failure half-way (a Synapse that does not come up) still stops what did.
 */
export async function startInstances(onStop: (stop: () => Promise<void>) => void): Promise<Instances> {
  const started: Array<{ stop?: () => Promise<void>; close?: () => Promise<void> }> = [];
  let dir: string | undefined;
  const stop = async () => {
    await Promise.allSettled([...started.map((s) => (s.stop ?? s.close)!()), stopAllSynapses()]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
  onStop(stop);
  const root = synapseRoot();
  const version = synapseVersion(root);
  // In the log on purpose: sid moves, and a failure should say which Synapse it met.
  console.log(`# Synapse version: ${version} (Debian sid chroot at ${root})`);
  dir = tempDir("specgen-homeserver-");
  const { client, validators } = await importAsConsumer(dir);

  const [ssoPort, delegatedPort, delegatedHttpPort] = [await freePort(), await freePort(), await freePort()];
  const downPort = await freePort(); // nothing listens there: the IdP that is down
  const idp = await startOidc({
    clients: [
      {
        client_id: "synapse",
        client_secret: "synapse-secret",
        redirect_uris: [`http://127.0.0.1:${ssoPort}/_synapse/client/oidc/callback`],
      },
    ],
  });
  started.push(idp);
  const authHttps = await startOidc({ issuer: AUTH_SERVICE_ISSUER, authService: true });
  started.push(authHttps);
  const authHttp = await startOidc({ authService: true });
  started.push(authHttp);

  // Three instances at once: their start is mostly Python imports, which overlap well.
  const [sso, delegated, delegatedHttp] = await Promise.all([
    startSynapse(root, "sso", ssoPort, {
      oidc_providers: [oidcProvider("dev", idp.issuer), oidcProvider("down", `http://127.0.0.1:${downPort}`)],
      // The client app is trusted: no "continue to your client?" page after the IdP.
      sso: { client_whitelist: [CLIENT_APP] },
    }),
    startSynapse(root, "delegated", delegatedPort, delegate(authHttps.url)),
    startSynapse(root, "delegated-http", delegatedHttpPort, delegate(authHttp.url)),
  ]);
  started.push(sso, delegated, delegatedHttp);
  return { client, validators, idp, authHttp, sso, delegated, delegatedHttp, stop };
}
