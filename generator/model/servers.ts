/**
 * Where each operation sends its requests, from OpenAPI `servers` lists: the operation's own,
 * else its path item's, else the document's (the first non-empty one), its first entry with its
 * variables at their defaults.
 *
 * The client's `baseUrl` stands for the document's servers: a server that is relative, or whose
 * origin is one of the document's servers' origins, gives only a base path under `baseUrl`. A
 * server of another origin (lichess's `https://engine.lichess.ovh` beside `https://lichess.org`)
 * is another host, which `baseUrl` does not name: its operations are sent there as the spec says,
 * unless the client's `servers` option maps that origin elsewhere.
 *
 * @module
 */
import { isObject } from "../load/refs.js";

/** Where one operation's requests go. */
export interface OperationServer {
  /** The path of its server's URL, which requests add to the client's `baseUrl` (`/api/v3`; `""` for none). */
  basePath: string;
  /** The origin of a server of another origin than the document's servers (`https://engine.lichess.ovh`). */
  serverOrigin?: string;
}

/** Resolves operations' servers within one document; each server entry is judged (and warned about) once. */
export interface ServerResolver {
  /** The document's own base path (its first server's path). */
  basePath: string;
  /** The server of an operation, given its own and its path item's `servers`. */
  forOperation(opServers: unknown, itemServers: unknown, where: string): OperationServer;
}

/** Parses a relative server URL (resolved against a URL that is no server's). */
const PLACEHOLDER = "http://placeholder.invalid";

interface ResolvedServer {
  url: URL;
  /** The server's URL is absolute (it names an origin), not relative to the document. */
  absolute: boolean;
}

export function serverResolver(document: Record<string, unknown>, warn: (message: string) => void): ServerResolver {
  const judged = new Map<unknown, ResolvedServer | undefined>();
  const resolve = (server: unknown, say: (message: string) => void) => {
    if (!judged.has(server)) judged.set(server, resolveServer(server, say));
    return judged.get(server);
  };
  const documentServers = Array.isArray(document.servers) ? (document.servers as unknown[]) : [];
  const origins = new Set<string>();
  for (const server of documentServers) {
    const resolved = resolve(server, warn);
    if (resolved?.absolute) origins.add(resolved.url.origin);
  }
  const pathOf = (resolved: ResolvedServer | undefined) => resolved?.url.pathname.replace(/\/$/, "") ?? "";
  return {
    basePath: pathOf(resolve(documentServers[0], warn)),
    forOperation(opServers, itemServers, where) {
      const list = [opServers, itemServers, documentServers].find((l) => Array.isArray(l) && l.length > 0);
      const resolved = Array.isArray(list) ? resolve(list[0], (m) => warn(`${where}: ${m}`)) : undefined;
      const basePath = pathOf(resolved);
      if (!resolved?.absolute || origins.has(resolved.url.origin)) return { basePath };
      return { basePath, serverOrigin: resolved.url.origin };
    },
  };
}

/**
 * A server entry's URL, its variables replaced by their defaults; undefined (with a warning) when
 * it is no http(s) URL. Only the origin and path are kept (a query, fragment or user info in a
 * server URL is left out, with a warning).
 */
function resolveServer(server: unknown, warn: (message: string) => void): ResolvedServer | undefined {
  if (!isObject(server) || typeof server.url !== "string") return undefined;
  const written = server.url;
  const vars = isObject(server.variables) ? server.variables : {};
  const missing: string[] = [];
  const text = written.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const variable = Object.hasOwn(vars, name) ? vars[name] : undefined;
    if (isObject(variable) && variable.default !== undefined) return String(variable.default);
    missing.push(name);
    return "";
  });
  // OpenAPI requires a default: without one the URL (its host, maybe) cannot be known.
  if (missing.length) {
    const variable = JSON.stringify(missing[0]);
    warn(`server URL ${JSON.stringify(written)}: variable ${variable} has no default; the server is not used`);
    return undefined;
  }
  const url = parse(text) ?? parse(text, PLACEHOLDER);
  // Only an http(s) URL has a path that can follow the client's `baseUrl` (a `mailto:x@host`
  // "path" would turn the base URL's host into userinfo), or an origin to send requests to.
  if (!url || !/^https?:$/.test(url.protocol) || !url.pathname.startsWith("/")) {
    warn(`server URL ${JSON.stringify(written)} is not an http(s) URL; requests use no base path`);
    return undefined;
  }
  const absolute = parse(text) !== undefined;
  if (url.search || url.hash || url.username || url.password) {
    warn(`server URL ${JSON.stringify(written)}: only its origin and path are used`);
  }
  return { url, absolute };
}

function parse(text: string, base?: string): URL | undefined {
  try {
    return new URL(text, base);
  } catch {
    return undefined;
  }
}
