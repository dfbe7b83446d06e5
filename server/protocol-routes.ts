// Which endpoint answers each path of the protocol front (lib/http/protocol-front.ts, paths in
// lib/http/protocol-paths.ts): the binding of the framework-free dispatcher to the services. The
// token, introspection and revocation endpoints run on Node's req/res (lib/http/node-endpoint.ts);
// the others speak Web Request/Response through the front's bridge.
import { createProtocolFront, type Params, type RouteHandler, type WebHandler } from "@/lib/http/protocol-front";
import { nodeEndpoint } from "@/lib/http/node-endpoint";
import type { FrontPhases } from "@/lib/http/next-turn";
import { database } from "@/lib/db/client";
import type { ProtocolPath } from "@/lib/http/protocol-paths";
import { handleDemoMcpRequest } from "@/lib/mcp/demo-server";
import { handleProtectedResourceMetadataRequest } from "@/lib/mcp/protected-resource";
import { withCors } from "@/lib/oauth/metadata";
import { introspectionEndpoint, revocationEndpoint, tokenEndpoint } from "@/lib/services/oauth/endpoints";
import { jwksResponse, metadataResponse } from "@/lib/services/oauth/discovery";
import { registrationEndpoint } from "@/lib/services/oauth/register-client";
import { statusListAggregationResponse, statusListResponse } from "@/lib/services/oauth/status-list-responses";

/**
 * On the embedded database no handler waits on I/O, so answers are written a turn later, together
 * (lib/http/next-turn.ts). Decided once the database is open (a failure to open is asked again).
 */
let embedded: boolean | undefined;
const PHASES: FrontPhases = { deferWrites: () => (embedded ??= database().kind === "pglite") };

const bySlug = (f: (slug: string) => Promise<Response>) => async (_req: Request, p: Params) =>
  withCors(await f(p.slug!));
const metadata = { web: { GET: bySlug(metadataResponse) } };
const mcp: WebHandler = (request, p, body) =>
  handleDemoMcpRequest(request, { slug: p.slug!, ...(body !== undefined ? { body } : {}) });
const resourceMetadata: WebHandler = (request, p) => handleProtectedResourceMetadataRequest(request, { slug: p.slug! });

/** Every endpoint the front answers (paths: protocol-paths.ts; Next.js redirects a trailing slash). */
export const PROTOCOL_HANDLERS: Readonly<Record<ProtocolPath, RouteHandler>> = {
  "/oauth/[slug]/token": { node: nodeEndpoint(tokenEndpoint, PHASES) },
  "/oauth/[slug]/introspect": { node: nodeEndpoint(introspectionEndpoint, PHASES) },
  "/oauth/[slug]/revoke": { node: nodeEndpoint(revocationEndpoint, PHASES) },
  "/oauth/[slug]/register": {
    web: { POST: async (request, p) => withCors(await registrationEndpoint(request, p.slug!)) },
  },
  "/oauth/[slug]/jwks": { web: { GET: bySlug(jwksResponse) } },
  "/oauth/[slug]/status-lists": { web: { GET: bySlug(statusListAggregationResponse) } },
  "/oauth/[slug]/status-lists/[id]": {
    web: {
      GET: async (request, p) =>
        withCors(await statusListResponse(p.slug!, p.id!, request.headers.get("if-none-match"))),
    },
  },
  "/.well-known/oauth-authorization-server/oauth/[slug]": metadata,
  "/.well-known/openid-configuration/oauth/[slug]": metadata,
  "/oauth/[slug]/.well-known/openid-configuration": metadata,
  "/.well-known/oauth-protected-resource/mcp/[slug]": { web: { GET: resourceMetadata, OPTIONS: resourceMetadata } },
  "/mcp/[slug]": { web: { GET: mcp, POST: mcp, DELETE: mcp, OPTIONS: mcp }, bodyText: true },
};

/** Answers a protocol request and returns true, or returns false for Next.js to handle it. */
export const serveProtocol = createProtocolFront(PROTOCOL_HANDLERS, PHASES);
