// SSO login page on the generated package, in the browser, with no build step.
//
// Open as index.html?hs=<homeserver URL>. The page
//   1. asks the homeserver for its OAuth 2.0 metadata (generated client, `getAuthMetadata`),
//   2. reads the `m.login.sso` flow of GET /_matrix/client/v3/login (plain fetch: that operation
//      is not generated) and checks it with the generated validator `assertSsoLoginFlow`,
//   3. renders one button per identity provider; a click navigates to the URL of the generated
//      builder `redirectToIdPUrl`, with this page as the redirectUrl, so the browser comes back
//      here with `?loginToken=…`.
// Everything the server sends reaches the DOM through textContent / dataset only (index.html
// enforces Trusted Types, so an innerHTML assignment would throw).

import { MatrixError, HttpError, ResponseValidationError, createClient, redirectToIdPUrl, redirectToSSOUrl } from "@specgen/matrix-client-server/client";
import { ValidationError, assertSsoLoginFlow } from "@specgen/matrix-client-server/validators";

const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

/** Adds `<tag class=…>text</tag>` to `parent`, text set as text. */
function add(parent, tag, text, className) {
  const el = document.createElement(tag);
  if (text !== undefined) el.textContent = text;
  if (className) el.className = className;
  parent.append(el);
  return el;
}

function show(id, text, className) {
  const el = $(id);
  el.textContent = text;
  if (className) el.className = className;
  return el;
}

/** The homeserver from `?hs=`, or null (then the page asks for one). */
function homeserverFromQuery() {
  const raw = new URLSearchParams(location.search).get("hs");
  if (!raw) return null;
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`"${raw}" is not a URL`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error(`"${raw}" is not an http(s) URL`);
  return url.href.replace(/\/+$/, "");
}

/** This page's URL without a previous login token: where the IdP sends the browser back to. */
function ownUrl() {
  const url = new URL(location.href);
  url.searchParams.delete("loginToken");
  url.hash = "";
  return url.href;
}

function describeError(e) {
  if (e instanceof MatrixError) return `${e.status} ${e.errcode}: ${e.error}`;
  if (e instanceof HttpError) return e.message;
  if (e instanceof ResponseValidationError) return `invalid answer (${e.errors.map((p) => `${p.pointer || "(root)"} ${p.message}`).join("; ")})`;
  if (e instanceof TypeError) return `the homeserver could not be reached (${e.message})`;
  return String(e instanceof Error ? e.message : e);
}

/** Step 1: OAuth 2.0 discovery through the generated client. */
async function showOAuth(client) {
  const section = $("oauth");
  section.hidden = false;
  try {
    const { data } = await client.getAuthMetadata({ signal: AbortSignal.timeout(10_000) });
    section.dataset.result = "offered";
    const p = show("oauth-status", "OAuth 2.0 login is offered. Issuer: ", "ok");
    add(p, "code", data.issuer, "issuer");
  } catch (e) {
    if (e instanceof MatrixError && e.status === 404 && e.errcode === "M_UNRECOGNIZED") {
      section.dataset.result = "not-offered";
      show("oauth-status", "This homeserver does not offer OAuth 2.0 login (it answered 404 M_UNRECOGNIZED to auth_metadata).", "muted");
    } else {
      section.dataset.result = "error";
      show("oauth-status", `OAuth 2.0 discovery failed: ${describeError(e)}`, "error");
    }
  }
}

/** GET /_matrix/client/v3/login (not a generated operation): the `m.login.sso` flow, unchecked. */
async function fetchSsoFlow(baseUrl) {
  const res = await fetch(`${baseUrl}/_matrix/client/v3/login`, { signal: AbortSignal.timeout(10_000) });
  const body = await res.json().catch(() => undefined);
  if (!res.ok) {
    const detail = body && typeof body.errcode === "string" ? ` ${body.errcode}` : "";
    throw new Error(`GET /_matrix/client/v3/login answered ${res.status}${detail}`);
  }
  if (!body || !Array.isArray(body.flows)) throw new Error("GET /_matrix/client/v3/login did not answer a list of flows");
  return body.flows.find((flow) => flow && typeof flow === "object" && flow.type === "m.login.sso");
}

function idpButton(baseUrl, idp, redirectUrl) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "idp";
  button.dataset.idpId = idp.id;
  if (idp.brand !== undefined) {
    button.dataset.brand = idp.brand;
    // Only brands that are plain identifiers become a class (for the stylesheet).
    if (/^[A-Za-z0-9._-]+$/.test(idp.brand)) button.classList.add(`idp-brand-${idp.brand}`);
  }
  add(button, "span", (Array.from(idp.name.trim())[0] ?? "?").toUpperCase(), "idp-mark").setAttribute("aria-hidden", "true");
  add(button, "span", idp.name, "idp-name");
  if (idp.icon !== undefined) {
    // An mxc:// URI: shown as text, never fetched (no media repository access before login).
    button.dataset.icon = idp.icon;
    add(button, "span", idp.icon, "idp-icon").title = "IdP icon (not loaded)";
  }
  button.addEventListener("click", () => {
    location.assign(redirectToIdPUrl({ baseUrl }, { idpId: idp.id, redirectUrl }));
  });
  return button;
}

/** Steps 2 and 3: the SSO flow, checked by the generated validator, as buttons. */
async function showSso(baseUrl) {
  const section = $("sso");
  section.hidden = false;
  let flow;
  try {
    flow = await fetchSsoFlow(baseUrl);
  } catch (e) {
    section.dataset.result = "error";
    show("sso-status", `Could not read the login flows: ${describeError(e)}`, "error");
    return;
  }
  if (flow === undefined) {
    section.dataset.result = "none";
    show("sso-status", "This homeserver offers no single sign-on (no m.login.sso flow).", "muted");
    return;
  }
  try {
    assertSsoLoginFlow(flow);
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    section.dataset.result = "invalid";
    show("sso-status", "");
    $("sso-error").hidden = false;
    show("sso-error-title", "The homeserver's m.login.sso flow is invalid, so no sign-in buttons are shown:");
    const list = $("sso-error-list");
    for (const problem of e.errors) {
      const li = add(list, "li");
      add(li, "code", problem.pointer === "" ? "(root)" : problem.pointer, "pointer");
      li.append(" ", problem.message);
    }
    return;
  }
  const redirectUrl = ownUrl();
  const box = $("idps");
  const idps = flow.identity_providers ?? [];
  if (idps.length === 0) {
    const button = add(box, "button", undefined, "idp");
    button.type = "button";
    add(button, "span", "Continue with single sign-on", "idp-name");
    button.addEventListener("click", () => location.assign(redirectToSSOUrl({ baseUrl }, { redirectUrl })));
  }
  for (const idp of idps) box.append(idpButton(baseUrl, idp, redirectUrl));
  section.dataset.result = "buttons";
  show("sso-status", idps.length ? "Continue with:" : "");
}

async function main() {
  let baseUrl;
  try {
    baseUrl = homeserverFromQuery();
  } catch (e) {
    $("choose-server").hidden = false;
    show("sso-status", `Bad homeserver: ${describeError(e)}`, "error");
    $("sso").hidden = false;
    return;
  }
  if (baseUrl === null) {
    $("choose-server").hidden = false;
    return;
  }
  $("server").hidden = false;
  show("server-url", baseUrl);

  const token = new URLSearchParams(location.search).get("loginToken");
  if (token !== null) {
    $("callback").hidden = false;
    show("login-token", token);
  }
  await Promise.all([showOAuth(createClient({ baseUrl })), showSso(baseUrl)]);
}

main()
  .catch((e) => {
    $("sso").hidden = false;
    show("sso-status", `Unexpected error: ${describeError(e)}`, "error");
    throw e;
  })
  .finally(() => {
    document.body.dataset.state = "ready";
  });
