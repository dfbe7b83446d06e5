// The client-authentication step shared by the token, revocation and introspection endpoints,
// with brute-force protection for secrets (GEN-07): failed attempts are counted per client and IP,
// and past the limit the endpoint answers 429 with Retry-After before even checking the secret.
import { authenticatePresentedClient, presentedClient, type AuthenticatableClient } from "./client-auth";
import { OAuthError } from "./errors";
import type { Params } from "./params";
import type { HeaderReader } from "./protocol-http";

export interface FailedAuthLimiter {
  /** Seconds to wait when blocked, or 0. */
  blockedFor(key: string): Promise<number>;
  recordFailure(key: string): Promise<void>;
}

export interface ClientLookup<C> {
  findClient(clientId: string): Promise<C | null>;
  now(): Date;
  limiter?: FailedAuthLimiter;
  clientIp?: string | null;
  /** private_key_jwt: verifies the assertion against the client's keys (client-assertion.ts). */
  verifyAssertion?(client: C, assertion: string): Promise<void>;
}

export async function authenticateEndpointClient<C extends AuthenticatableClient>(
  headers: HeaderReader,
  params: Params,
  deps: ClientLookup<C>,
): Promise<C> {
  const presented = presentedClient(headers, params);
  const key = `client-auth:${presented.clientId}:${deps.clientIp ?? "-"}`;
  const wait = deps.limiter ? await deps.limiter.blockedFor(key) : 0;
  if (wait > 0)
    throw new OAuthError("invalid_client", "Too many failed authentication attempts. Try again later.", 429, {
      "Retry-After": String(wait),
    });
  const client = await deps.findClient(presented.clientId);
  try {
    const authenticated = authenticatePresentedClient(presented, client, deps.now());
    if (presented.clientAssertion !== undefined) {
      if (!deps.verifyAssertion) throw new OAuthError("invalid_client", "private_key_jwt is not available here.");
      await deps.verifyAssertion(authenticated, presented.clientAssertion);
    }
    return authenticated;
  } catch (err) {
    if (presented.clientSecret !== undefined || presented.clientAssertion !== undefined)
      await deps.limiter?.recordFailure(key);
    throw err;
  }
}
