// "Continue with <provider>": a PendingLogin row, then off to the IdP (code + PKCE + state + nonce).
import { newId } from "@/lib/ids";
import { requestMeta } from "@/lib/request-meta";
import { NotFoundError, startUpstreamLogin, systemContext } from "@/lib/services";

export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  const { slug } = await params;
  const url = new URL(request.url);
  const ctx = systemContext("sign-in", { requestId: newId("request"), ...requestMeta(request.headers) });
  const returnTo = url.searchParams.get("returnTo");
  try {
    const start = await startUpstreamLogin({
      ctx,
      input: { slug, returnTo, loginHint: url.searchParams.get("login_hint") },
    });
    return new Response(null, { status: 303, headers: { Location: start.url, "Cache-Control": "no-store" } });
  } catch (err) {
    const reason = err instanceof NotFoundError ? "provider_unavailable" : "discovery_failed";
    if (!(err instanceof NotFoundError))
      console.error(JSON.stringify({ msg: "sso start failed", slug, error: String(err) }));
    const refused = `/sign-in/refused?reason=${reason}&returnTo=${encodeURIComponent(returnTo ?? "/")}`;
    return new Response(null, { status: 303, headers: { Location: refused, "Cache-Control": "no-store" } });
  }
}
