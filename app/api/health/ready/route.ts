import { checkReadiness, liveReadinessChecks } from "@/lib/health/readiness";

// Asked of this process, now.
export const dynamic = "force-dynamic";

/** 200 {status:"ok"} when this instance can take traffic, else 503 with the reason (lib/health/readiness.ts). */
export async function GET(): Promise<Response> {
  const readiness = await checkReadiness(liveReadinessChecks());
  const headers = { "Cache-Control": "no-store" };
  if (readiness.ready) return Response.json({ status: "ok" }, { headers });
  const { reason, pending } = readiness;
  return Response.json({ status: "unavailable", reason, ...(pending ? { pending } : {}) }, { status: 503, headers });
}
