// After sign-in, a consent that already covers the request issues the code without asking again.
import { currentUser } from "@/lib/auth/session";
import { newId } from "@/lib/ids";
import { logger } from "@/lib/logger";
import { authorizationErrorPage } from "@/lib/oauth/error-page";
import { publicUrl } from "@/lib/request-meta";
import { ServiceError } from "@/lib/services";
import { continueAuthorization } from "@/lib/services/oauth/authorization";

export async function GET(
  _request: Request,
  { params }: { params: Promise<{ slug: string; requestId: string }> },
): Promise<Response> {
  const { slug, requestId } = await params;
  const consentPage = publicUrl(`/oauth/${slug}/consent/${requestId}?ask=1`);
  const user = await currentUser();
  if (!user) return Response.redirect(consentPage, 303);
  try {
    const location = await continueAuthorization(slug, requestId, user);
    return new Response(null, {
      status: 303,
      headers: { Location: location ?? consentPage, "Cache-Control": "no-store" },
    });
  } catch (err) {
    if (err instanceof ServiceError) {
      const reference = newId("request");
      logger.warn("oauth.authorize_continue_refused", { requestId: reference, server: slug, error: err.message });
      return authorizationErrorPage("This authorization cannot continue", err.message, 400, reference);
    }
    throw err;
  }
}
