import type { NextConfig } from "next";
import { COMMON_SECURITY_HEADERS, CONTENT_SECURITY_POLICY } from "./lib/http/security-headers";

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
  async headers() {
    // The protocol endpoints that the protocol front answers (lib/http/protocol-front.ts) never
    // reach Next.js: the front sets the same headers (lib/http/security-headers.ts).
    const common = [...COMMON_SECURITY_HEADERS];
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
        headers: [{ key: "Content-Security-Policy", value: CONTENT_SECURITY_POLICY }, ...common],
      },
    ];
  },
};

export default nextConfig;
