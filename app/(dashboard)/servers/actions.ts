"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { ServerInput, serverFormToInput, UpdateServerInput } from "@/lib/schemas/servers";
import { createServer, updateServer } from "@/lib/services";

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

export const updateServerAction = defineAction({
  input: UpdateServerInput,
  permission: "servers.write",
  prepare: serverFormToInput,
  run: async (input, ctx) => {
    const server = await updateServer({ ctx, input });
    revalidatePath("/", "layout");
    return { slug: server.slug };
  },
});
