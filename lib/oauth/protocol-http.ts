// The hot protocol endpoints (token, introspection, revocation) speak plain HTTP values rather than
// a framework's objects. A request is anything with a method, headers.get() and text(): a Web
// Request is one, and so is the lean Node adapter's view of an IncomingMessage. A response is a
// status, headers and an optional body string: route handlers and tests turn it into a Web Response,
// the Node adapter writes it straight to the socket. Building and draining Web Request/Response
// objects costs more than the rest of a client-credentials grant (about 60 µs each), which is why
// the hot path avoids them (issue 4's throughput goal).

export interface HeaderReader {
  get(name: string): string | null;
}

export interface ProtocolRequest {
  readonly method: string;
  readonly headers: HeaderReader;
  text(): Promise<string>;
}

export interface ProtocolResponse {
  status: number;
  headers: Record<string, string>;
  /** A JSON document, or null for an empty body. */
  body: string | null;
}

export function toWebResponse(result: ProtocolResponse): Response {
  return new Response(result.body, { status: result.status, headers: result.headers });
}

export function jsonResult(body: unknown, status = 200, headers: Record<string, string> = {}): ProtocolResponse {
  return { status, headers: { "Content-Type": "application/json", ...headers }, body: JSON.stringify(body) };
}
