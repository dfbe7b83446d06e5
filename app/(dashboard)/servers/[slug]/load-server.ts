import { notFound } from "next/navigation";
import { requireStaff } from "@/lib/auth/session";
import { getServerBySlug, NotFoundError } from "@/lib/services";

export async function loadServer(slug: string, path: string) {
  const { user, ctx } = await requireStaff(path, "servers.read");
  try {
    return { user, ctx, server: await getServerBySlug({ ctx, slug }) };
  } catch (err) {
    if (err instanceof NotFoundError) notFound();
    throw err;
  }
}
