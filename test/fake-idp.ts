// A small OpenID Provider on loopback for the SSO integration tests: discovery, JWKS and a token
// endpoint that answers with an ID token the test shapes (to craft wrong nonce/iss/aud/exp or a
// foreign signature). The browser story (e2e/sso.spec.ts) uses the real oidc-provider instead.
import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { IdentityProviderInput } from "@/lib/schemas/identity-providers";
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from "jose";

export interface FakeIdp {
  issuer: string;
  clientId: string;
  /** The nonce of the authorization request the next token response answers. */
  nonce: string;
  setIdToken(shape: (nonce: string) => { claims?: JWTPayload; signWithForeignKey?: boolean }): void;
  /**
   * An Identity Assertion JWT Authorization Grant as the IdP's token exchange would issue it
   * (SEP-990 §4.3), signed with the published key; `header` and `key` shape the negative cases.
   */
  mintIdJag(
    claims: JWTPayload,
    options?: { header?: Record<string, unknown>; key?: "foreign" | Uint8Array; lifetime?: number },
  ): Promise<string>;
  tokenRequests: URLSearchParams[];
  close(): Promise<void>;
}

/** The Settings form's values for a provider at this IdP (service input), with overrides. */
export function fakeIdpProviderInput(
  idp: Pick<FakeIdp, "issuer" | "clientId">,
  overrides: Partial<IdentityProviderInput> = {},
): IdentityProviderInput {
  return {
    preset: "oidc",
    label: "Test IdP",
    slug: `idp-${randomUUID().slice(0, 8)}`,
    issuer: idp.issuer,
    clientId: idp.clientId,
    clientSecret: "s3cret-value",
    allowedDomains: "corp.example",
    jitEnabled: "on",
    requireEmailVerified: "on",
    emailClaim: "email",
    nameClaim: "name",
    groupsClaim: "",
    enabled: "on",
    ...overrides,
  };
}

export async function startFakeIdp(clientId = "gatehouse-test"): Promise<FakeIdp> {
  const { publicKey, privateKey } = await generateKeyPair("ES256");
  const foreign = await generateKeyPair("ES256");
  const jwk = { ...(await exportJWK(publicKey)), kid: "k1", alg: "ES256", use: "sig" };
  const tokenRequests: URLSearchParams[] = [];
  let shape: (nonce: string) => { claims?: JWTPayload; signWithForeignKey?: boolean } = () => ({});
  let issuer = "";
  let lastNonce = "";

  const mint = async (nonce: string) => {
    const { claims = {}, signWithForeignKey } = shape(nonce);
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({
      iss: issuer,
      aud: clientId,
      sub: "subject-1",
      email: "ada@corp.example",
      email_verified: true,
      name: "Ada",
      nonce,
      iat: now,
      exp: now + 300,
      ...claims,
    })
      .setProtectedHeader({ alg: "ES256", kid: "k1", typ: "JWT" })
      .sign(signWithForeignKey ? foreign.privateKey : privateKey);
  };

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", issuer);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === "/.well-known/openid-configuration")
      return json(200, {
        issuer,
        authorization_endpoint: `${issuer}/auth`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ["code"],
        subject_types_supported: ["public"],
        id_token_signing_alg_values_supported: ["ES256"],
        code_challenge_methods_supported: ["S256"],
        token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
        authorization_response_iss_parameter_supported: true,
      });
    if (url.pathname === "/jwks") return json(200, { keys: [jwk] });
    if (url.pathname === "/token" && req.method === "POST") {
      let body = "";
      for await (const chunk of req) body += chunk;
      const params = new URLSearchParams(body);
      tokenRequests.push(params);
      if (!params.get("code_verifier")) return json(400, { error: "invalid_grant" });
      return json(200, { access_token: "at", token_type: "Bearer", expires_in: 300, id_token: await mint(lastNonce) });
    }
    json(404, { error: "not_found" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    clientId,
    setIdToken(next) {
      shape = next;
    },
    tokenRequests,
    async mintIdJag(claims, options = {}) {
      const now = Math.floor(Date.now() / 1000);
      const header = { alg: "ES256", kid: "k1", typ: "oauth-id-jag+jwt", ...options.header };
      const signer = new SignJWT({
        iss: issuer,
        sub: "subject-1",
        jti: randomUUID(),
        iat: now,
        exp: now + (options.lifetime ?? 300),
        ...claims,
      }).setProtectedHeader(header as { alg: string });
      const key = options.key === "foreign" ? foreign.privateKey : (options.key ?? privateKey);
      return signer.sign(key);
    },
    get nonce() {
      return lastNonce;
    },
    set nonce(value: string) {
      lastNonce = value;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
