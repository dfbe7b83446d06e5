import type { ClientFlow, RegistrationType } from "@/lib/schemas/client-list";

/** Which flow a client uses and why, as the create form says it live. */
export function flowExplanation(flow: ClientFlow, isPublic: boolean): string {
  if (flow === "client_credentials") {
    return "No redirect URIs: this client will use the client-credentials flow and act on its own behalf.";
  }
  const base = "With redirect URIs, this client will use the authorization-code flow with PKCE on behalf of users.";
  return isPublic
    ? `${base} As a public client it gets no secret: PKCE alone protects its authorization codes.`
    : `${base} It gets a client secret for its server-side token requests.`;
}

/** How a client came to exist, in a sentence. */
export function registrationSentence(registration: RegistrationType, createdByLabel: string | null): string {
  switch (registration) {
    case "MANUAL":
      return createdByLabel
        ? `Pre-registered in the dashboard by ${createdByLabel}.`
        : "Pre-registered in the dashboard.";
    case "DYNAMIC":
      return "Registered itself through dynamic client registration (RFC 7591).";
    case "METADATA_DOCUMENT":
      return "Identified by a client ID metadata document (CIMD): its client ID is the URL of that document.";
  }
}

/**
 * What an empty allowed-scopes list means: no ceiling, so the client may ask for every scope its
 * server has now or adds later (clientScopeCeiling in lib/oauth/scope.ts).
 */
export const ALL_SERVER_SCOPES = "All of the server's scopes";

export function allowedScopesText(allowedScopes: readonly string[]): string {
  return allowedScopes.length === 0 ? ALL_SERVER_SCOPES : allowedScopes.join(" ");
}
