// Shared test helpers: a real node:http server on 127.0.0.1, port 0.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface TestServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Raw request targets (`req.url`) in arrival order. */
  seen: string[];
  /** Request headers in arrival order. */
  heads: IncomingMessage["headers"][];
  close(): Promise<void>;
}

export async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<TestServer> {
  const seen: string[] = [];
  const heads: IncomingMessage["headers"][] = [];
  const server = createServer((req, res) => {
    seen.push(req.url ?? "");
    heads.push(req.headers);
    try {
      handler(req, res);
    } catch (e) {
      // a broken request must fail the test, not hang it
      if (!res.headersSent) res.writeHead(500);
      res.end(String(e));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    heads,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Per-suite limit so a broken runtime fails instead of hanging. */
export const limit = { timeout: 15_000 };

/** Replies with JSON (or a raw string body) and extra headers. */
export function reply(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const raw = typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(raw);
}
