import { z } from "zod";
import { ROLES } from "@/lib/auth/permissions";
import type { ApiKeyDto } from "@/lib/services/api-keys/api-keys";
import type { InitialAccessTokenDto } from "@/lib/services/dcr/initial-access-tokens";
import type { DeliveryDto, WebhookDto } from "@/lib/services/webhooks/webhooks";
import { IsoDateTime, NullableIsoDateTime } from "./common";
import type { SameType } from "./same-type";

/** An admin API key as listed: never the key or its hash. */
export const ApiKey = z
  .strictObject({
    id: z.string(),
    name: z.string(),
    prefix: z.string().meta({ description: "Enough to recognise the key; the key itself is shown once." }),
    role: z.enum(ROLES),
    createdByLabel: z.string().nullable(),
    createdAt: IsoDateTime,
    lastUsedAt: NullableIsoDateTime,
    expiresAt: NullableIsoDateTime,
    revokedAt: NullableIsoDateTime,
  })
  .meta({ id: "ApiKey" });

export const Webhook = z
  .strictObject({
    id: z.string(),
    url: z.string(),
    description: z.string(),
    events: z.array(z.string()),
    secretLast4: z.string().meta({ description: "The signing secret is shown once, at creation." }),
    createdByLabel: z.string().nullable(),
    createdAt: IsoDateTime,
    disabledAt: NullableIsoDateTime.meta({ description: "Set while deliveries are paused." }),
  })
  .meta({ id: "Webhook" });

export const WebhookDelivery = z
  .strictObject({
    id: z.string(),
    eventId: z.string(),
    eventType: z.string(),
    status: z.string(),
    attempts: z.int(),
    lastStatusCode: z.int().nullable(),
    lastError: z.string().nullable(),
    lastAttemptAt: NullableIsoDateTime,
    nextAttemptAt: IsoDateTime,
    createdAt: IsoDateTime,
  })
  .meta({ id: "WebhookDelivery" });

export const InitialAccessToken = z
  .strictObject({
    id: z.string(),
    name: z.string(),
    prefix: z.string(),
    maxUses: z.int().nullable(),
    uses: z.int(),
    expiresAt: NullableIsoDateTime,
    revokedAt: NullableIsoDateTime,
    createdByLabel: z.string().nullable(),
    createdAt: IsoDateTime,
    status: z.enum(["active", "expired", "used_up", "revoked"]),
  })
  .meta({ id: "InitialAccessToken" });

export const settingsSchemasMatch: [
  SameType<z.output<typeof ApiKey>, ApiKeyDto>,
  SameType<z.output<typeof Webhook>, WebhookDto>,
  SameType<z.output<typeof WebhookDelivery>, DeliveryDto>,
  SameType<z.output<typeof InitialAccessToken>, InitialAccessTokenDto>,
] = [true, true, true, true];
