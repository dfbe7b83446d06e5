// Liveness: the process is up and answering. Nothing else is checked, so a database outage takes
// the instance out of rotation (readiness) without getting it restarted.
export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}
