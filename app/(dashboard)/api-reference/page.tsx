import type { Metadata } from "next";
import Link from "next/link";
import { ApiReferenceViewer } from "@/components/api-reference/api-reference-viewer";
import { PageHeader } from "@/components/ui/page-header";
import { requireStaff } from "@/lib/auth/session";

export const metadata: Metadata = { title: "API reference" };

export default async function ApiReferencePage() {
  await requireStaff("/api-reference", "servers.read");
  return (
    <>
      <PageHeader
        title="API reference"
        description={
          <>
            Every endpoint of the admin API, from its OpenAPI 3.1 document at{" "}
            <a className="font-mono underline" href="/api/v1/openapi.json">
              /api/v1/openapi.json
            </a>
            . Requests you try here run as you; scripts use a key from{" "}
            <Link className="underline" href="/settings/api-keys">
              API keys
            </Link>
            .
          </>
        }
      />
      <ApiReferenceViewer specUrl="/api/v1/openapi.json" />
    </>
  );
}
