// Example of what the client emitter should generate (copy this calling
// convention). In a generated package the runtime is copied next to it as
// `runtime.ts`; here it is imported from its source location.
import { buildUrl, createClient, request } from "../../generator/runtime/index.js";
import type {
  CallOptions,
  Client,
  ClientOptions,
  Operation,
  RedirectResult,
  Result,
  Validator,
} from "../../generator/runtime/index.js";

export { createClient, type Client, type ClientOptions };

// --- types and validators (normally emitted by openapi-typescript / Ajv standalone) ---
export interface GetAuthMetadataResponse {
  issuer: string;
  authorization_endpoint: string;
}

/** Stands in for an Ajv standalone validator: a type guard with `.errors`. */
export const isGetAuthMetadataResponse: ((v: unknown) => v is GetAuthMetadataResponse) & Validator = Object.assign(
  (v: unknown): v is GetAuthMetadataResponse => {
    const errors: { instancePath: string; message: string }[] = [];
    if (typeof v !== "object" || v === null || Array.isArray(v))
      errors.push({ instancePath: "", message: "must be object" });
    else
      for (const k of ["issuer", "authorization_endpoint"])
        if (typeof (v as Record<string, unknown>)[k] !== "string")
          errors.push({ instancePath: `/${k}`, message: "must be string" });
    isGetAuthMetadataResponse.errors = errors.length ? errors : null;
    return !errors.length;
  },
  { errors: null },
);

// --- one descriptor per operation (`{name}` in path = required path param) ---
const getAuthMetadataOp: Operation = {
  method: "GET",
  base: "/_matrix/client/v1",
  path: "/auth_metadata",
  cache: true,
  validate: { 200: isGetAuthMetadataResponse },
};
const redirectToIdPOp: Operation = {
  method: "GET",
  base: "/_matrix/client/v3",
  path: "/login/sso/redirect/{idpId}",
  query: ["redirectUrl"],
  redirect: true,
};

// --- one plain function per operation (tree-shakeable) ---
/** GET /_matrix/client/v1/auth_metadata */
export const getAuthMetadata = (client: Client, init?: CallOptions) =>
  request<Result<GetAuthMetadataResponse>>(client, getAuthMetadataOp, {}, init);

/** GET /_matrix/client/v3/login/sso/redirect/{idpId}, fetched without following (Node/servers). */
export const redirectToIdP = (client: Client, params: { idpId: string; redirectUrl: string }, init?: CallOptions) =>
  request<RedirectResult<{ location?: string }>>(client, redirectToIdPOp, params, init);

/** The same as a URL for a browser to navigate to. */
export const redirectToIdPUrl = (
  client: Pick<ClientOptions, "baseUrl" | "servers">,
  params: { idpId: string; redirectUrl: string },
) => buildUrl(client, redirectToIdPOp, params);
