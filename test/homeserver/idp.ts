import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * panva's oidc-provider on loopback, in two roles: the identity provider Synapse logs users in
 * with (its issuer is its own http URL, and its development login and consent pages accept any
 * user name), and the OAuth authorization server a delegating Synapse passes `auth_metadata`
 * through from (any issuer string, e.g. an https one, whatever the loopback URL it is served on).
 */
export interface OidcServer {
  url: string;
  issuer: string;
  /** Request lines seen (`GET /path?query`), in order. */
  requests: string[];
  close(): Promise<void>;
}

export interface OidcOptions {
  /** The issuer string; default: the server's own URL. */
  issuer?: string;
  clients?: object[];
  /**
   * Plays the auth service a homeserver delegates to: revocation and client registration on (the
   * Matrix spec requires their endpoints), and `account_management_uri` in the discovery document
   * (Synapse requires it).
   */
  authService?: boolean;
}

type Provider = { callback(): (req: unknown, res: unknown) => void };
type ProviderModule = { default: new (issuer: string, config: object) => Provider };

export async function startOidc(options: OidcOptions = {}): Promise<OidcServer> {
  const specifier = "oidc-provider"; // untyped package: loaded by name
  const { default: ProviderClass } = (await import(specifier)) as unknown as ProviderModule;
  const server: Server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issuer = options.issuer ?? url;
  const provider = new ProviderClass(issuer, {
    clients: options.clients ?? [],
    ...(options.authService && { discovery: { account_management_uri: new URL("account", issuer).href } }),
    features: {
      // The development pages render the login and consent forms a browser-like agent fills in.
      devInteractions: { enabled: true },
      ...(options.authService && { revocation: { enabled: true }, registration: { enabled: true } }),
    },
  });
  const handle = provider.callback();
  const requests: string[] = [];
  server.on("request", (req, res) => {
    requests.push(`${req.method} ${req.url}`);
    handle(req, res);
  });
  return {
    url,
    issuer,
    requests,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
