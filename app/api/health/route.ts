// Liveness, and the ceiling of a bare Next.js route handler for the benchmarks.
export function GET(): Response {
  return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}
