// Express middleware (typed structurally: no dependency on express). Put it after express.json() when
// scopes depend on the body (e.g. scopesForToolCalls(req.body, …)).
import type { IncomingMessage, ServerResponse } from "node:http";
import type { McpAuthInfo } from "../mcp.ts";
import type { ResourceVerifier } from "../verifier.ts";
import { authorizeNode } from "./node.ts";

type ExpressRequest = IncomingMessage & { auth?: McpAuthInfo; body?: unknown };
type Next = (err?: unknown) => void;

export interface RequireAccessOptions {
  /** Scopes every request needs, or a function of the request (e.g. of the JSON-RPC body). */
  scopes?: readonly string[] | ((req: ExpressRequest) => readonly string[]);
}

export function requireAccess(verifier: ResourceVerifier, options: RequireAccessOptions = {}) {
  return (req: ExpressRequest, res: ServerResponse, next: Next): void => {
    const scopes = typeof options.scopes === "function" ? options.scopes(req) : (options.scopes ?? []);
    authorizeNode(verifier, req, res, scopes).then((access) => {
      if (access) next();
    }, next);
  };
}
