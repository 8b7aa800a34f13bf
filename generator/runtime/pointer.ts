/**
 * Escaping a JSON pointer reference token (RFC 6901), written once for the toolkit and the
 * validation runtime it ships (`validators/pointer.js`, beside `validators/runtime.js`): it imports
 * nothing, so the runtime stays free of the toolkit, and the toolkit's pointer module
 * (load/pointer.ts) re-exports it.
 *
 * @module
 */

/** One reference token escaped for a pointer: `~` → `~0`, then `/` → `~1`. */
export function escapePointerToken(token: string): string {
  // Most tokens need no escaping: tested first, as whole-document walks escape every key.
  if (!token.includes("~") && !token.includes("/")) return token;
  return token.replace(/~/g, "~0").replace(/\//g, "~1");
}
