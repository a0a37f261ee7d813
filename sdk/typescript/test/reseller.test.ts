// The reseller path and the SDK's built-ins against a running platform (the C# SdkEndToEndTests start one and pass
// PLATFORM_BASE_URL, PLATFORM_RESELLER_CLIENT_ID and PLATFORM_RESELLER_CLIENT_SECRET: a reseller with an allocation of 5
// on the tenant's one on-sale event, open on the reseller channel).
import assert from "node:assert/strict";
import { test } from "node:test";
import { clientCredentials, createPlatformClient, formatMoney, isProblem, unwrap } from "../src/index.js";

const baseUrl = required("PLATFORM_BASE_URL");
const clientId = required("PLATFORM_RESELLER_CLIENT_ID");
const clientSecret = required("PLATFORM_RESELLER_CLIENT_SECRET");

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (the C# SdkEndToEndTests set it when they run npm test).`);
  return value;
}

test("the README's reseller flow, as written", async () => {
  // README:reseller-flow
  const api = createPlatformClient({ baseUrl, accessToken: clientCredentials({ baseUrl, clientId, clientSecret }) });

  // 1. Only the events this reseller can sell (on sale, a reseller window, an allocation), with what remains.
  const sellable = unwrap(await api.GET("/api/v1/resellers/me/events")).data[0]!;
  const ev = unwrap(await api.GET("/api/v1/events/{id}", { params: { path: { id: sellable.id } } }));
  const [occurrenceId, ticketTypeId] = [ev.occurrences[0]!.id, ev.ticketTypes[0]!.id];
  console.log(`${ev.title}: ${sellable.allocations[0]!.remaining} left to sell`);

  // 2. Quote, hold, order and pay on the reseller channel; the SDK retries safely with an Idempotency-Key.
  const lines = [{ ticketTypeId, quantity: 2 }];
  const quote = unwrap(await api.POST("/api/v1/events/{id}/quote", { params: { path: { id: ev.id } }, body: { channel: "reseller", lines } }));
  console.log(`Quote: ${formatMoney({ amount: quote.total, currency: quote.currency })}`);
  const hold = await api.POST("/api/v1/holds", { body: { eventId: ev.id, occurrenceId, channel: "reseller", lines } });
  if (isProblem(hold.error, "allocation_exceeded")) {
    console.log(`Only ${hold.error.remaining} left in the allocation (${hold.error.requestId})`);
  } else {
    const order = unwrap(await api.POST("/api/v1/orders", {
      body: { holdId: unwrap(hold).id, buyer: { name: "Ada Lovelace", email: "ada@example.com" } },
    }));
    const paid = unwrap(await api.POST("/api/v1/orders/{id}/payments", {
      params: { path: { id: order.id } }, body: { method: "sandbox", paymentToken: "tok_visa" },
    }));
    if (paid.object === "order") console.log(`Order ${paid.state}: ${formatMoney({ amount: paid.total, currency: paid.currency })}`);
  }

  // 3. The reseller's own report: per allocation quantity, held, sold, remaining, gross sales and commission.
  const report = unwrap(await api.GET("/api/v1/resellers/me/report"));
  console.log(`Sold ${report.allocations.reduce((n, a) => n + a.sold, 0)}, remaining ${report.allocations.reduce((n, a) => n + a.remaining, 0)}`);
  // README:end

  assert.equal(sellable.status, "on_sale");
  assert.deepEqual([report.allocations[0]!.sold, report.allocations[0]!.remaining], [2, 3]);
});

test("typed problems from the server: allocation_exceeded with what remains, a reused key", async () => {
  const api = createPlatformClient({ baseUrl, accessToken: clientCredentials({ baseUrl, clientId, clientSecret }) });
  const ev = unwrap(await api.GET("/api/v1/resellers/me/events")).data[0]!;
  const detail = unwrap(await api.GET("/api/v1/events/{id}", { params: { path: { id: ev.id } } }));
  const hold = (quantity: number, key?: string) => api.POST("/api/v1/holds", {
    params: { header: key ? { "Idempotency-Key": key } : {} },
    body: { eventId: ev.id, occurrenceId: detail.occurrences[0]!.id, channel: "reseller", lines: [{ ticketTypeId: detail.ticketTypes[0]!.id, quantity }] },
  });

  const remaining = ev.allocations[0]!.remaining;
  const exceeded = await hold(remaining + 1);
  if (!isProblem(exceeded.error, "allocation_exceeded")) return assert.fail(JSON.stringify(exceeded.error));
  assert.equal(exceeded.error.remaining, remaining);
  assert.equal(exceeded.response.status, 409);

  const key = `ts-key-${crypto.randomUUID()}`;
  const first = await hold(1, key);
  assert.ok(first.data, JSON.stringify(first.error));
  const replay = await hold(1, key);
  assert.equal(replay.response.headers.get("Idempotent-Replayed"), "true");
  assert.equal(replay.data?.id, first.data.id);
  const reused = await hold(2, key);
  assert.ok(isProblem(reused.error, "idempotency_key_reused"), JSON.stringify(reused.error));
  unwrap(await api.DELETE("/api/v1/holds/{id}", { params: { path: { id: first.data.id } } }));
});

test("a POST whose answer is lost on the way is retried with its key: one order", async () => {
  let dropped = 0;
  // Forwards the first order POST to the server (which places the order), then loses the answer.
  const lossy: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const response = await fetch(request);
    if (request.method === "POST" && new URL(request.url).pathname === "/api/v1/orders" && dropped++ === 0) {
      await response.arrayBuffer();
      throw new TypeError("fetch failed: socket hang up");
    }
    return response;
  };
  const api = createPlatformClient({ baseUrl, fetch: lossy, accessToken: clientCredentials({ baseUrl, clientId, clientSecret }) });
  const ev = unwrap(await api.GET("/api/v1/resellers/me/events")).data[0]!;
  const detail = unwrap(await api.GET("/api/v1/events/{id}", { params: { path: { id: ev.id } } }));
  const before = unwrap(await api.GET("/api/v1/resellers/me/orders")).data.length;
  const hold = unwrap(await api.POST("/api/v1/holds", {
    body: { eventId: ev.id, occurrenceId: detail.occurrences[0]!.id, channel: "reseller", lines: [{ ticketTypeId: detail.ticketTypes[0]!.id, quantity: 1 }] },
  }));

  const order = await api.POST("/api/v1/orders", { body: { holdId: hold.id, buyer: { name: "Ada Lovelace", email: "ada@example.com" } } });

  assert.equal(dropped, 2);
  assert.ok(order.data, JSON.stringify(order.error));
  assert.equal(order.response.headers.get("Idempotent-Replayed"), "true");
  assert.equal(unwrap(await api.GET("/api/v1/resellers/me/orders")).data.length, before + 1);
});

test("client credentials: the token is cached, and fetched again across its expiry", async () => {
  // Tokens live 15 min; renewing 15 min − 5 s before expiry makes each one last 5 s for the client.
  const token = clientCredentials({ baseUrl, clientId, clientSecret, refreshBeforeExpirySeconds: 15 * 60 - 5 });
  const api = createPlatformClient({ baseUrl, accessToken: token });
  unwrap(await api.GET("/api/v1/resellers/me/report"));
  unwrap(await api.GET("/api/v1/resellers/me/report"));
  assert.equal(token.fetched(), 1);
  await new Promise((r) => setTimeout(r, 5500));
  unwrap(await api.GET("/api/v1/resellers/me/report"));
  assert.equal(token.fetched(), 2);
});
