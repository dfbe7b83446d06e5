import type { ServerInput } from "@/lib/schemas/servers";

/** The DCR policy keys present in a server input, as column updates (absent = unchanged / default). */
export function dcrPolicyData(v: ServerInput): DcrPolicyColumns {
  const out: DcrPolicyColumns = {};
  if (v.dcrRedirectPresets !== undefined) out.dcrRedirectPresets = v.dcrRedirectPresets;
  if (v.dcrRedirectCustom !== undefined) out.dcrRedirectCustom = v.dcrRedirectCustom;
  if (v.dcrRateLimitPerHour !== undefined) out.dcrRateLimitPerHour = v.dcrRateLimitPerHour;
  if (v.dcrMaxClients !== undefined) out.dcrMaxClients = v.dcrMaxClients;
  if (v.dcrRequireApproval !== undefined) out.dcrRequireApproval = v.dcrRequireApproval;
  if (v.dcrPruneUnusedDays !== undefined) out.dcrPruneUnusedDays = v.dcrPruneUnusedDays;
  if (v.dcrPruneIdleDays !== undefined) out.dcrPruneIdleDays = v.dcrPruneIdleDays;
  return out;
}

export interface DcrPolicyColumns {
  dcrRedirectPresets?: string[];
  dcrRedirectCustom?: string[];
  dcrRateLimitPerHour?: number;
  dcrMaxClients?: number | null;
  dcrRequireApproval?: boolean;
  dcrPruneUnusedDays?: number;
  dcrPruneIdleDays?: number;
}
