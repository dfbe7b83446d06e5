// The headers on every response, whoever answers it: next.config.ts gives them to Next.js's routes
// and pages, and the protocol front (lib/http/protocol-front.ts) to the endpoints it serves itself.
// Kept in one place so both say exactly the same.

/** Production unless NODE_ENV says otherwise: dev needs 'unsafe-eval' for React's tooling. */
const isDev = process.env.NODE_ENV !== "production";

// Every response: no framing (clickjacking on consent screens), no MIME sniffing, no referrer to
// other origins. Scripts need 'unsafe-inline' for Next.js's inline bootstrap without nonces.
// No form-action: the consent form ends in a redirect to the client's own redirect URI (any
// origin, or a native scheme like cursor://), which form-action would block in Chromium.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${isDev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "object-src 'none'",
].join("; ");

export const COMMON_SECURITY_HEADERS: readonly { key: string; value: string }[] = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

/** What the protocol front sets on each of its responses (the route's own headers come after). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.fromEntries([
  ["Content-Security-Policy", CONTENT_SECURITY_POLICY],
  ...COMMON_SECURITY_HEADERS.map(({ key, value }) => [key, value]),
]);
