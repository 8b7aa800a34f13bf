// Loopback servers for the browser test: a static server for the example page and the generated
// package, a homeserver stand-in (after test/servers/homeserver.ts, plus CORS, the login flows and
// an SSO redirect to the IdP below) and a minimal identity provider. All listen on 127.0.0.1:0.

import { createServer } from "node:http";
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import yaml from "js-yaml";
import { extname, join, resolve, sep } from "node:path";

/** The spec's example auth_metadata document, read from the spec itself. */
const AUTH_SPEC = yaml.load(readFileSync(resolve(import.meta.dirname, "../../specs/client-server/auth_metadata.yaml"), "utf8"));
export const METADATA = AUTH_SPEC.paths["/auth_metadata"].get.responses["200"].content["application/json"].schema.example;

async function listen(handler) {
  const server = createServer((req, res) => {
    Promise.resolve(handler(req, res)).catch((e) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end(String(e));
    });
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".json": "application/json", ".png": "image/png" };

/**
 * Serves `root`'s `dirs` (e.g. examples/sso-login and generated) at their paths under `root`,
 * nothing else. `log` records `{ path, status }` of every request.
 */
export async function startStaticServer(root, dirs) {
  const allowed = dirs.map((d) => join(resolve(root), d) + sep);
  const log = [];
  const server = await listen(async (req, res) => {
    const send = (status, body, type = "text/plain; charset=utf-8") => {
      log.push({ path: req.url, status });
      res.writeHead(status, { "content-type": type, "x-content-type-options": "nosniff", "cache-control": "no-store" });
      res.end(body);
    };
    if (req.method !== "GET" && req.method !== "HEAD") return send(405, "method not allowed");
    let path;
    try {
      path = decodeURIComponent(new URL(req.url ?? "/", "http://static").pathname);
    } catch {
      return send(400, "bad path");
    }
    if (path.endsWith("/")) path += "index.html";
    const file = resolve(root, `.${path}`);
    if (!allowed.some((dir) => file.startsWith(dir))) return send(404, "not found");
    let body;
    try {
      body = await readFile(file);
    } catch {
      return send(404, "not found");
    }
    send(200, body, TYPES[extname(file)] ?? "application/octet-stream");
  });
  return { ...server, log };
}

const CORS = { "access-control-allow-origin": "*", "access-control-expose-headers": "etag" };

/**
 * A homeserver stand-in answering cross-origin requests (CORS as the spec requires of
 * homeservers): auth_metadata (or 404 M_UNRECOGNIZED), GET /login with the configured flows,
 * and the SSO redirects, which answer 302 to `idpUrl` for a known IdP. `requests` holds the raw
 * request lines (`GET /path?query`) as received, before any decoding.
 */
export async function startHomeserver({ idpUrl }) {
  let config = { metadata: METADATA, flows: [{ type: "m.login.password" }] };
  const requests = [];
  const json = (res, status, body) => {
    res.writeHead(status, { ...CORS, "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };
  const server = await listen((req, res) => {
    const raw = req.url ?? "/";
    requests.push(`${req.method} ${raw}`);
    if (req.method === "OPTIONS") {
      res.writeHead(204, {
        ...CORS,
        "access-control-allow-methods": "GET, POST, PUT, DELETE, OPTIONS",
        "access-control-allow-headers": req.headers["access-control-request-headers"] ?? "authorization, content-type",
        "access-control-max-age": "600",
      });
      return res.end();
    }
    const q = raw.indexOf("?");
    const rawPath = q < 0 ? raw : raw.slice(0, q);
    const query = new URLSearchParams(q < 0 ? "" : raw.slice(q + 1));
    if (req.method !== "GET") return json(res, 405, { errcode: "M_UNRECOGNIZED", error: "Unrecognized request" });
    if (rawPath === "/_matrix/client/v1/auth_metadata") {
      if (config.metadata === null) return json(res, 404, { errcode: "M_UNRECOGNIZED", error: "Unrecognized request" });
      return json(res, 200, config.metadata);
    }
    if (rawPath === "/_matrix/client/v3/login") return json(res, 200, { flows: config.flows });
    const sso = /^\/_matrix\/client\/v3\/login\/sso\/redirect(?:\/([^/]+))?$/.exec(rawPath);
    if (sso) {
      const redirectUrl = query.get("redirectUrl");
      if (redirectUrl === null) return json(res, 400, { errcode: "M_MISSING_PARAM", error: "Missing redirectUrl" });
      let idp = "";
      if (sso[1] !== undefined) {
        idp = decodeURIComponent(sso[1]);
        const known = config.flows.flatMap((f) => (f.type === "m.login.sso" && Array.isArray(f.identity_providers) ? f.identity_providers : []));
        if (!known.some((p) => p.id === idp)) return json(res, 404, { errcode: "M_NOT_FOUND", error: "Unknown identity provider" });
      }
      res.writeHead(302, { ...CORS, location: `${idpUrl}/authorize?${new URLSearchParams({ idp, redirect_url: redirectUrl })}` });
      return res.end();
    }
    json(res, 404, { errcode: "M_UNRECOGNIZED", error: "Unrecognized request" });
  });
  return {
    ...server,
    requests,
    /** `metadata: null` makes auth_metadata answer 404 M_UNRECOGNIZED. */
    set(next) {
      config = { ...config, ...next };
    },
  };
}

const escapeHtml = (s) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A stand-in identity provider: /authorize shows a consent page whose button (GET /approve)
 * sends the browser back to `redirect_url` with a fresh `loginToken` added to its query.
 * `issued` lists `{ idp, redirectUrl, token }` per approval.
 */
export async function startIdp() {
  const issued = [];
  const server = await listen((req, res) => {
    const url = new URL(req.url ?? "/", "http://idp");
    const idp = url.searchParams.get("idp") ?? "";
    const redirectUrl = url.searchParams.get("redirect_url") ?? "";
    if (url.pathname === "/authorize") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      return res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Example IdP</title></head>
<body><h1>Example IdP</h1><p>Sign in to <b id="idp">${escapeHtml(idp)}</b> as alice?</p>
<form action="/approve" method="get"><input type="hidden" name="idp" value="${escapeHtml(idp)}">
<input type="hidden" name="redirect_url" value="${escapeHtml(redirectUrl)}"><button id="approve">Continue</button></form></body></html>`);
    }
    if (url.pathname === "/approve") {
      let back;
      try {
        back = new URL(redirectUrl);
      } catch {}
      if (!back || !/^https?:$/.test(back.protocol)) {
        res.writeHead(400, { "content-type": "text/plain" });
        return res.end("bad redirect_url");
      }
      const token = `syl_${randomBytes(12).toString("base64url")}`;
      issued.push({ idp, redirectUrl, token });
      back.searchParams.set("loginToken", token);
      res.writeHead(302, { location: back.href });
      return res.end();
    }
    res.writeHead(404, { "content-type": "text/plain" });
    res.end("not found");
  });
  return { ...server, issued };
}
