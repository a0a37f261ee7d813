// End-to-end test of the TypeScript SDK against a running platform (the C# integration tests start one on a
// loopback port and run `npm test` with these variables): client-credentials token → list events → quote → hold →
// order → sandbox pay → tickets, and a webhook receiver on 127.0.0.1 that gets order.paid and verifies its
// Standard Webhooks signature with node:crypto.
import assert from "node:assert/strict";
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { test } from "node:test";
import { createPlatformClient } from "../src/index.js";

const baseUrl = required("PLATFORM_BASE_URL");
const clientId = required("PLATFORM_CLIENT_ID");
const clientSecret = required("PLATFORM_CLIENT_SECRET");

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (the C# SdkEndToEndTests set it when they run npm test).`);
  return value;
}

interface Delivery { headers: IncomingHttpHeaders; body: string }

/** A webhook receiver on a free loopback port that answers 200 and remembers every delivery. */
async function startReceiver() {
  const received: Delivery[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Standard Webhooks 1.0, from the spec: v1,base64(HMAC-SHA256(base64-decoded whsec_ secret, "id.timestamp.body")). */
function signatureValid(secret: string, d: Delivery): boolean {
  const id = String(d.headers["webhook-id"]);
  const timestamp = String(d.headers["webhook-timestamp"]);
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const expected = Buffer.from("v1," + createHmac("sha256", key).update(`${id}.${timestamp}.${d.body}`).digest("base64"));
  return String(d.headers["webhook-signature"]).split(" ").some((s) => {
    const candidate = Buffer.from(s);
    return candidate.length === expected.length && timingSafeEqual(candidate, expected);
  });
}

async function clientCredentialsToken(): Promise<string> {
  const response = await fetch(`${baseUrl}/connect/token`, {
    method: "POST",
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret }),
  });
  assert.equal(response.status, 200, await response.clone().text());
  return ((await response.json()) as { access_token: string }).access_token;
}

async function waitFor<T>(what: string, probe: () => T | undefined, seconds = 30): Promise<T> {
  for (const deadline = Date.now() + seconds * 1000; Date.now() < deadline; ) {
    const found = probe();
    if (found !== undefined) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Timed out waiting for ${what}.`);
}

test("client credentials → events → quote → hold → order → sandbox pay → tickets, and a signed order.paid webhook", async () => {
  const token = await clientCredentialsToken();
  const api = createPlatformClient({ baseUrl, accessToken: () => token });
  const receiver = await startReceiver();
  try {
    const hook = await api.POST("/api/v1/webhooks/endpoints", { body: { url: receiver.url, eventTypes: ["order.paid"] } });
    assert.ok(hook.data?.secret, JSON.stringify(hook.error));

    const events = await api.GET("/api/v1/events", { params: { query: { status: "on_sale", limit: 20 } } });
    assert.equal(events.data?.data?.length, 1, JSON.stringify(events.error));
    const listed = events.data!.data![0]!;
    assert.equal(listed.status, "on_sale");
    const ev = await api.GET("/api/v1/events/{id}", { params: { path: { id: listed.id! } } });
    assert.ok(ev.data, JSON.stringify(ev.error));
    const eventId = ev.data.id!;
    const occurrenceId = ev.data.occurrences![0]!.id!;
    const ticketTypeId = ev.data.ticketTypes![0]!.id!;

    const quote = await api.POST("/api/v1/events/{id}/quote", {
      params: { path: { id: eventId } },
      body: { channel: "web", lines: [{ ticketTypeId, quantity: 2 }] },
    });
    assert.ok(quote.data, JSON.stringify(quote.error));

    const hold = await api.POST("/api/v1/holds", {
      body: { eventId, occurrenceId, channel: "web", buyerEmail: "sdk-ts@example.com", lines: [{ ticketTypeId, quantity: 2 }] },
    });
    assert.ok(hold.data, JSON.stringify(hold.error));
    assert.equal(hold.data.state, "active");

    const order = await api.POST("/api/v1/orders", {
      body: { holdId: hold.data.id!, buyer: { name: "Ada Lovelace", email: "sdk-ts@example.com" } },
    });
    assert.ok(order.data, JSON.stringify(order.error));
    assert.equal(order.data.total, quote.data.total);
    const orderId = order.data.id!;

    const paid = await api.POST("/api/v1/orders/{id}/payments", {
      params: { path: { id: orderId } },
      body: { method: "sandbox", paymentToken: "tok_visa" },
    });
    assert.ok(paid.data && "state" in paid.data, JSON.stringify(paid.error ?? paid.data)); // not a Stripe payment session
    assert.equal(paid.data.state, "paid");

    const tickets = await api.GET("/api/v1/orders/{id}/tickets", { params: { path: { id: orderId } } });
    assert.ok(tickets.data, JSON.stringify(tickets.error));
    assert.equal(tickets.data.data!.length, 2);
    for (const t of tickets.data.data!) assert.equal(t.orderId, orderId);

    const delivery = await waitFor("the order.paid webhook", () => receiver.received[0], 60);
    assert.ok(signatureValid(hook.data.secret, delivery), `signature ${delivery.headers["webhook-signature"]} does not verify`);
    assert.ok(!signatureValid("whsec_" + Buffer.alloc(32).toString("base64"), delivery), "a wrong secret must not verify");
    const payload = JSON.parse(delivery.body) as { type: string; data: { orderId: string } };
    assert.equal(payload.type, "order.paid");
    assert.equal(payload.data.orderId, orderId);
  } finally {
    await receiver.close();
  }
});
