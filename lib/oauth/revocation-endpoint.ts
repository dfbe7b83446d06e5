// Token revocation (RFC 7009): a form-encoded POST with `token` and an optional hint, by the client
// the token was issued to. 200 whether or not the token was known (§2.2); the hint only orders the
// search (§2.1), and another client's token is left alone.
import type { AuthenticatableClient } from "./client-auth";
import { authenticateEndpointClient, type ClientLookup } from "./endpoint-client";
import { jsonNoStoreResult, OAuthError, oauthErrorResult } from "./errors";
import { readFormBody } from "./params";
import type { ProtocolRequest, ProtocolResponse } from "./protocol-http";

export interface RevocationDeps<C> extends ClientLookup<C> {
  revoke(client: C, token: string, hint: string | undefined): Promise<void>;
  onUnexpectedError(err: unknown): void;
}

export async function handleRevocationRequest<C extends AuthenticatableClient>(
  request: ProtocolRequest,
  deps: RevocationDeps<C>,
): Promise<ProtocolResponse> {
  const basicAttempted = /^basic\s/i.test(request.headers.get("authorization") ?? "");
  try {
    const { params } = await readFormBody(request);
    const client = await authenticateEndpointClient(request.headers, params, deps);
    const token = params.get("token");
    if (!token) throw new OAuthError("invalid_request", "token is required.");
    await deps.revoke(client, token, params.get("token_type_hint"));
    return { status: 200, headers: { "Cache-Control": "no-store" }, body: null };
  } catch (err) {
    if (err instanceof OAuthError) return oauthErrorResult(err, basicAttempted);
    deps.onUnexpectedError(err);
    return jsonNoStoreResult({ error: "server_error" }, 500);
  }
}
