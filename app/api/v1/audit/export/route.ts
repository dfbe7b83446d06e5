import { jsonRoute } from "@/lib/api/json-route";
import { auditCsvHeader, auditCsvRow, iterateAuditEvents, parseAuditFilter } from "@/lib/services";

/** The filtered audit log as CSV, streamed in batches so a large export stays flat in memory. */
export const GET = jsonRoute("audit.read", async (req, ctx) => {
  const input = Object.fromEntries(new URL(req.url).searchParams);
  // Checked before streaming starts, so an inverted date range is a 422 and not a broken download.
  parseAuditFilter(input);
  const events = iterateAuditEvents({ ctx, input });
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(auditCsvHeader()));
    },
    async pull(controller) {
      const next = await events.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(auditCsvRow(next.value)));
    },
  });
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="gatehouse-audit-${stamp}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
