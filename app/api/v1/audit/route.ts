import { jsonRoute } from "@/lib/api/json-route";
import { listAuditEvents } from "@/lib/services";

export const GET = jsonRoute("audit.read", async (req, ctx) =>
  listAuditEvents({ ctx, input: Object.fromEntries(new URL(req.url).searchParams) }),
);
