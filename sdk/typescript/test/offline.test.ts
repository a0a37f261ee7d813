// The TypeScript SDK against a stub fetch (no server): answers the real API cannot be made to give on demand.
import assert from "node:assert/strict";
import { test } from "node:test";
import { clientCredentials, createPlatformClient, formatMoney, isProblem, paginate, PlatformProblemError, unwrap } from "../src/index.js";

type Handler = (request: Request, n: number) => Response | Promise<Response>;

function stub(handler: Handler) {
  const sent: Request[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    sent.push(request);
    return handler(request, sent.length);
  };
  return { fetch: fetch as typeof globalThis.fetch, sent };
}

const problem = (status: number, code: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ title: "t", status, detail: `${code} happened`, code, requestId: "req-1", ...extra }), {
    status, headers: { "content-type": "application/problem+json", ...headers },
  });

test("an unknown enum value is just a string: no exception, and the code can branch on it", async () => {
  const { fetch } = stub(() => Response.json({ data: [{ id: "e1", title: "Gala", category: "music", status: "postponed_indefinitely", createdAt: "2026-12-05T10:00:00Z" }], nextCursor: null }));
  const api = createPlatformClient({ baseUrl: "http://stub.invalid", fetch });
  const events = unwrap(await api.GET("/api/v1/events", { params: { query: { status: "on_sale" } } }));
  assert.equal(events.data[0]!.status as string, "postponed_indefinitely");
});

test("problems are typed: isProblem narrows by code, unwrap throws a PlatformProblemError with code, errors, request id", async () => {
  const { fetch } = stub(() => problem(409, "allocation_exceeded", { remaining: 1, errors: { "lines[0].quantity": ["too many"] } }));
  const api = createPlatformClient({ baseUrl: "http://stub.invalid", fetch, retry: { maxRetries: 0 } });
  const body = { eventId: "e", occurrenceId: "o", lines: [{ ticketTypeId: "t", quantity: 3 }] };
  const { error } = await api.POST("/api/v1/holds", { body });
  assert.equal(isProblem(error, "sold_out"), false);
  if (!isProblem(error, "allocation_exceeded")) return assert.fail(`not an allocation_exceeded problem: ${JSON.stringify(error)}`);
  assert.equal(error.remaining, 1);
  const thrown = await api.POST("/api/v1/holds", { body }).then(unwrap).catch((e: unknown) => e);
  assert.ok(thrown instanceof PlatformProblemError && isProblem(thrown, "allocation_exceeded"));
  assert.deepEqual([thrown.status, thrown.requestId, thrown.errors["lines[0].quantity"]], [409, "req-1", ["too many"]]);
  assert.match(thrown.message, /^allocation_exceeded: allocation_exceeded happened \(HTTP 409, request req-1\)$/);
});

test("a 429 burst is retried after Retry-After, and a checkout POST keeps one Idempotency-Key across attempts", async () => {
  const { fetch, sent } = stub((_, n) => (n <= 2 ? problem(429, "checkout_busy", {}, { "Retry-After": "1" }) : Response.json({ id: "h1" }, { status: 201 })));
  const api = createPlatformClient({ baseUrl: "http://stub.invalid", fetch });
  const started = Date.now();
  const { data } = await api.POST("/api/v1/holds", { body: { eventId: "e", occurrenceId: "o", lines: [{ ticketTypeId: "t", quantity: 1 }] } });
  assert.equal(data?.id, "h1");
  assert.equal(sent.length, 3);
  assert.ok(Date.now() - started >= 2000, `retried after ${Date.now() - started} ms, before Retry-After`);
  const keys = new Set(sent.map((r) => r.headers.get("Idempotency-Key")));
  assert.equal(keys.size, 1);
  assert.ok([...keys][0]);
});

test("a network error is retried for an idempotent request, and not for a POST the API does not deduplicate", async () => {
  let fail = true;
  const { fetch, sent } = stub(() => {
    if (fail) { fail = false; throw new TypeError("fetch failed"); }
    return Response.json({ data: [], nextCursor: null });
  });
  const api = createPlatformClient({ baseUrl: "http://stub.invalid", fetch, retry: { baseDelayMs: 10 } });
  assert.ok((await api.GET("/api/v1/events")).data);
  assert.equal(sent.length, 2);

  const { fetch: failing, sent: posts } = stub(() => { throw new TypeError("fetch failed"); });
  const plain = createPlatformClient({ baseUrl: "http://stub.invalid", fetch: failing, retry: { baseDelayMs: 10 } });
  await assert.rejects(plain.POST("/api/v1/venues", { body: { name: "Hall", address: "1 Road", timeZone: "Europe/Paris" } as never }));
  assert.equal(posts.length, 1);
});

test("client credentials: one token while it is fresh, a new one once it expires", async () => {
  let clock = 0;
  let issued = 0;
  const { fetch } = stub(() => Response.json({ access_token: `token-${++issued}`, expires_in: 900 }));
  const token = clientCredentials({ baseUrl: "http://stub.invalid", clientId: "c", clientSecret: "s", fetch, now: () => clock });
  assert.equal(await token(), "token-1");
  clock += 800_000;
  assert.equal(await token(), "token-1");
  clock += 60_000; // within the 60 s before expiry
  assert.equal(await token(), "token-2");
  assert.equal(token.fetched(), 2);
});

test("paginate walks every page; formatMoney uses the currency's own digits", async () => {
  const pages: Record<string, { data: number[]; nextCursor: string | null }> = { "": { data: [1, 2], nextCursor: "c2" }, c2: { data: [3], nextCursor: null } };
  const all: number[] = [];
  for await (const n of paginate(async (cursor) => ({ data: pages[cursor ?? ""]! }))) all.push(n);
  assert.deepEqual(all, [1, 2, 3]);
  assert.deepEqual(
    [formatMoney({ amount: 1999, currency: "EUR" }, "en-US"), formatMoney({ amount: 1999, currency: "JPY" }, "en-US"), formatMoney({ amount: 1999, currency: "KWD" }, "en-US")],
    ["€19.99", "¥1,999", "KWD\u00a01.999"],
  );
});
