// Runs once when a server instance starts, before it serves requests: see lib/start.ts. The server
// entry (server/main.ts) calls the same function; whichever comes first does the work.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { startGatehouse } = await import("./lib/start");
  await startGatehouse();
}
