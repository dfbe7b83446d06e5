// The instance's one settings row ("instance"; absent until first changed: every field has a
// default). Each change writes one "settings.updated" event with the changed fields before and after.
import type { Prisma } from "@/lib/db/generated/prisma/client";
import { recordAudit } from "../audit/record-audit";
import { dbOf, type ServiceContext } from "../context";
import { withTx } from "../transaction";

export interface InstanceSettingValues {
  localPasswordsForEndUsers: boolean;
  auditRetentionDays: number | null;
}

const DEFAULTS: InstanceSettingValues = { localPasswordsForEndUsers: true, auditRetentionDays: null };

export async function readInstanceSettings(ctx: ServiceContext): Promise<InstanceSettingValues> {
  const row = await dbOf(ctx).instanceSettings.findUnique({ where: { id: "instance" } });
  return settingValues(row);
}

function settingValues(row: InstanceSettingValues | null): InstanceSettingValues {
  return {
    localPasswordsForEndUsers: row?.localPasswordsForEndUsers ?? DEFAULTS.localPasswordsForEndUsers,
    auditRetentionDays: row?.auditRetentionDays ?? DEFAULTS.auditRetentionDays,
  };
}

/** Stores `patch` and audits it; the caller has checked the permission. */
export async function updateInstanceSettings(
  ctx: ServiceContext,
  patch: Partial<InstanceSettingValues>,
): Promise<void> {
  await withTx(ctx, async (tx) => {
    const before = settingValues(await tx.instanceSettings.findUnique({ where: { id: "instance" } }));
    const data = patch satisfies Prisma.InstanceSettingsUpdateInput;
    await tx.instanceSettings.upsert({ where: { id: "instance" }, create: { id: "instance", ...data }, update: data });
    const keys = Object.keys(patch) as (keyof InstanceSettingValues)[];
    await recordAudit(tx, ctx, {
      action: "settings.updated",
      target: { type: "settings", id: "instance", label: "Instance settings" },
      details: {
        before: Object.fromEntries(keys.map((k) => [k, before[k]])),
        after: Object.fromEntries(keys.map((k) => [k, patch[k]])),
      },
    });
  });
}
