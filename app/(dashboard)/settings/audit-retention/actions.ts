"use server";

// The audit retention period: a thin adapter over lib/services/audit (owners only; audited there).
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { AuditRetentionInput } from "@/lib/schemas/audit-retention";
import { setAuditRetention } from "@/lib/services";

export const setAuditRetentionAction = defineAction({
  input: AuditRetentionInput,
  permission: "audit.retention",
  run: async (input, ctx) => {
    const result = await setAuditRetention({ ctx, input });
    revalidatePath("/settings/audit-retention");
    return result;
  },
});
