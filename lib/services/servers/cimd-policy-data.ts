import type { ServerInput } from "@/lib/schemas/servers";

/** The CIMD policy keys present in a server input, as column updates (absent = unchanged / default). */
export function cimdPolicyData(v: ServerInput): {
  cimdEnabled?: boolean;
  cimdTrust?: "ANY" | "ALLOWLIST" | "DENYLIST";
  cimdHosts?: string[];
} {
  return {
    ...(v.cimdEnabled !== undefined ? { cimdEnabled: v.cimdEnabled } : {}),
    ...(v.cimdTrust !== undefined ? { cimdTrust: v.cimdTrust } : {}),
    ...(v.cimdHosts !== undefined ? { cimdHosts: v.cimdHosts } : {}),
  };
}
