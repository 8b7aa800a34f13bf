/**
 * A browser-like user agent for the SSO tests: follows redirects one by one, keeps cookies, and
 * submits the identity provider's login and consent forms. Written here rather than taken from a
 * library because it needs only what these pages use: cookies by host (as browsers scope them,
 * whatever the port), removal by `Max-Age=0` or a past `Expires`, and `method="post"` forms whose
 * fields are `<input name value>`. It is not a general HTML or cookie implementation.
 */

export interface Page {
  url: string;
  status: number;
  body: string;
}

/** What one visit ended on: a page, or a redirect to a URL the caller said to stop at. */
export type Outcome = { stoppedAt: string } | { page: Page };

const attr = (tag: string, name: string) => new RegExp(`\\s${name}\\s*=\\s*"([^"]*)"`, "i").exec(tag)?.[1];
const unescapeHtml = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
    const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
    if (e[0] !== "#") return named[e.toLowerCase()]!;
    return String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
  });

/** The first `method="post"` form of a page: its action and its named inputs' values. */
export function postForm(html: string): { action: string; fields: Record<string, string> } | undefined {
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const [, open = "", inner = ""] = m;
    if ((attr(open, "method") ?? "get").toLowerCase() !== "post") continue;
    const fields: Record<string, string> = {};
    for (const input of inner.matchAll(/<input\b[^>]*>/gi)) {
      const name = attr(input[0], "name");
      if (name) fields[name] = unescapeHtml(attr(input[0], "value") ?? "");
    }
    return { action: unescapeHtml(attr(open, "action") ?? ""), fields };
  }
  return undefined;
}

export class Agent {
  /** Cookies by host name, then by cookie name. */
  readonly #jar = new Map<string, Map<string, string>>();
  /** Every URL requested, in order. */
  readonly visited: string[] = [];

  /** @param fill values for form fields the page leaves empty (e.g. `login`, `password`) */
  constructor(readonly fill: Record<string, string> = {}) {}

  async #send(url: string, init: RequestInit = {}): Promise<Response> {
    const jar = this.#jar.get(new URL(url).hostname);
    const cookie = jar && [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
    this.visited.push(url);
    const res = await fetch(url, {
      ...init,
      redirect: "manual",
      headers: { ...(init.headers as Record<string, string>), ...(cookie && { cookie }) },
      signal: AbortSignal.timeout(30_000),
    });
    for (const line of res.headers.getSetCookie()) this.#store(new URL(url).hostname, line);
    return res;
  }

  #store(host: string, line: string): void {
    const [pair = "", ...attrs] = line.split(";");
    const eq = pair.indexOf("=");
    if (eq <= 0) return;
    const name = pair.slice(0, eq).trim();
    const jar = this.#jar.get(host) ?? new Map<string, string>();
    this.#jar.set(host, jar);
    const gone = attrs.some((a) => {
      const [k = "", v = ""] = a.split("=").map((s) => s.trim());
      return (/^max-age$/i.test(k) && Number(v) <= 0) || (/^expires$/i.test(k) && Date.parse(v) < Date.now());
    });
    if (gone) jar.delete(name);
    else jar.set(name, pair.slice(eq + 1).trim());
  }

  /**
   * Opens `url` and goes on as a person clicking through would: follows every redirect, and on a
   * page with a POST form submits it (empty fields from `fill`). Stops before requesting a URL
   * `stop` accepts, or on a page without such a form.
   */
  async visit(url: string, stop: (url: URL) => boolean = () => false, maxSteps = 25): Promise<Outcome> {
    let next: { url: string; init?: RequestInit } = { url };
    for (let step = 0; step < maxSteps; step++) {
      if (stop(new URL(next.url))) return { stoppedAt: next.url };
      const res = await this.#send(next.url, next.init);
      const location = res.headers.get("location");
      if (res.status >= 300 && res.status < 400 && location) {
        await res.body?.cancel();
        next = { url: new URL(location, next.url).href };
        continue;
      }
      const body = await res.text();
      const form = res.status === 200 ? postForm(body) : undefined;
      if (!form) return { page: { url: next.url, status: res.status, body } };
      const fields = { ...form.fields };
      for (const [k, v] of Object.entries(this.fill)) if (k in fields && !fields[k]) fields[k] = v;
      next = {
        url: new URL(form.action, next.url).href,
        init: {
          method: "POST",
          body: new URLSearchParams(fields).toString(),
          headers: { "content-type": "application/x-www-form-urlencoded" },
        },
      };
    }
    throw new Error(`still redirecting after ${maxSteps} steps: ${this.visited.slice(-5).join(" → ")}`);
  }
}
