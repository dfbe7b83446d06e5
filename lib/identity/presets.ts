// Presets for the "Add identity provider" form: they pre-fill the issuer pattern, scopes and
// claims each IdP is known to use. Client-safe (the form shows them). The values are what the
// vendors document; docs/sso.md says what to enter on the IdP's side.
export const PRESET_IDS = ["entra", "okta", "google", "auth0", "keycloak", "oidc"] as const;
export type PresetId = (typeof PRESET_IDS)[number];

export interface IdpPreset {
  id: PresetId;
  name: string;
  /** What the one input of the preset is (tenant ID, org URL…); null when the issuer is fixed. */
  input: { label: string; placeholder: string; hint: string } | null;
  /** Builds the issuer from that input. */
  issuer(input: string): string;
  scopes: string[];
  emailClaim: string;
  nameClaim: string;
  groupsClaim: string | null;
}

const trimUrl = (v: string) => v.trim().replace(/\/+$/, "");
const withScheme = (v: string) => (/^https?:\/\//i.test(v) ? trimUrl(v) : `https://${trimUrl(v)}`);

export const IDP_PRESETS: Record<PresetId, IdpPreset> = {
  entra: {
    id: "entra",
    name: "Microsoft Entra ID",
    input: {
      label: "Directory (tenant) ID",
      placeholder: "00000000-0000-0000-0000-000000000000",
      hint: "Entra admin center → Overview → Tenant ID.",
    },
    issuer: (tenant) => `https://login.microsoftonline.com/${tenant.trim()}/v2.0`,
    scopes: ["openid", "email", "profile"],
    // Entra puts the sign-in name in preferred_username; `email` is only present when the user has a mailbox.
    emailClaim: "email",
    nameClaim: "name",
    groupsClaim: "groups",
  },
  okta: {
    id: "okta",
    name: "Okta",
    input: { label: "Okta org URL", placeholder: "https://example.okta.com", hint: "Your Okta domain." },
    issuer: (org) => withScheme(org),
    scopes: ["openid", "email", "profile", "groups"],
    emailClaim: "email",
    nameClaim: "name",
    groupsClaim: "groups",
  },
  google: {
    id: "google",
    name: "Google Workspace",
    input: null,
    issuer: () => "https://accounts.google.com",
    scopes: ["openid", "email", "profile"],
    emailClaim: "email",
    nameClaim: "name",
    groupsClaim: null,
  },
  auth0: {
    id: "auth0",
    name: "Auth0",
    input: { label: "Auth0 domain", placeholder: "example.eu.auth0.com", hint: "Applications → Settings → Domain." },
    // Auth0's issuer ends with a slash; discovery compares it exactly.
    issuer: (domain) => `${withScheme(domain)}/`,
    scopes: ["openid", "email", "profile"],
    emailClaim: "email",
    nameClaim: "name",
    groupsClaim: null,
  },
  keycloak: {
    id: "keycloak",
    name: "Keycloak",
    input: {
      label: "Realm URL",
      placeholder: "https://sso.example.com/realms/acme",
      hint: "Realm settings → Endpoints → OpenID Endpoint Configuration, without /.well-known/….",
    },
    issuer: (realm) => withScheme(realm).replace(/\/\.well-known\/openid-configuration$/, ""),
    scopes: ["openid", "email", "profile"],
    emailClaim: "email",
    nameClaim: "name",
    groupsClaim: "groups",
  },
  oidc: {
    id: "oidc",
    name: "OpenID Connect",
    input: { label: "Issuer URL", placeholder: "https://idp.example.com", hint: "The IdP's issuer identifier." },
    issuer: (issuer) => trimUrl(issuer),
    scopes: ["openid", "email", "profile"],
    emailClaim: "email",
    nameClaim: "name",
    groupsClaim: null,
  },
};

export function isPresetId(value: unknown): value is PresetId {
  return typeof value === "string" && (PRESET_IDS as readonly string[]).includes(value);
}
