// The authorization endpoint (GET and POST). No CORS here, ever (META-19).
import { authorizationErrorInterstitial, authorizationErrorPage } from "@/lib/oauth/error-page";
import { currentUser } from "@/lib/auth/session";
import { publicUrl } from "@/lib/request-meta";
import { startAuthorization } from "@/lib/services/oauth/authorization";

async function handle(request: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  const { slug } = await params;
  const outcome = await startAuthorization(request, slug, await currentUser());
  // After a POST, redirects are 303 so the browser does not re-POST (AUTHZ-14).
  const status = request.method === "POST" ? 303 : 302;
  if (outcome.kind === "error_page")
    return authorizationErrorPage(outcome.title, outcome.description, outcome.status, outcome.requestId);
  if (outcome.kind === "interstitial")
    return authorizationErrorInterstitial(outcome.clientName, outcome.description, outcome.location, outcome.requestId);
  const location =
    outcome.kind === "redirect" ? outcome.location : publicUrl(`/oauth/${slug}/consent/${outcome.requestId}`);
  return new Response(null, {
    status: outcome.kind === "consent" ? 303 : status,
    headers: { Location: location, "Cache-Control": "no-store" },
  });
}

export const GET = handle;
export const POST = handle;
