import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * panva's oidc-provider (a certified OpenID provider) serving its real metadata at the Matrix
 * discovery path, with revocation and registration on and an https issuer string.
 */
export async function startOidcProvider(): Promise<{ url: string; close: () => Promise<void> }> {
  const specifier = "oidc-provider"; // untyped package: loaded by name
  const { default: Provider } = (await import(specifier)) as unknown as {
    default: new (issuer: string, config: object) => { callback(): (req: unknown, res: unknown) => void };
  };
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  const provider = new Provider("https://auth.example.org", {
    clients: [{ client_id: "probe", client_secret: "probe-secret", redirect_uris: ["https://app.example.org/cb"] }],
    features: { revocation: { enabled: true }, registration: { enabled: true } },
  });
  const handle = provider.callback();
  server.on("request", (req, res) => {
    if (req.url === "/_matrix/client/v1/auth_metadata") req.url = "/.well-known/oauth-authorization-server";
    handle(req, res);
  });
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}
