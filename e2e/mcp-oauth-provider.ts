// An in-memory OAuthClientProvider for the official MCP SDK client, as an MCP client application
// (a native app with a loopback redirect) would implement it. It records every call the SDK makes,
// so a test can see what the SDK did: which tokens it saved, and where it sent the user.
import { randomBytes } from "node:crypto";
import type { OAuthClientProvider } from "@modelcontextprotocol/sdk/client/auth.js";
import type {
  OAuthClientInformationMixed,
  OAuthClientMetadata,
  OAuthTokens,
} from "@modelcontextprotocol/sdk/shared/auth.js";

export interface E2EOAuthProviderOptions {
  /** The loopback redirect URI (nothing listens there: the browser navigation to it is intercepted). */
  redirectUrl: string;
  clientName?: string;
  /**
   * A Client ID Metadata Document URL: the SDK presents it as client_id (instead of registering)
   * when the authorization server advertises client_id_metadata_document_supported.
   */
  clientMetadataUrl?: string;
}

export class E2EOAuthProvider implements OAuthClientProvider {
  private readonly _redirectUrl: string;
  private readonly clientName: string;
  readonly clientMetadataUrl: string | undefined;
  private _clientInformation: OAuthClientInformationMixed | undefined;
  private _tokens: OAuthTokens | undefined;
  private _codeVerifier: string | undefined;

  /** Every state this provider handed out, last one last. */
  readonly states: string[] = [];
  /** Every authorization URL the SDK asked us to open, last one last. */
  readonly authorizationUrls: URL[] = [];
  /** Every token set the SDK saved, in order (initial exchange first, then refreshes). */
  readonly savedTokens: OAuthTokens[] = [];
  /** Every registration the SDK saved. */
  readonly savedClientInformation: OAuthClientInformationMixed[] = [];
  /** What the SDK asked us to forget, in order. */
  readonly invalidations: string[] = [];

  constructor(options: E2EOAuthProviderOptions) {
    this._redirectUrl = options.redirectUrl;
    this.clientName = options.clientName ?? "E2E MCP client";
    this.clientMetadataUrl = options.clientMetadataUrl;
  }

  get redirectUrl(): string {
    return this._redirectUrl;
  }

  get clientMetadata(): OAuthClientMetadata {
    // application_type (OpenID Connect Dynamic Client Registration §2) is not in the SDK's type;
    // the SDK sends the object as is, so Gatehouse sees it at registration.
    const metadata: OAuthClientMetadata & { application_type: "native" | "web" } = {
      client_name: this.clientName,
      redirect_uris: [this._redirectUrl],
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      token_endpoint_auth_method: "none",
      application_type: "native",
    };
    return metadata;
  }

  state(): string {
    const state = randomBytes(16).toString("base64url");
    this.states.push(state);
    return state;
  }

  clientInformation(): OAuthClientInformationMixed | undefined {
    return this._clientInformation;
  }

  saveClientInformation(clientInformation: OAuthClientInformationMixed): void {
    this._clientInformation = clientInformation;
    this.savedClientInformation.push(clientInformation);
  }

  tokens(): OAuthTokens | undefined {
    return this._tokens;
  }

  saveTokens(tokens: OAuthTokens): void {
    this._tokens = tokens;
    this.savedTokens.push(tokens);
  }

  redirectToAuthorization(authorizationUrl: URL): void {
    this.authorizationUrls.push(authorizationUrl);
  }

  saveCodeVerifier(codeVerifier: string): void {
    this._codeVerifier = codeVerifier;
  }

  codeVerifier(): string {
    if (!this._codeVerifier) throw new Error("No PKCE code verifier saved");
    return this._codeVerifier;
  }

  invalidateCredentials(scope: "all" | "client" | "tokens" | "verifier" | "discovery"): void {
    this.invalidations.push(scope);
    if (scope === "all" || scope === "client") this._clientInformation = undefined;
    if (scope === "all" || scope === "tokens") this._tokens = undefined;
    if (scope === "all" || scope === "verifier") this._codeVerifier = undefined;
  }

  /** The client_id Gatehouse assigned at registration. */
  get clientId(): string {
    if (!this._clientInformation) throw new Error("The client is not registered yet");
    return this._clientInformation.client_id;
  }

  /** The last authorization URL the SDK sent the user to. */
  get lastAuthorizationUrl(): URL {
    const url = this.authorizationUrls.at(-1);
    if (!url) throw new Error("The SDK has not asked for an authorization yet");
    return url;
  }
}
