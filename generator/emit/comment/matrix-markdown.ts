/**
 * The Matrix specification's Hugo markup (shortcodes such as `{{% boxes/warning %}}`, `@since`
 * style version notes, site-relative links) turned into plain Markdown for doc comments. Only
 * text is rewritten; escaping for the comment is escape.ts's job.
 */

/** `{{%` or `{{<`, with optional spaces. */
const OPEN = String.raw`\{\{\s*[%<]\s*`;
/** `%}}` or `>}}`, with optional spaces. */
const CLOSE = String.raw`\s*[%>]\s*\}\}`;

const VERSIONED_RE = new RegExp(String.raw`${OPEN}(added|changed)-in\b([^{}]*?)${CLOSE}`, "g");
const BOX_PAIR_RE = new RegExp(
  String.raw`${OPEN}boxes/([A-Za-z0-9_-]+)${CLOSE}([\s\S]*?)${OPEN}/boxes/\1${CLOSE}`,
  "g",
);
const BOX_OPEN_RE = new RegExp(`${OPEN}boxes/([A-Za-z0-9_-]+)${CLOSE}`, "g");
const ANY_SHORTCODE_RE = new RegExp(`${OPEN}[^{}]*?${CLOSE}`, "g");
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
  return text
    .replace(/^(?:[ \t]*\n)+/, "")
    .replace(/(?:\n[ \t]*)+$/, "")
    .replace(/^[ \t]+/, "")
    .trimEnd();
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
