// Token introspection (RFC 7662) for authenticated clients. Anything not active — expired,
// revoked, unknown, another server's — is exactly {"active": false} (§2.2).
import type { AuthenticatableClient } from "./client-auth";
import { authenticateEndpointClient, type ClientLookup } from "./endpoint-client";
import { jsonNoStoreResult, OAuthError, oauthErrorResult } from "./errors";
import { readFormBody } from "./params";
import type { ProtocolRequest, ProtocolResponse } from "./protocol-http";

export type Introspection = { active: false } | ({ active: true } & Record<string, unknown>);

export interface IntrospectionDeps<C> extends ClientLookup<C> {
  introspect(client: C, token: string, hint: string | undefined): Promise<Introspection>;
  onUnexpectedError(err: unknown): void;
}

export async function handleIntrospectionRequest<C extends AuthenticatableClient>(
  request: ProtocolRequest,
  deps: IntrospectionDeps<C>,
): Promise<ProtocolResponse> {
  const basicAttempted = /^basic\s/i.test(request.headers.get("authorization") ?? "");
  try {
    const { params } = await readFormBody(request);
    const client = await authenticateEndpointClient(request.headers, params, deps);
    if (!client.isConfidential) throw new OAuthError("invalid_client", "Introspection requires a confidential client.");
    const token = params.get("token");
    if (!token) throw new OAuthError("invalid_request", "token is required.");
    return jsonNoStoreResult(await deps.introspect(client, token, params.get("token_type_hint")));
  } catch (err) {
    if (err instanceof OAuthError) return oauthErrorResult(err, basicAttempted);
    deps.onUnexpectedError(err);
    return jsonNoStoreResult({ error: "server_error" }, 500);
  }
}
