// Why a sign-in through an identity provider was refused, in words. The callback sends the browser
// to /sign-in/refused?reason=…; only these fixed texts are shown there (never text from the URL).
// Client-safe.
export const SSO_REFUSALS = {
  missing_state: "The identity provider's answer carried no state. Start the sign-in again.",
  unknown_state: "This sign-in has expired or was already used. Start again from the sign-in page.",
  wrong_provider: "The answer arrived at another identity provider's address than the one this sign-in started with.",
  provider_unavailable: "This identity provider is turned off or was removed.",
  discovery_failed:
    "Gatehouse could not read the identity provider's configuration. Ask your administrator to test the connection.",
  upstream_error: "The identity provider refused the sign-in.",
  bad_response_iss:
    "The answer names another identity provider than the one this sign-in started with (RFC 9207 mix-up defence).",
  bad_state: "The answer does not belong to this sign-in.",
  bad_nonce: "The ID token does not belong to this sign-in (its nonce does not match): it may have been replayed.",
  bad_iss: "The ID token was issued by another issuer than this identity provider.",
  bad_aud: "The ID token was issued for another application (its audience is not Gatehouse's client ID).",
  expired: "The ID token has expired or is not valid yet. If this persists, check the clocks of both servers.",
  bad_signature: "The ID token's signature does not match the identity provider's published keys.",
  bad_claim: "The ID token's claims do not match this sign-in.",
  no_id_token: "The identity provider sent no ID token.",
  token_failed: "The identity provider's answer failed a check.",
  no_email:
    "The identity provider did not say which email address you have. Ask your administrator to check the claim mapping.",
  email_unverified: "The identity provider has not verified your email address, so Gatehouse cannot trust it.",
  foreign_domain: "This identity provider may not sign in people from your email domain.",
  link_refused:
    "A Gatehouse account with this email already exists, and this identity provider may not claim it (the email must be verified and in one of the provider's domains). Sign in with your password, or ask an administrator.",
  no_account:
    "You have no Gatehouse account, and this identity provider does not create accounts. Ask your administrator for access.",
  disabled: "Your Gatehouse account is disabled.",
} as const;

export type SsoRefusal = keyof typeof SSO_REFUSALS;

export function isSsoRefusal(value: unknown): value is SsoRefusal {
  return typeof value === "string" && Object.hasOwn(SSO_REFUSALS, value);
}
