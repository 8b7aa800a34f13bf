/** Defaults and examples shown as JSON inside doc comments, laid out to stay readable. */
import { escapeJsonForComment } from "./escape.js";

/** Compact JSON longer than this is laid out over several lines. */
const JSON_WIDTH = 72;

/** The value as plain JSON data (`toJSON` applied, bigints as strings); `undefined` if it has no JSON form. */
function toJsonData(value: unknown): { readonly data: unknown } | undefined {
  const text = JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v)) as
    | string
    | undefined;
  return text === undefined ? undefined : { data: JSON.parse(text) as unknown };
}

/**
 * JSON text for plain JSON data: compact when it fits in `width`, otherwise
 * one entry per line, each entry again compact if it fits.
 */
function layoutJson(data: unknown, indent: string, width: number): string {
  const flat = JSON.stringify(data);
  if (data === null || typeof data !== "object" || indent.length + flat.length <= width) return flat;
  const inner = `${indent}  `;
  if (Array.isArray(data)) {
    if (data.length === 0) return flat;
    const items = data.map((item: unknown) => inner + layoutJson(item, inner, width));
    return `[\n${items.join(",\n")}\n${indent}]`;
  }
  const entries = Object.entries(data as Record<string, unknown>);
  if (entries.length === 0) return flat;
  const items = entries.map(([key, item]) => {
    const head = `${inner}${JSON.stringify(key)}: `;
    return head + layoutJson(item, inner, width - (head.length - inner.length));
  });
  return `{\n${items.join(",\n")}\n${indent}}`;
}

/**
 * JSON for a default/example, kept valid JSON while unable to touch the
 * comment: star-slash → `*\/` and `/*` → `\u002f*` (both mean the same in JSON),
 * and characters that count as line breaks or controls become `\uXXXX`
 * (they can only occur inside JSON strings, where that escape is valid).
 * `undefined` when the value has no JSON form.
 */
export function commentJson(value: unknown): string | undefined {
  let plain: { readonly data: unknown } | undefined;
  try {
    plain = toJsonData(value);
  } catch {
    return JSON.stringify("[value cannot be shown as JSON]");
  }
  if (plain === undefined) return undefined;
  return escapeJsonForComment(layoutJson(plain.data, "", JSON_WIDTH));
}
