import createClient, { type Client } from "openapi-fetch";
import { authenticatingFetch, type TokenSource } from "./auth.js";
import { retryingFetch, type RetryOptions } from "./retry.js";
import type { components, paths } from "./schema.js";

export type { components, paths };
export { clientCredentials, authenticatingFetch, type ClientCredentialsOptions, type TokenSource } from "./auth.js";
export { retryingFetch, honoursIdempotencyKey, type RetryOptions } from "./retry.js";
export { isProblem, unwrap, PlatformProblemError, type Problem, type ProblemCode } from "./problems.js";
export { paginate, formatMoney, minorDigits, type Money } from "./helpers.js";

/** The header that makes a checkout POST safe to retry (typed on each such operation's `params.header`). */
export type IdempotencyHeaders = { "Idempotency-Key"?: string };

export interface PlatformClientOptions {
  /** The API's origin, e.g. https://api.tickets.example */
  baseUrl: string;
  /** Returns a bearer access token per request, e.g. `clientCredentials({...})`, which caches and refreshes. */
  accessToken?: TokenSource | (() => string | Promise<string>);
  /** Retries (on by default): `{ maxRetries: 0 }` turns them off. */
  retry?: RetryOptions;
  /** A custom fetch (tests, instrumentation). */
  fetch?: typeof globalThis.fetch;
}

/**
 * A typed client for every operation of openapi/v1.json: `{ data, error, response }` per call, `error` being a
 * `Problem`. Requests carry the token and are retried as `retryingFetch` says.
 */
export function createPlatformClient(options: PlatformClientOptions): Client<paths> {
  let fetch = options.fetch ?? globalThis.fetch;
  if (options.accessToken) {
    const token = options.accessToken;
    const source: TokenSource = Object.assign(async () => token(), { invalidate: (token as TokenSource).invalidate });
    fetch = authenticatingFetch(fetch, source);
  }
  fetch = retryingFetch(fetch, options.retry);
  // openapi-fetch calls fetch with one Request argument.
  return createClient<paths>({ baseUrl: options.baseUrl, fetch: (request: Request) => fetch(request) });
}
