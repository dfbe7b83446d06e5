// A metadata-document client's logo, as Gatehouse fetched and checked it (CIMD-18). Served with
// its checked type, no sniffing, and a CSP that forbids everything, so even a hostile image file
// cannot run script on this origin.
import { getClientLogo, systemContext } from "@/lib/services";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  const logo = await getClientLogo(systemContext("client-logo"), id);
  if (!logo)
    return new Response("Not found", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  return new Response(new Uint8Array(logo.bytes), {
    headers: {
      "Content-Type": logo.contentType,
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Content-Disposition": "inline",
      // The URL carries a version (?v=) that changes with every fetch.
      "Cache-Control": "public, max-age=86400",
      "Cross-Origin-Resource-Policy": "same-origin",
    },
  });
}
