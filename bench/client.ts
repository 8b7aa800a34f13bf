// Client benchmarks for `npm run bench`: bundle size and request throughput vs openapi-fetch.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import createFetchClient from "openapi-fetch";
import { median } from "./measure.js";

async function minGz(contents: string, resolveDir: string, external: string[] = []): Promise<number> {
  const out = await build({ stdin: { contents, resolveDir, loader: "js" }, bundle: true, minify: true, format: "esm", platform: "neutral", external, write: false, logLevel: "silent", mainFields: ["module", "main"] });
  return gzipSync(out.outputFiles[0]!.contents, { level: 9 }).length;
}

export async function clientSizes(root: string): Promise<void> {
  const gen = join(root, "generated/client");
  const stubs = `export { getAuthMetadata } from "./client-server/auth_metadata.js";
export { redirectToSSO, redirectToIdP, redirectToIdPUrl } from "./client-server/sso_login_redirect.js";`;
  const withoutValidators = await minGz(stubs, gen, ["../../validators/*"]);
  const withValidators = await minGz(stubs, gen);
  const fetchCalls = `import createClient from "openapi-fetch";
const c = createClient({ baseUrl: "https://matrix.example.org" });
export const getAuthMetadata = () => c.GET("/_matrix/client/v1/auth_metadata");
export const redirectToSSO = (redirectUrl) => c.GET("/_matrix/client/v3/login/sso/redirect", { params: { query: { redirectUrl } } });
export const redirectToIdP = (idpId, redirectUrl) => c.GET("/_matrix/client/v3/login/sso/redirect/{idpId}", { params: { path: { idpId }, query: { redirectUrl } } });`;
  const openapiFetch = await minGz(fetchCalls, root);
  console.log(`client size, min+gz: runtime + 3 stubs ${withoutValidators} B (target <= 1500 B); openapi-fetch for the same calls ${openapiFetch} B; ratio ${(withoutValidators / openapiFetch).toFixed(2)}x`);
  console.log(`client size, min+gz: runtime + 3 stubs + validators ${withValidators} B (target <= 6000 B)`);
}

export async function clientThroughput(root: string, runs: number): Promise<void> {
  const body = JSON.stringify({
    issuer: "https://account.example.com/", authorization_endpoint: "https://a/auth", token_endpoint: "https://a/token",
    registration_endpoint: "https://a/reg", revocation_endpoint: "https://a/revoke", response_types_supported: ["code"],
    grant_types_supported: ["authorization_code", "refresh_token"], response_modes_supported: ["query", "fragment"], code_challenge_methods_supported: ["S256"],
  });
  const server = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const gen = (await import(join(root, "generated/client/index.js"))) as { createClient(o: object): { getAuthMetadata(): Promise<unknown> } };
  const ours = gen.createClient({ baseUrl, validate: false, cache: false });
  const theirs = createFetchClient<Record<string, never>>({ baseUrl });
  const N = 1000;
  const rps = async (call: () => Promise<unknown>) => {
    const start = performance.now();
    for (let i = 0; i < N; i++) await call();
    return (N / (performance.now() - start)) * 1000;
  };
  const a: number[] = [];
  const b: number[] = [];
  await rps(() => ours.getAuthMetadata());
  await rps(() => (theirs as unknown as { GET(p: string): Promise<unknown> }).GET("/_matrix/client/v1/auth_metadata"));
  for (let i = 0; i < runs; i++) {
    a.push(await rps(() => ours.getAuthMetadata()));
    b.push(await rps(() => (theirs as unknown as { GET(p: string): Promise<unknown> }).GET("/_matrix/client/v1/auth_metadata")));
  }
  server.close();
  const ma = median(a);
  const mb = median(b);
  console.log(`getAuthMetadata, loopback, validation and caching off: specgen ${ma.toFixed(0)} req/s vs openapi-fetch ${mb.toFixed(0)} req/s  ratio ${(ma / mb).toFixed(2)}x  (target >= 1.0x)`);
}
