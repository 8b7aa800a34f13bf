/**
 * The only place where generated code gets doc comments.
 *
 * Spec text (descriptions, summaries, titles, examples, defaults) is
 * untrusted: it must never be able to end the comment, add lines that are
 * outside it, or pass itself off as a JSDoc tag. Every piece goes through
 * {@link escapeCommentText}, and {@link jsdoc} assembles the block.
 *
 * Everything here is plain string work, so the output is the same on every
 * machine (no locale-dependent calls).
 */


/** What can be said about one operation, schema or property. */
export interface DocParts {
  readonly title?: string | undefined;
  readonly summary?: string | undefined;
  /** Where site-relative links in the prose point (see {@link renderMatrixMarkdown}); none: left as written. */
  readonly linkBase?: string | undefined;
  /** Rendered with {@link renderMatrixMarkdown}. */
  readonly description?: string | undefined;
  readonly deprecated?: boolean | undefined;
  /** From `x-addedInMatrixVersion`, e.g. `"1.1"` → `@since Matrix 1.1`. */
  readonly since?: string | undefined;
  /** From `x-changedInMatrixVersion`, e.g. `{"1.6": "text"}`. */
  readonly changed?: Readonly<Record<string, string>> | undefined;
  readonly format?: string | undefined;
  readonly pattern?: string | undefined;
  /** Shown as JSON. `undefined` means "no default". */
  readonly default?: unknown;
  /** Shown as JSON. `undefined` means "no example". */
  readonly example?: unknown;
  readonly readOnly?: boolean | undefined;
  readonly writeOnly?: boolean | undefined;
}

// ---------------------------------------------------------------------------
// Matrix (Hugo) markup
// ---------------------------------------------------------------------------

/** `{{%` or `{{<`, with optional spaces. */
const OPEN = String.raw`\{\{\s*[%<]\s*`;
/** `%}}` or `>}}`, with optional spaces. */
const CLOSE = String.raw`\s*[%>]\s*\}\}`;

const VERSIONED_RE = new RegExp(
  OPEN + String.raw`(added|changed)-in\b([^{}]*?)` + CLOSE,
  "g",
);
const BOX_PAIR_RE = new RegExp(
  OPEN + String.raw`boxes/([A-Za-z0-9_-]+)` + CLOSE +
    String.raw`([\s\S]*?)` +
    OPEN + String.raw`/boxes/\1` + CLOSE,
  "g",
);
const BOX_OPEN_RE = new RegExp(OPEN + String.raw`boxes/([A-Za-z0-9_-]+)` + CLOSE, "g");
const ANY_SHORTCODE_RE = new RegExp(OPEN + String.raw`[^{}]*?` + CLOSE, "g");
/** `](/path…` but not `](//host…`. */
const RELATIVE_LINK_RE = /\]\(\s*(\/(?!\/)[^\s)]*)/g;
/** Reference-style definitions: `[id]: /path`. */
const RELATIVE_REF_DEF_RE = /^( {0,3}\[[^\]\n]+\]:[ \t]*)(\/(?!\/)\S*)/gm;

const BOX_LABELS: Readonly<Record<string, string>> = {
  note: "Note",
  warning: "Warning",
  rationale: "Rationale",
};

function boxLabel(name: string): string {
  const known = BOX_LABELS[name.toLowerCase()];
  if (known !== undefined) return known;
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** The `v="…"` argument of an added-in / changed-in shortcode, if any. */
function versionArgument(args: string): string | undefined {
  const m = /\bv\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+))/.exec(args);
  if (m === null) return undefined;
  const v = (m[1] ?? m[2] ?? m[3] ?? "").trim();
  return v === "" ? undefined : v;
}

/** Removes blank lines at both ends, and leading spaces of the first line. */
function trimBlankLines(text: string): string {
  return text.replace(/^(?:[ \t]*\n)+/, "").replace(/(?:\n[ \t]*)+$/, "").replace(/^[ \t]+/, "").trimEnd();
}

/**
 * Renders the Matrix spec's Hugo markup as plain Markdown:
 * note/warning/rationale boxes become `**Note:** …` paragraphs,
 * added-in / changed-in shortcodes become `**Added in Matrix 1.x:**`,
 * other shortcodes are dropped, and site-relative links point at
 * `linkBase` when one is given (a spec the model found written for the Matrix site, see
 * model/docs.ts; another spec's site-relative links stay as written).
 */
export function renderMatrixMarkdown(text: string, linkBase?: string): string {
  let out = String(text).replace(/\r\n?/g, "\n");

  out = out.replace(VERSIONED_RE, (match: string, kind: string, args: string, offset: number, whole: string) => {
    const verb = kind === "added" ? "Added" : "Changed";
    const version = versionArgument(args);
    const label = version === undefined ? `**${verb} in this version:**` : `**${verb} in Matrix ${version}:**`;
    const next = whole.charAt(offset + match.length);
    return next !== "" && !/\s/.test(next) ? `${label} ` : label;
  });

  // Innermost boxes first; repeat for nested ones (bounded, in case of odd input).
  for (let i = 0; i < 8; i++) {
    const before = out;
    out = out.replace(BOX_PAIR_RE, (_m: string, name: string, inner: string) => {
      const body = trimBlankLines(inner);
      const label = `**${boxLabel(name)}:**`;
      return `\n\n${body === "" ? label : `${label} ${body}`}\n\n`;
    });
    if (out === before) break;
  }
  // A box that was opened but never closed still gets its label.
  out = out.replace(BOX_OPEN_RE, (_m: string, name: string) => `\n\n**${boxLabel(name)}:** `);
  // Anything else (closing tags without an opener, unknown shortcodes) goes.
  out = out.replace(ANY_SHORTCODE_RE, "");

  if (linkBase !== undefined) {
    out = out.replace(RELATIVE_LINK_RE, (_m: string, target: string) => `](${linkBase}${target}`);
    out = out.replace(RELATIVE_REF_DEF_RE, (_m: string, lead: string, target: string) => `${lead}${linkBase}${target}`);
  }

  return out
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .replace(/^\n+|\n+$/g, "");
}

// ---------------------------------------------------------------------------
// Escaping
// ---------------------------------------------------------------------------

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

/** One line of comment text (for `Format: …` or a `//` comment): line breaks become spaces, then {@link escapeCommentText}. */
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

// ---------------------------------------------------------------------------
// Values and small pieces
// ---------------------------------------------------------------------------

/** Compact JSON longer than this is laid out over several lines. */
const JSON_WIDTH = 72;

/** The value as plain JSON data (`toJSON` applied, bigints as strings); `undefined` if it has no JSON form. */
function toJsonData(value: unknown): { readonly data: unknown } | undefined {
  const text = JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v)) as string | undefined;
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
function commentJson(value: unknown): string | undefined {
  let plain: { readonly data: unknown } | undefined;
  try {
    plain = toJsonData(value);
  } catch {
    return JSON.stringify("[value cannot be shown as JSON]");
  }
  if (plain === undefined) return undefined;
  return escapeJsonForComment(layoutJson(plain.data, "", JSON_WIDTH));
}

/**
 * JSON text that cannot touch a comment, still meaning the same value: characters that count as
 * line breaks or controls (only possible inside JSON strings) become `\uXXXX`, star-slash
 * becomes `*\/` and `/*` becomes `\u002f*`.
 */
function escapeJsonForComment(json: string): string {
  return json
    .replace(/[\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)
    .replace(/\*\//g, "*\\/")
    .replace(/\/\*/g, "\\u002f*");
}

/** Lines for `@tag value`; a value laid out over several lines goes below the tag. */
function jsonTag(tag: string, value: unknown): string[] {
  const json = commentJson(value);
  if (json === undefined) return [];
  const lines = escapeCommentText(json).split("\n");
  return lines.length === 1 ? [`${tag} ${lines[0] ?? ""}`] : [tag, ...lines];
}

/** Inline code span that survives backticks in the value. */
function codeSpan(value: string): string {
  let longest = 0;
  for (const run of value.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = "`".repeat(longest + 1);
  const pad = value.startsWith("`") || value.endsWith("`") ? " " : "";
  return `${fence}${pad}${value}${pad}${fence}`;
}

/** A short single-line value (version, format): whitespace runs become one space. */
function oneLine(value: string): string {
  return String(value).replace(LINE_BREAK_RE, " ").replace(/\s+/g, " ").trim();
}

/** Orders "1.10" after "1.9"; falls back to plain code-unit order. */
function compareVersions(a: string, b: string): number {
  const pa = a.split(".");
  const pb = b.split(".");
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? "";
    const y = pb[i] ?? "";
    if (x === y) continue;
    const nx = /^\d+$/.test(x) ? Number(x) : Number.NaN;
    const ny = /^\d+$/.test(y) ? Number(y) : Number.NaN;
    if (!Number.isNaN(nx) && !Number.isNaN(ny)) return nx - ny;
    return x < y ? -1 : 1;
  }
  return 0;
}

function prose(text: string | undefined, linkBase: string | undefined): string {
  return text === undefined ? "" : escapeCommentText(renderMatrixMarkdown(text, linkBase));
}

// ---------------------------------------------------------------------------
// The block
// ---------------------------------------------------------------------------

/**
 * Builds a complete multi-line doc comment, or `""` when there is nothing to say.
 *
 * Prose comes first (title, summary, description, format/pattern and
 * read/write-only notes, then "Changed in" notes), separated by blank lines;
 * then the tags: `@default`, `@example`, `@since`, `@deprecated`.
 * The "Changed in" notes sit before the tags because any text after a tag
 * line belongs to that tag (it would otherwise be read as part of an example).
 *
 * @param indent spaces/tabs put before every line.
 */
export function jsdoc(parts: DocParts, indent = ""): string {
  if (!/^[ \t]*$/.test(indent)) throw new TypeError("jsdoc: indent may only contain spaces and tabs");

  const paragraphs: string[] = [];
  const add = (text: string): void => {
    if (text !== "" && !paragraphs.includes(text)) paragraphs.push(text);
  };

  add(prose(parts.title, parts.linkBase));
  add(prose(parts.summary, parts.linkBase));
  add(prose(parts.description, parts.linkBase));

  if (parts.format !== undefined && oneLine(parts.format) !== "") {
    add(escapeCommentText(`Format: ${codeSpan(oneLine(parts.format))}`));
  }
  if (parts.pattern !== undefined && parts.pattern !== "") {
    add(escapeCommentText(`Pattern: ${codeSpan(parts.pattern)}`));
  }
  if (parts.readOnly === true) add("Read-only: returned by the server, not sent in requests.");
  if (parts.writeOnly === true) add("Write-only: sent in requests, never returned in responses.");

  if (parts.changed !== undefined) {
    const versions = Object.keys(parts.changed).sort(compareVersions);
    for (const version of versions) {
      const label = escapeCommentText(`**Changed in Matrix ${oneLine(version)}:**`);
      const note = prose(parts.changed[version], parts.linkBase);
      add(note === "" ? label : `${label} ${note}`);
    }
  }

  const tags: string[] = [];
  if (parts.default !== undefined) tags.push(...jsonTag("@default", parts.default));
  if (parts.example !== undefined) tags.push(...jsonTag("@example", parts.example));
  if (parts.since !== undefined && oneLine(parts.since) !== "") {
    tags.push(`@since Matrix ${escapeCommentText(oneLine(parts.since))}`);
  }
  if (parts.deprecated === true) tags.push("@deprecated");

  const body: string[] = paragraphs.join("\n\n").split("\n");
  if (paragraphs.length === 0) body.length = 0;
  if (tags.length > 0) {
    if (body.length > 0) body.push("");
    body.push(...tags);
  }
  if (body.length === 0) return "";

  const lines = [`${indent}/**`];
  for (const line of body) lines.push(line === "" ? `${indent} *` : `${indent} * ${line}`);
  lines.push(`${indent} */`);
  return `${lines.join("\n")}\n`;
}
