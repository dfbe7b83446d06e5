// The redirect URI registered at the IdP (shown on the provider's settings page). The service
// validates the answer and mints a one-time login ticket; Auth.js's "sso" provider redeems it and
// sets the session cookie, then the browser goes back to where it was going (e.g. the MCP consent
// screen). A refusal goes to a page that says why, in words.
import { signIn } from "@/lib/auth/auth";
import { newId } from "@/lib/ids";
import { requestMeta } from "@/lib/request-meta";
import { finishUpstreamLogin, SsoRefusedError, systemContext } from "@/lib/services";

function seeOther(location: string): Response {
  return new Response(null, { status: 303, headers: { Location: location, "Cache-Control": "no-store" } });
}

export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  const { slug } = await params;
  const ctx = systemContext("sign-in", { requestId: newId("request"), ...requestMeta(request.headers) });
  let finished;
  try {
    finished = await finishUpstreamLogin({ ctx, input: { slug, callbackUrl: new URL(request.url) } });
  } catch (err) {
    if (!(err instanceof SsoRefusedError)) throw err;
    return seeOther(`/sign-in/refused?reason=${err.reason}&returnTo=${encodeURIComponent(err.returnTo)}`);
  }
  // redirect: false: Auth.js sets the cookie through next/headers and hands back the URL.
  await signIn("sso", { ticket: finished.ticket, redirect: false });
  return seeOther(finished.returnTo);
}
