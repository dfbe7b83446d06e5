// The lean HTTP adapter for the hot protocol endpoints (token, introspection, revocation): Node's
// IncomingMessage in, the endpoint's ProtocolResponse written straight to the ServerResponse out.
// No Web Request, Response or stream on the way: the App Router wraps every request in all three,
// and on this hardware that wrapping cost more CPU than issuing the token (issue 4). Next.js serves
// these as Pages Router API routes (pages/api/oauth/[slug]/…), which hand over Node's own objects;
// the public URLs /oauth/{slug}/token|introspect|revoke reach them through a rewrite in
// next.config.ts. Nothing here knows Next.js: a bare node:http server can mount the same handler.
import type { IncomingMessage, ServerResponse } from "node:http";
import { jsonNoStoreResult } from "@/lib/oauth/errors";
import { corsPreflightResult, withCorsResult } from "@/lib/oauth/metadata";
import type { ProtocolRequest, ProtocolResponse } from "@/lib/oauth/protocol-http";
import { logger } from "@/lib/logger";
import { stampRequest } from "./front-door";

/** Form bodies of these endpoints are a few hundred bytes; anything longer is refused (413). */
export const MAX_BODY_BYTES = 64 * 1024;

export type ProtocolEndpoint = (request: ProtocolRequest, slug: string) => Promise<ProtocolResponse>;

/** Next.js puts the route's dynamic segments in `query`; a bare server sets it itself. */
export type NodeRequest = IncomingMessage & { query?: Partial<Record<string, string | string[]>> };

const TOO_LARGE = withCorsResult(
  jsonNoStoreResult(
    { error: "invalid_request", error_description: `The request body is larger than ${MAX_BODY_BYTES} bytes.` },
    413,
    { Connection: "close" },
  ),
);
const NO_SERVER = withCorsResult(
  jsonNoStoreResult({ error: "invalid_request", error_description: "Unknown MCP server." }, 404),
);
const FAILED = withCorsResult(
  jsonNoStoreResult({ error: "server_error", error_description: "The authorization server failed unexpectedly." }, 500),
);

export function nodeEndpoint(endpoint: ProtocolEndpoint): (req: NodeRequest, res: ServerResponse) => Promise<void> {
  return async function handle(req, res) {
    let result: ProtocolResponse;
    try {
      const slug = req.query?.slug;
      if (typeof slug !== "string") result = NO_SERVER;
      else if (req.method === "OPTIONS") result = corsPreflightResult();
      else {
        const body = await readBody(req);
        result = body === null ? TOO_LARGE : await endpoint(protocolRequest(req, body), slug);
      }
    } catch (err) {
      // The path only: a misbehaving client may put credentials in the query string.
      logger.error("oauth.adapter_failed", { path: (req.url ?? "").split("?")[0], err });
      result = FAILED;
    }
    writeResult(res, result);
  };
}

/** The body as text, or null when it exceeds MAX_BODY_BYTES (the rest is not read). */
export function readBody(req: IncomingMessage): Promise<string | null> {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > MAX_BODY_BYTES) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.off("data", onData);
        req.off("end", onEnd);
        resolve(null);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () =>
      resolve(chunks.length === 1 ? chunks[0]!.toString("utf8") : Buffer.concat(chunks).toString("utf8"));
    req.on("data", onData);
    req.once("end", onEnd);
    // A client that hangs up mid-body: Node reports it as an error ("aborted"), which settles this.
    req.once("error", reject);
  });
}

function protocolRequest(req: IncomingMessage, body: string): ProtocolRequest {
  // Under `next start` the front door already stamped the request; a bare server did not.
  stampRequest(req);
  const headers = req.headers;
  return {
    method: req.method ?? "GET",
    headers: {
      get(name) {
        const value = headers[name.toLowerCase()];
        if (value === undefined) return null;
        return Array.isArray(value) ? value.join(", ") : value;
      },
    },
    text: () => Promise.resolve(body),
  };
}

function writeResult(res: ServerResponse, result: ProtocolResponse): void {
  res.statusCode = result.status;
  for (const [name, value] of Object.entries(result.headers)) res.setHeader(name, value);
  res.end(result.body ?? undefined);
}
