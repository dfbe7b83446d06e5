import type { Prisma } from "@/lib/db/generated/prisma/client";
import { ConflictError } from "../errors";

/** Slug and resource URL are unique: say which one clashes, next to its field, before writing. */
export async function assertServerFieldsFree(
  tx: Prisma.TransactionClient,
  fields: { slug: string; resourceUrl: string },
  exceptId?: string,
): Promise<void> {
  const clashes = await tx.mcpServer.findMany({
    where: {
      OR: [{ slug: fields.slug }, { resourceUrl: fields.resourceUrl }],
      ...(exceptId ? { NOT: { id: exceptId } } : {}),
    },
    select: { slug: true, resourceUrl: true, name: true },
  });
  const errors: Record<string, string[]> = {};
  for (const c of clashes) {
    if (c.slug === fields.slug) errors.slug = [`The slug “${fields.slug}” is already used by ${c.name}.`];
    if (c.resourceUrl === fields.resourceUrl) errors.resourceUrl = [`This resource URL is already used by ${c.name}.`];
  }
  if (Object.keys(errors).length > 0) throw new ConflictError("Another MCP server uses these values.", errors);
}

export function conflictFromUniqueViolation(fields: string[]): ConflictError {
  const text = fields.join(" ");
  const errors: Record<string, string[]> = {};
  if (/slug/i.test(text)) errors.slug = ["This slug is already used by another MCP server."];
  if (/resource/i.test(text)) errors.resourceUrl = ["This resource URL is already used by another MCP server."];
  return new ConflictError("Another MCP server uses these values.", errors);
}
