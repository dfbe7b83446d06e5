// @gatehouse/mcp-resource-auth: verify OAuth access tokens at an MCP server (RFC 9068 JWTs, Token
// Status List revocation, DPoP), publish RFC 9728 metadata and answer with the challenges MCP clients
// act on (401 with resource_metadata, 403 insufficient_scope for step-up).
export { createResourceVerifier, ACCESS_TOKEN_ALGORITHMS } from "./verifier.ts";
export type {
  AccessResult,
  AccessTokenClaims,
  Refusal,
  RequestLike,
  ResourceVerifier,
  ResourceVerifierOptions,
  TokenFailure,
  VerifiedAccess,
} from "./verifier.ts";
export { impliedScopes, missingScopes, parseScope, type ScopeHierarchy } from "./scopes.ts";
export { rpcMethods, scopesForToolCalls, toAuthInfo, toolCalls, type McpAuthInfo } from "./mcp.ts";
export { protectedResourceMetadata, protectedResourceMetadataUrl, type ProtectedResourceMetadata } from "./metadata.ts";
export { authorizeRequest, metadataResponse, refusalResponse } from "./adapters/web.ts";
export { authorizeNode, nodeRequest, sendRefusal, serveMetadata } from "./adapters/node.ts";
export { requireAccess } from "./adapters/express.ts";
export { decodeStatusBits, statusAt, StatusListUnavailable } from "./status-list.ts";
