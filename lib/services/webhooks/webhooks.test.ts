// Webhooks end to end with a local receiver on 127.0.0.1: the signature verifies; with the
// receiver down the event waits in the database and arrives once it is back (a restart of
// Gatehouse in between changes nothing: the outbox and deliveries are rows, not memory).
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { verifySignature } from "@/lib/webhooks/signature";
import { createTestDb } from "@/test/db";
import { insertUser, makeCtx } from "@/test/factories";
import {
  createWebhook,
  ForbiddenError,
  listDeliveries,
  redeliver,
  setUserDisabled,
  systemContext,
} from "@/lib/services";
import { metrics } from "@/lib/metrics/metrics";
import { counted } from "@/test/metrics";
import { backoffSeconds, deliverDue, dispatchOutbox, webhookBacklog } from "./worker";

const database = await createTestDb();
const sys = systemContext("test", { db: database.prisma });

interface Received {
  headers: IncomingMessage["headers"];
  body: string;
}
const received: Received[] = [];
let server: Server | undefined;

function listen(port = 0): Promise<number> {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  return new Promise((resolve) =>
    server!.listen(port, "127.0.0.1", () => resolve((server!.address() as AddressInfo).port)),
  );
}

function stop(): Promise<void> {
  return new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()));
}

afterAll(stop);

async function pump(now = new Date()) {
  await dispatchOutbox(sys, now);
  return deliverDue(sys, { fetch, now: () => now, timeoutMs: 2_000 });
}

describe("webhooks", () => {
  it("delivers a signed event for a change, written in the change's transaction", async () => {
    const port = await listen();
    const admin = await makeCtx(database, "ADMIN");
    const { webhook, secret } = await createWebhook({
      ctx: admin,
      input: { url: `http://127.0.0.1:${port}/hook`, events: ["user.disabled"] },
    });
    expect(secret).toMatch(/^whsec_/);
    const user = await insertUser(database, null);
    await setUserDisabled({ ctx: admin, userId: user.id, disabled: true });
    expect(await database.prisma.outboxEvent.count({ where: { type: "user.disabled" } })).toBe(1);

    expect(await pump()).toBe(1);
    expect(received).toHaveLength(1);
    const got = received[0]!;
    expect(got.headers["gatehouse-event-type"]).toBe("user.disabled");
    expect(
      verifySignature(secret, got.body, String(got.headers["gatehouse-signature"]), Math.floor(Date.now() / 1000)),
    ).toBe(true);
    expect(
      verifySignature(
        "whsec_wrong",
        got.body,
        String(got.headers["gatehouse-signature"]),
        Math.floor(Date.now() / 1000),
      ),
    ).toBe(false);
    expect(JSON.parse(got.body)).toMatchObject({ type: "user.disabled", data: { target: { id: user.id } } });
    const [delivery] = await listDeliveries({ ctx: admin, webhookId: webhook.id });
    expect(delivery).toMatchObject({ status: "succeeded", attempts: 1, lastStatusCode: 204 });
  });

  it("keeps the event while the receiver is down and delivers it once it is back", async () => {
    const port = (server!.address() as AddressInfo).port;
    await stop();
    received.length = 0;
    const admin = await makeCtx(database, "ADMIN");
    const user = await insertUser(database, null);
    await setUserDisabled({ ctx: admin, userId: user.id, disabled: true });
    expect(await webhookBacklog(sys)).toEqual({ undispatched: 1, pending: 0 });
    const retriesBefore = await counted(metrics.webhookDeliveryFailures, { outcome: "retry" });

    const t0 = new Date();
    expect(await pump(t0)).toBe(1);
    expect(await webhookBacklog(sys)).toEqual({ undispatched: 0, pending: 1 });
    expect(await counted(metrics.webhookDeliveryFailures, { outcome: "retry" })).toBe(retriesBefore + 1);
    const failed = await database.prisma.webhookDelivery.findFirstOrThrow({
      where: { status: "pending", attempts: 1 },
    });
    expect(failed.lastError).toBeTruthy();
    expect(failed.nextAttemptAt.getTime()).toBe(t0.getTime() + backoffSeconds(1) * 1000);
    expect(await pump(t0)).toBe(0); // not due yet

    // "Restart": nothing in memory matters; bring the receiver back and let time pass.
    await listen(port);
    const later = new Date(t0.getTime() + 11_000);
    expect(await pump(later)).toBe(1);
    expect(received).toHaveLength(1);
    expect((await database.prisma.webhookDelivery.findUniqueOrThrow({ where: { id: failed.id } })).status).toBe(
      "succeeded",
    );
  });

  it("gives up a day after the event, redelivers on request, and is for owners and admins only", async () => {
    const admin = await makeCtx(database, "ADMIN");
    const { webhook } = await createWebhook({
      ctx: admin,
      input: { url: "http://127.0.0.1:9/closed", events: ["user.disabled"] },
    });
    await setUserDisabled({ ctx: admin, userId: (await insertUser(database, null)).id, disabled: true });
    const dayLater = new Date(Date.now() + 24 * 3_600_000 + 1_000);
    const gaveUpBefore = await counted(metrics.webhookDeliveryFailures, { outcome: "gave_up" });
    await dispatchOutbox(sys);
    await deliverDue(sys, { fetch, now: () => dayLater, timeoutMs: 2_000 });
    const [gaveUp] = await listDeliveries({ ctx: admin, webhookId: webhook.id });
    expect(gaveUp?.status).toBe("failed");
    expect(await counted(metrics.webhookDeliveryFailures, { outcome: "gave_up" })).toBe(gaveUpBefore + 1);
    await redeliver({ ctx: admin, deliveryId: gaveUp!.id });
    expect(
      (await listDeliveries({ ctx: admin, webhookId: webhook.id })).filter((d) => d.status === "pending"),
    ).toHaveLength(1);
    const security = await makeCtx(database, "SECURITY");
    await expect(
      createWebhook({ ctx: security, input: { url: "https://example.com/h", events: ["user.disabled"] } }),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("backs off exponentially, capped at an hour", () => {
    expect([1, 2, 3, 4, 20].map(backoffSeconds)).toEqual([10, 20, 40, 80, 3600]);
  });
});
