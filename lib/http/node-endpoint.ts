// The lean HTTP adapter for the hot protocol endpoints (token, introspection, revocation): Node's
// IncomingMessage in, the endpoint's ProtocolResponse written straight to the ServerResponse out.
// No Web Request, Response or stream on the way: the App Router wraps every request in all three,
// and on this hardware that wrapping cost more CPU than issuing the token (issue 4). The protocol
// front (protocol-front.ts) mounts these handlers on the server's own req/res, before Next.js.
// Nothing here knows Next.js: any node:http server can mount the same handler.
import type { IncomingMessage, ServerResponse } from "node:http";
import { jsonNoStoreResult } from "@/lib/oauth/errors";
import { corsPreflightResult, withCorsResult } from "@/lib/oauth/metadata";
import type { ProtocolRequest, ProtocolResponse } from "@/lib/oauth/protocol-http";
import { logger } from "@/lib/logger";
import { stampRequest } from "./front-door";
import { beforeWriting, nextTurn, type FrontPhases } from "./next-turn";

/** Form bodies of these endpoints are a few hundred bytes; anything longer is refused (413). */
export const MAX_BODY_BYTES = 64 * 1024;

export type ProtocolEndpoint = (request: ProtocolRequest, slug: string) => Promise<ProtocolResponse>;

/** 413 in RFC 6749 error JSON; the connection closes (the rest of the body is not read). */
export function tooLargeResult(limit: number): ProtocolResponse {
  return withCorsResult(
    jsonNoStoreResult(
      { error: "invalid_request", error_description: `The request body is larger than ${limit} bytes.` },
      413,
      { Connection: "close" },
    ),
  );
}
const TOO_LARGE = tooLargeResult(MAX_BODY_BYTES);
const NO_SERVER = withCorsResult(
  jsonNoStoreResult({ error: "invalid_request", error_description: "Unknown MCP server." }, 404),
);
/** 500 in RFC 6749 error JSON, for a handler that threw. */
export const FAILED = withCorsResult(
  jsonNoStoreResult({ error: "server_error", error_description: "The authorization server failed unexpectedly." }, 500),
);

export type NodeHandler = (req: IncomingMessage, res: ServerResponse, slug: string) => Promise<void>;

export function nodeEndpoint(endpoint: ProtocolEndpoint, phases?: FrontPhases): NodeHandler {
  return async function handle(req, res, slug) {
    let result: ProtocolResponse;
    try {
      if (!slug) result = NO_SERVER;
      else if (req.method === "OPTIONS") result = corsPreflightResult();
      else {
        const body = await readBody(req);
        // Read every ready connection first, then handle, then write (next-turn.ts).
        await nextTurn();
        result = body === null ? TOO_LARGE : await endpoint(protocolRequest(req, body), slug);
      }
    } catch (err) {
      // The path only: a misbehaving client may put credentials in the query string.
      logger.error("oauth.adapter_failed", { path: (req.url ?? "").split("?")[0], err });
      result = FAILED;
    }
    await beforeWriting(phases);
    writeResult(res, result);
  };
}

/**
 * Past the cap, a body sent without a Content-Length (chunked) is still read, and thrown away, up
 * to this many bytes before the 413 goes out: answering and closing while the client is still
 * sending makes the kernel reset the connection, and the client never sees the answer. Beyond it,
 * the answer goes out at once and the connection may be reset.
 */
const DISCARD_BYTES = 16 * 1024 * 1024;

/** The body as text, or null when it exceeds `limit` bytes (nothing past the cap is kept). */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string | null> {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > limit) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (size > limit + DISCARD_BYTES) {
        req.off("data", onData);
        req.off("end", onEnd);
        resolve(null);
      } else chunks.length = 0;
    };
    const onEnd = () => {
      if (size > limit) resolve(null);
      else resolve(chunks.length === 1 ? chunks[0]!.toString("utf8") : Buffer.concat(chunks).toString("utf8"));
    };
    req.on("data", onData);
    req.once("end", onEnd);
    // A client that hangs up mid-body: Node reports it as an error ("aborted"), which settles this.
    req.once("error", reject);
  });
}

function protocolRequest(req: IncomingMessage, body: string): ProtocolRequest {
  // The front door stamped the request when instrumentation installed it; a bare server did not.
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

export function writeResult(res: ServerResponse, result: ProtocolResponse): void {
  res.statusCode = result.status;
  for (const [name, value] of Object.entries(result.headers)) res.setHeader(name, value);
  res.end(result.body ?? undefined);
}
