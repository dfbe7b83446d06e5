import type { NextConfig } from "next";

const isDev = process.env.NODE_ENV !== "production";

// Every response: no framing (clickjacking on consent screens), no MIME sniffing, no referrer to
// other origins. Scripts need 'unsafe-inline' for Next.js's inline bootstrap without nonces.
// No form-action: the consent form ends in a redirect to the client's own redirect URI (any
// origin, or a native scheme like cursor://), which form-action would block in Chromium.
const csp = [
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

const nextConfig: NextConfig = {
  poweredByHeader: false,
  typedRoutes: false,
  // OpenTelemetry's SDK and Prisma's instrumentation (loaded only when tracing is on) patch modules
  // at run time and keep process-wide state: loaded from node_modules, not bundled.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "pg",
    "@prisma/adapter-pg",
    "@opentelemetry/sdk-trace-node",
    "@opentelemetry/exporter-trace-otlp-http",
    "@opentelemetry/resources",
    "@prisma/instrumentation",
    // One copy per process, not one per bundle (lib/metrics/registry.ts).
    "prom-client",
  ],
  // The hot protocol endpoints are Pages Router API routes (lib/http/node-endpoint.ts says why);
  // their public URLs stay those of DESIGN.md's URL map. An afterFiles rewrite: nothing in app/
  // answers these paths, and no other request pays for the match.
  async rewrites() {
    return [{ source: "/oauth/:slug/:endpoint(token|introspect|revoke)", destination: "/api/oauth/:slug/:endpoint" }];
  },
  async headers() {
    const common = [
      { key: "X-Content-Type-Options", value: "nosniff" },
      { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
      { key: "X-Frame-Options", value: "DENY" },
      { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
    ];
    return [
      // Logos fetched from metadata-document clients (CIMD-18): bytes a client chose, so nothing
      // may run or load in their context even when opened directly. Config headers win over a
      // route's own, hence a rule of their own and the exclusion below.
      {
        source: "/api/client-logos/:path*",
        headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; sandbox" }, ...common],
      },
      {
        source: "/:path((?!api/client-logos/).*)",
        headers: [{ key: "Content-Security-Policy", value: csp }, ...common],
      },
    ];
  },
};

export default nextConfig;
