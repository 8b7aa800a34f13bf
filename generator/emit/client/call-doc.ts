/**
 * The documentation of one stub: its method and path, what it resolves to and rejects with,
 * what it sends, and one line per declared status. Spec text reaches it only through
 * {@link docComment}, which escapes it.
 *
 * @module
 */
import { errorStatus } from "../../model/status.js";
import type { OperationModel, SpecModel } from "../../model/types.js";
import type { Code } from "../code.js";
import { docComment } from "../comment.js";
import { answerNote, answerPlan, bodiesNote, picksMedia } from "./media.js";
import { errorBodies, matrixErrors } from "./operation.js";

/**
 * One line per declared status: the first paragraph of its description, and the type of its JSON
 * body (a failure's body arrives as the error's `data`).
 */
function statusLines(op: OperationModel): string {
  return op.responses
    .map((r) => {
      // the first paragraph, on one line
      const summary = (r.description ?? "")
        .trim()
        .split(/\n\s*\n/)[0]!
        .replace(/\s+/g, " ");
      const type = op.responseTypes.find((t) => t.status === r.status)?.name;
      const body = type ? ` (\`${type}\`${errorStatus(r.status) ? ", the error's `data`" : ""})` : "";
      return `- \`${r.status}\`${body}${summary ? `: ${summary}` : ""}`;
    })
    .join("\n");
}

/** For an operation with a server of its own origin: that its requests do not go to the client's `baseUrl`. */
const serverNote = (op: OperationModel) =>
  op.serverOrigin === undefined
    ? ""
    : ` Sent to this origin, not to the client's \`baseUrl\`, unless the client's \`servers\` maps it elsewhere.`;

const BYTES_NOTE =
  "Resolves to the body as a `Blob` of the response's Content-Type (at most `maxBodyBytes`, as for JSON). ";

const REDIRECT_NOTE =
  'A redirect endpoint: fetched with `redirect: "manual"`, it resolves to the `Location` ' +
  "(never followed, never a non-http(s) URL). That `Location` is bound to the cookies the server set on " +
  "this answer for the user agent that fetched it (an SSO server refuses the login at its callback in any " +
  "other agent), so a browser must navigate to the URL from the `…Url` builder itself.";

/** For an operation with cookie parameters: where they go, and that browsers do not let them. */
const cookieNote = (op: OperationModel) =>
  op.parameters.some((p) => p.in === "cookie")
    ? "Its cookie parameters go out in one `Cookie` header (`form` style), which browsers drop from `fetch`: " +
      "there the browser's own cookies are sent."
    : "";

/** What a stub's documentation says it rejects with: MatrixError only where the spec's error bodies have `errcode`. */
function rejects(op: OperationModel): string {
  const matrix = matrixErrors(op) ? "`MatrixError` for a Matrix error body (with `errcode`), " : "";
  const typed = errorBodies(op).length ? ` (narrow a declared one with \`is${op.typeName}Error\`)` : "";
  const http =
    `\`HttpError\` for ${matrix ? "another" : "a"} failure status, ` +
    "with its `status` and, for a JSON body, the parsed `data`";
  const invalid = "`ResponseValidationError` when a body does not match the schema declared for its status.";
  return `Rejects with ${matrix}${http}${typed}; ${invalid}`;
}

/** What the call resolves to (for other than JSON) and rejects with. */
function answerText(op: OperationModel): string {
  if (op.redirect) return REDIRECT_NOTE;
  return (answerPlan(op) ? answerNote(op) : op.answersBytes ? BYTES_NOTE : "") + rejects(op);
}

/** What the call sends as its body, if it has one. */
function bodyText(op: OperationModel): string {
  if (picksMedia(op)) return bodiesNote(op);
  const body = op.requestBody;
  if (!body) return "";
  const media = body.mediaType ? `\`${body.mediaType}\`` : "as given";
  return ` Sends \`init.body\` (${media}${body.json ? ", JSON-encoded" : ""}).`;
}

/** The JSDoc block of an operation's stub. */
export function callDoc(op: OperationModel, spec: SpecModel): Code {
  const where = `${op.method} ${op.serverOrigin ?? ""}${op.basePath}${op.path}`;
  return docComment({
    title: op.summary,
    summary: `${where} (\`${op.operationId}\`).${serverNote(op)}`,
    description: [op.description, answerText(op) + bodyText(op), cookieNote(op), statusLines(op)]
      .filter((part) => part)
      .join("\n\n"),
    since: op.since,
    changed: op.changed,
    linkBase: spec.linkBase,
    deprecated: op.deprecated,
  });
}
