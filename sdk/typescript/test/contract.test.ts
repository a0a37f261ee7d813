// What the TypeScript SDK hard-codes about the API, checked against the committed openapi/v1.json (no server):
// the same guard the C# SDK has in tests/Platform.IntegrationTests/OpenApi/ClientContractTests.cs.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { test } from "node:test";
import { honoursIdempotencyKey } from "../src/index.js";

interface Operation { parameters?: { name: string; in: string }[] }

test("honoursIdempotencyKey is true for exactly the POSTs whose operation declares Idempotency-Key", () => {
  // npm test runs in sdk/typescript.
  const document = JSON.parse(readFileSync(resolve(process.cwd(), "../../openapi/v1.json"), "utf8")) as {
    paths: Record<string, { post?: Operation }>;
  };
  const posts = Object.entries(document.paths).filter(([, item]) => item.post);
  assert.ok(posts.length > 10, `only ${posts.length} POST operations in the document`);
  const disagreements = posts.flatMap(([path, item]) => {
    const declares = (item.post!.parameters ?? []).some((p) => p.name === "Idempotency-Key" && p.in === "header");
    const concrete = path.replace(/\{[^}]+\}/g, "x1");
    return honoursIdempotencyKey(concrete) === declares
      ? []
      : [`POST ${path}: the document says Idempotency-Key ${declares ? "is" : "is not"} honoured, honoursIdempotencyKey disagrees`];
  });
  assert.ok(posts.some(([, item]) => (item.post!.parameters ?? []).some((p) => p.name === "Idempotency-Key")), "no POST declares Idempotency-Key");
  assert.deepEqual(disagreements, []);
});
