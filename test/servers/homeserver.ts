import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { authMetadataExample } from "../helpers.js";

/** A valid auth_metadata document (the spec's example). */
export const METADATA = authMetadataExample();

export type Flavour = "synapse" | "mas" | "no-oauth" | "broken";

export interface Homeserver {
  url: string;
  /** Raw request lines seen (`GET /path?query`), in order. */
  requests: string[];
  /** Request headers seen, in order. */
  headers: IncomingMessage["headers"][];
  set(
    flavour: Flavour,
    overrides?: Partial<{ metadata: unknown; body: string; etag: string; cacheControl: string }>,
  ): void;
  close(): Promise<void>;
}

/**
 * A loopback stand-in for a homeserver, behaving as Synapse and MAS do per their sources
 * (see ../shared/corpus/auth-metadata/SOURCES.md): Synapse's caching headers on
 * auth_metadata, 404 for an unknown IdP, 400 `M_MISSING_PARAM` without redirectUrl, a relative
 * Location for its IdP picker; MAS answering 303 with an absolute Location; a server without
 * OAuth answering 404 `M_UNRECOGNIZED`; and broken answers (HTML 502, BOM, slow body).
 * `npm run test:homeserver` checks the client against real Synapse (test/homeserver/); this
 * stand-in stays for what Synapse cannot be made to answer (MAS's 303, a `javascript:` Location,
 * ETag revalidation, broken bodies, IdP ids Synapse's route refuses) and so that `npm test` covers
 * the client without root or Debian's mirror.
 */
export async function startHomeserver(): Promise<Homeserver> {
  let flavour: Flavour = "synapse";
  let over: Parameters<Homeserver["set"]>[1] = {};
  const requests: string[] = [];
  const headers: IncomingMessage["headers"][] = [];
  const json = (res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}) => {
    res.writeHead(status, { "content-type": "application/json", ...extra });
    res.end(typeof body === "string" ? body : JSON.stringify(body));
  };
  const server: Server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    headers.push(req.headers);
    const url = new URL(req.url ?? "/", "http://stand-in");
    if (url.pathname === "/_matrix/client/v1/auth_metadata") {
      if (flavour === "no-oauth") return json(res, 404, { errcode: "M_UNRECOGNIZED", error: "Unrecognized request" });
      if (flavour === "broken") {
        res.writeHead(502, { "content-type": "text/html" });
        return res.end("<html><body><h1>502 Bad Gateway</h1></body></html>");
      }
      const etag = over?.etag ?? '"v1"';
      if (req.headers["if-none-match"] === etag) {
        res.writeHead(304, {
          etag,
          "cache-control": over?.cacheControl ?? "public, max-age=600, s-maxage=3600, stale-while-revalidate=600",
        });
        return res.end();
      }
      return json(res, 200, over?.body ?? over?.metadata ?? METADATA, {
        etag,
        "cache-control": over?.cacheControl ?? "public, max-age=600, s-maxage=3600, stale-while-revalidate=600",
      });
    }
    const sso = /^\/_matrix\/client\/v3\/login\/sso\/redirect(?:\/([^/]*))?$/.exec(url.pathname);
    if (sso) {
      const idp = sso[1] === undefined ? undefined : decodeURIComponent(sso[1]);
      if (flavour === "mas") {
        const redirect = encodeURIComponent(url.searchParams.get("redirectUrl") ?? "");
        res.writeHead(303, { location: `https://auth.example.org/authorize?redirect=${redirect}` });
        return res.end();
      }
      if (!url.searchParams.has("redirectUrl"))
        return json(res, 400, { errcode: "M_MISSING_PARAM", error: "Missing redirectUrl" });
      if (idp === "evil") {
        res.writeHead(302, { location: "javascript:alert(1)" });
        return res.end();
      }
      if (idp !== undefined && idp !== "oidc-github") {
        res.writeHead(404, { "content-type": "text/html" });
        return res.end("<html>Unknown IdP</html>");
      }
      // Synapse: several IdPs → its picker, with a relative Location; one IdP → the IdP itself.
      res.writeHead(302, {
        location: idp
          ? `https://github.com/login/oauth/authorize?state=abc`
          : `/_synapse/client/pick_idp?redirectUrl=${encodeURIComponent(url.searchParams.get("redirectUrl") ?? "")}`,
      });
      return res.end();
    }
    json(res, 404, { errcode: "M_UNRECOGNIZED", error: "Unrecognized request" });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    headers,
    set(f, o = {}) {
      flavour = f;
      over = o;
    },
    close: () => new Promise((r) => server.close(() => r())),
  };
}
