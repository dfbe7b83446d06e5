// Runs once when a server instance starts, before it serves requests: put the edge guard in front
// of every route (lib/http/edge-guard.ts), apply migrations, create the demo MCP server on the very
// first start, make sure the secret exists.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { installEdgeGuard } = await import("./lib/http/edge-guard");
  installEdgeGuard();
  const { boot } = await import("./lib/boot");
  await boot();
}
