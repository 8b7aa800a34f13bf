/**
 * Spec text made safe inside a `/** … *\/` block: it can never end the comment, add lines
 * outside it, or pass itself off as a JSDoc tag. Plain string work only (no locale-dependent
 * calls), so the output is the same on every machine.
 */

/** Unpaired UTF-16 surrogates (they cannot be written as UTF-8). */
const LONE_SURROGATE_RE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Everything JavaScript (or Unicode) treats as the end of a line. */
const LINE_BREAK_RE = /\r\n|[\r\n\u2028\u2029\u0085]/g;
/** C0 controls except tab and line feed, DEL, C1 controls. */
const CONTROL_RE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
/** Bidirectional overrides/isolates ("Trojan Source"): they can make text look unlike what it is. */
const BIDI_RE = /[\u202A-\u202E\u2066-\u2069]/g;

/**
 * Makes one piece of spec text safe to place inside a `/** … *\/` block.
 *
 * - every line terminator (CRLF, CR, LF, U+2028, U+2029, U+0085) becomes `\n`;
 * - other control characters (except tab), bidi overrides and unpaired
 *   surrogates are removed (surrogates become U+FFFD);
 * - a star followed by a slash becomes `*\/`, and `/*` becomes `/\*`
 *   (Markdown shows both as written);
 * - a line whose first non-blank character is `@` gets `\@`, so it is not a tag;
 * - trailing whitespace is trimmed, blank lines at both ends are dropped and
 *   runs of blank lines collapse to one.
 *
 * The result may hold several lines (joined with `\n`); {@link jsdoc} prefixes each.
 */
export function escapeCommentText(text: string): string {
  const cleaned = String(text)
    .replace(LONE_SURROGATE_RE, "\uFFFD")
    .replace(LINE_BREAK_RE, "\n")
    .replace(CONTROL_RE, "")
    .replace(BIDI_RE, "")
    .replace(/\*\//g, "*\\/")
    .replace(/\/\*/g, "/\\*");

  const lines: string[] = [];
  for (const raw of cleaned.split("\n")) {
    const line = raw.trimEnd().replace(/^([ \t]*)@/, "$1\\@");
    if (line === "" && (lines.length === 0 || lines[lines.length - 1] === "")) continue;
    lines.push(line);
  }
  while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines.join("\n");
}

/**
 * One line of comment text (for `Format: …` or a `//` comment): line breaks become spaces, then {@link
 * escapeCommentText}.
 */
export function escapeCommentLine(text: string): string {
  return escapeCommentText(oneLine(String(text).replace(LONE_SURROGATE_RE, "\uFFFD")));
}

/**
 * A default/example value prepared for a tool that prints it after `@default ` / `@example `
 * (openapi-typescript: strings as they are, other values as `JSON.stringify(v, null, 2)`), so
 * that what it prints cannot end the comment, start a line outside the ` * ` frame, or add a
 * tag. Strings get {@link escapeCommentText} (a leading `@` stays: it follows the tag on its
 * line); objects and arrays become that same JSON text, with `*\/`, `\u002f*` and `\uXXXX`
 * escapes where needed, which are the same JSON value. Numbers, booleans and null are unchanged.
 */
export function escapeCommentValue(value: unknown): unknown {
  if (typeof value === "string") {
    const text = escapeCommentText(value);
    return /^\s*@/.test(value) ? text.replace(/^([ \t]*)\\@/, "$1@") : text;
  }
  if (typeof value !== "object" || value === null) return value;
  let json: string | undefined;
  try {
    json = JSON.stringify(value, null, 2) as string | undefined;
  } catch {
    return "[value cannot be shown as JSON]";
  }
  return json === undefined ? value : escapeJsonForComment(json);
}

/** A short single-line value (version, format): whitespace runs become one space. */
export function oneLine(value: string): string {
  return String(value).replace(LINE_BREAK_RE, " ").replace(/\s+/g, " ").trim();
}

/**
 * JSON text that cannot touch a comment, still meaning the same value: characters that count as
 * line breaks or controls (only possible inside JSON strings) become `\uXXXX`, star-slash
 * becomes `*\/` and `/*` becomes `\u002f*`.
 */
export function escapeJsonForComment(json: string): string {
  return json
    .replace(
      /[\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
    )
    .replace(/\*\//g, "*\\/")
    .replace(/\/\*/g, "\\u002f*");
}
