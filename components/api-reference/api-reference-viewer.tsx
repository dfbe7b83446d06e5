"use client";

import dynamic from "next/dynamic";
import { Skeleton } from "@/components/ui/skeleton";

// Scalar is large (a Vue app with its own styles): loaded only on this page, in the browser, so the
// list pages never pay for it.
const ApiReferenceReact = dynamic(() => import("@scalar/api-reference-react").then((m) => m.ApiReferenceReact), {
  ssr: false,
  loading: () => <Skeleton className="h-[70vh] w-full" aria-label="Loading the API reference" />,
});

/** The interactive reference of /api/v1, read from the public OpenAPI document. */
export function ApiReferenceViewer({ specUrl }: { specUrl: string }) {
  return (
    <div className="overflow-hidden rounded-lg border">
      <ApiReferenceReact
        configuration={{
          url: specUrl,
          // Loopback-friendly: no fonts from Scalar's CDN, no telemetry, no hosted client or proxy.
          withDefaultFonts: false,
          telemetry: false,
          hideClientButton: true,
          showDeveloperTools: "never",
          hideDownloadButton: false,
          hideModels: false,
        }}
      />
    </div>
  );
}
