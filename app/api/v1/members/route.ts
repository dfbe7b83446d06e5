import { jsonRoute } from "@/lib/api/json-route";
import { listMembers } from "@/lib/services";

export const GET = jsonRoute("members.read", async (_req, ctx) => ({ members: await listMembers({ ctx }) }));
