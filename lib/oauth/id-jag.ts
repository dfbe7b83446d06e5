// Identity Assertion JWT Authorization Grants (ID-JAG): the MCP Enterprise-Managed Authorization
// extension (SEP-990) over draft-ietf-oauth-identity-assertion-authz-grant. The employee's company
// IdP, not a consent screen, decides that a client may act for them at one MCP server; the client
// presents the IdP-signed assertion with grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer
// (RFC 7523 §2.1). Pure: the caller resolves the trusted issuer's keys and owns `jti` replay,
// users and tokens. Every failure is `invalid_grant` (RFC 7521 §5.2, RFC 7523 §3.1) with words an
// integrator can act on; the assertion itself is never logged or echoed.
import { decodeJwt, decodeProtectedHeader, errors, jwtVerify, type JWTVerifyGetKey } from "jose";
import { OAuthError } from "./errors";
import { parseScope } from "./scope";

export const JWT_BEARER_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";
/** The `typ` header an ID-JAG must carry (SEP-990 §4.3, RFC 8725 §3.11 explicit typing). */
export const ID_JAG_TYP = "oauth-id-jag+jwt";
/** The grant profile advertised in metadata (`authorization_grant_profiles_supported`). */
export const ID_JAG_PROFILE = "urn:ietf:params:oauth:grant-profile:id-jag";
/** Asymmetric only: `none` and HS* would let anyone holding the public JWKS forge assertions. */
export const ID_JAG_ALGORITHMS = ["ES256", "ES384", "PS256", "RS256", "EdDSA"];
/** Assertions are short-lived by design; one that claims to live longer than this is refused. */
export const ID_JAG_MAX_LIFETIME_SECONDS = 600;
const CLOCK_SKEW_SECONDS = 30;
const MAX_ASSERTION_CHARS = 16 * 1024;

export interface IdJagExpectations {
  /** This authorization server's issuer: the assertion's `aud`. */
  issuer: string;
  /** The MCP server's resource identifier: the assertion's `resource`. */
  resource: string;
  /** The client authenticated on this request: the assertion's `client_id`. */
  clientId: string;
  now: Date;
}

export interface IdJagClaims {
  iss: string;
  sub: string;
  jti: string;
  exp: number;
  /** The scopes the IdP's policy granted; undefined when the assertion names none. */
  scopes: string[] | undefined;
  email?: string;
  emailVerified?: boolean;
  name?: string;
}

/** Keys of a trusted issuer, or undefined when `iss` is not trusted for this MCP server. */
export type TrustedIssuerKeys = (iss: string) => Promise<JWTVerifyGetKey | undefined>;

const refuse = (description: string) => new OAuthError("invalid_grant", description);

/** Reads `iss` without trusting it, to pick the issuer's keys; the signature is checked after. */
function unverifiedIssuer(assertion: string): string {
  let header;
  let payload;
  try {
    header = decodeProtectedHeader(assertion);
    payload = decodeJwt(assertion);
  } catch {
    throw refuse("The assertion is not a signed JWT.");
  }
  if (header.typ !== ID_JAG_TYP) throw refuse(`The assertion's typ must be ${ID_JAG_TYP}.`);
  if (typeof header.alg !== "string" || !ID_JAG_ALGORITHMS.includes(header.alg))
    throw refuse(`The assertion's alg must be one of ${ID_JAG_ALGORITHMS.join(", ")}.`);
  if (typeof payload.iss !== "string" || payload.iss === "") throw refuse("The assertion has no iss.");
  return payload.iss;
}

export async function verifyIdJag(
  assertion: string,
  expected: IdJagExpectations,
  keysFor: TrustedIssuerKeys,
): Promise<IdJagClaims> {
  if (assertion.length > MAX_ASSERTION_CHARS) throw refuse("The assertion is too long.");
  const iss = unverifiedIssuer(assertion);
  const keys = await keysFor(iss);
  if (!keys) throw refuse("The assertion's issuer is not trusted by this MCP server.");
  let payload;
  try {
    ({ payload } = await jwtVerify(assertion, keys, {
      algorithms: ID_JAG_ALGORITHMS,
      typ: ID_JAG_TYP,
      issuer: iss,
      audience: expected.issuer,
      currentDate: expected.now,
      clockTolerance: CLOCK_SKEW_SECONDS,
      requiredClaims: ["sub", "jti", "exp", "iat", "client_id", "resource"],
    }));
  } catch (err) {
    throw refuse(describeJoseFailure(err));
  }
  // jose checked types only for the registered claims it knows; the rest are checked here.
  if (typeof payload.sub !== "string" || payload.sub === "") throw refuse("The assertion's sub is empty.");
  if (typeof payload.jti !== "string" || payload.jti === "" || payload.jti.length > 256)
    throw refuse("The assertion's jti must be a non-empty string.");
  if (payload.client_id !== expected.clientId)
    throw refuse("The assertion was issued to another client than the one authenticated.");
  if (payload.resource !== expected.resource) throw refuse("The assertion names another resource (MCP server).");
  const exp = payload.exp!;
  const iat = payload.iat!;
  if (exp - iat > ID_JAG_MAX_LIFETIME_SECONDS)
    throw refuse(`The assertion must expire within ${ID_JAG_MAX_LIFETIME_SECONDS} seconds of its iat.`);
  if (iat > expected.now.getTime() / 1000 + CLOCK_SKEW_SECONDS) throw refuse("The assertion's iat is in the future.");
  if (payload.scope !== undefined && typeof payload.scope !== "string")
    throw refuse("The assertion's scope must be a space-separated string.");
  return {
    iss,
    sub: payload.sub,
    jti: payload.jti,
    exp,
    scopes: payload.scope === undefined ? undefined : parseScope(payload.scope),
    ...(typeof payload.email === "string" ? { email: payload.email } : {}),
    ...(typeof payload.email_verified === "boolean" ? { emailVerified: payload.email_verified } : {}),
    ...(typeof payload.name === "string" ? { name: payload.name } : {}),
  };
}

function describeJoseFailure(err: unknown): string {
  if (err instanceof errors.JWTExpired) return "The assertion has expired.";
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === "aud") return "The assertion's aud is not this authorization server's issuer.";
    if (err.claim === "typ") return `The assertion's typ must be ${ID_JAG_TYP}.`;
    return `The assertion's ${err.claim} claim is missing or invalid.`;
  }
  if (err instanceof errors.JWKSNoMatchingKey) return "No key of the trusted issuer matches the assertion's kid.";
  if (err instanceof errors.JOSEAlgNotAllowed) return "The assertion's algorithm is not allowed.";
  if (err instanceof errors.JWSSignatureVerificationFailed) return "The assertion's signature is invalid.";
  if (err instanceof errors.JWKSTimeout || err instanceof errors.JOSEError)
    return "The assertion could not be verified against the issuer's keys.";
  return "The assertion could not be verified.";
}

/**
 * The scopes to grant: the request's `scope` (or, without one, the assertion's), which must stay
 * within what the IdP's policy granted and what this client may hold on this server.
 */
export function idJagScopes(
  requested: string | undefined,
  asserted: string[] | undefined,
  ceiling: string[],
): string[] {
  const granted = asserted === undefined ? ceiling : asserted.filter((s) => ceiling.includes(s));
  if (requested === undefined) {
    if (granted.length === 0)
      throw new OAuthError("invalid_scope", "The assertion grants no scope this client may hold.");
    return granted;
  }
  const scopes = parseScope(requested);
  const beyond = scopes.filter((s) => !granted.includes(s));
  if (beyond.length > 0) throw new OAuthError("invalid_scope", `The assertion does not grant: ${beyond.join(" ")}.`);
  if (scopes.length === 0) throw new OAuthError("invalid_scope", "scope is empty.");
  return scopes;
}
