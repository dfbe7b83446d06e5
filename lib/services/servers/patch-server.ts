import type { ServiceContext } from "../context";
import { getServerBySlug } from "./list-servers";
import type { ServerDto } from "./server-dto";
import { updateServer } from "./update-server";

/**
 * A partial update: fields left out keep their current values (scopes, when sent, replace the list).
 * Used by the API's PATCH and by the Settings page's sections, so both change only what they send;
 * `updateServer` validates the merged settings and writes one `server.updated` event with before/after.
 */
export async function patchServer({
  ctx,
  slug,
  changes,
}: {
  ctx: ServiceContext;
  slug: string;
  changes: Record<string, unknown>;
}): Promise<ServerDto> {
  // Read-only fields of the DTO are not settings; leave them out of the update's input.
  const {
    id,
    issuer: _issuer,
    clientsCount: _c,
    createdAt: _a,
    updatedAt: _u,
    ...current
  } = await getServerBySlug({ ctx, slug });
  // dcrEnabled alone means "open" or "off": the stored mode must not outvote it (dcrMode wins when both are sent).
  const { dcrMode, ...rest } = current;
  const mode = "dcrEnabled" in changes && !("dcrMode" in changes) ? {} : { dcrMode };
  return updateServer({ ctx, input: { ...rest, ...mode, ...changes, serverId: id } });
}
