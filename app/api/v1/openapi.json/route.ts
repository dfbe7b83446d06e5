import { buildOpenApiDocument } from "@/lib/api/openapi/document";
import { processWide } from "@/lib/process-state";
import { publicOrigin } from "@/lib/request-meta";

// Built at request time: the document names GATEHOUSE_URL, which the build does not know.
export const dynamic = "force-dynamic";

/**
 * The API's OpenAPI 3.1 description. Public, like most API descriptions: it holds no data, and tools
 * (client generators, API explorers) fetch it without a credential. Built once per process.
 */
export function GET(): Response {
  const body = processWide("openapi-document", () => JSON.stringify(buildOpenApiDocument(publicOrigin())));
  return new Response(body, {
    headers: { "Content-Type": "application/json", "Cache-Control": "public, max-age=300" },
  });
}
