"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { ServerInput, serverFormToInput } from "@/lib/schemas/servers";
import { ServerSectionInput, serverSectionFormToInput } from "@/lib/schemas/server-sections";
import { createServer, patchServer } from "@/lib/services";

export const createServerAction = defineAction({
  input: ServerInput,
  permission: "servers.write",
  prepare: serverFormToInput,
  run: async (input, ctx) => {
    const server = await createServer({ ctx, input });
    revalidatePath("/", "layout");
    return { slug: server.slug };
  },
});

/** One section of the Settings page: only its own fields change (lib/schemas/server-sections.ts). */
export const updateServerSectionAction = defineAction({
  input: ServerSectionInput,
  permission: "servers.write",
  prepare: serverSectionFormToInput,
  run: async (input, ctx) => {
    const server = await patchServer({ ctx, slug: input.currentSlug, changes: input.changes });
    revalidatePath("/", "layout");
    return { slug: server.slug, section: input.section };
  },
});
