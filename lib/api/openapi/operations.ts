import type { ApiOperation } from "./registry";
import { auditOperations } from "./paths/audit";
import { clientOperations } from "./paths/clients";
import { consentOperations } from "./paths/consents";
import { memberOperations } from "./paths/members";
import { metaOperations } from "./paths/meta";
import { serverOperations } from "./paths/servers";
import { settingsOperations } from "./paths/settings";
import { userOperations } from "./paths/users";

/** Every documented /api/v1 operation. A new route file adds its entries here. */
export const apiOperations: readonly ApiOperation[] = [
  ...serverOperations,
  ...clientOperations,
  ...consentOperations,
  ...userOperations,
  ...memberOperations,
  ...auditOperations,
  ...settingsOperations,
  ...metaOperations,
];

export function findOperation(method: string, path: string): ApiOperation | undefined {
  return apiOperations.find((op) => op.method === method.toLowerCase() && op.path === path);
}
