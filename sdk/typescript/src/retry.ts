/** How the client retries (on by default; `maxRetries: 0` turns it off). */
export interface RetryOptions {
  /** Retries after the first attempt (default 4). */
  maxRetries?: number;
  /** First backoff in ms without Retry-After; doubled per attempt, with full jitter (default 500). */
  baseDelayMs?: number;
  /** The longest wait accepted; a longer Retry-After is returned to the caller instead (default 30000). */
  maxDelayMs?: number;
}

/** The POSTs the API deduplicates by Idempotency-Key (those declaring it in openapi/v1.json). */
const idempotentPost = /^\/api\/v1\/(public\/tenants\/[^/]+\/)?(holds(\/[^/]+\/extend)?|orders(\/[^/]+\/(payments|refunds))?)\/?$/;

/** Whether a POST to `path` honours Idempotency-Key (and so may be retried with the same key). */
export function honoursIdempotencyKey(path: string): boolean {
  return idempotentPost.test(path);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A fetch that retries with exponential backoff and full jitter, honouring Retry-After: 429 (rate_limited,
 * checkout_busy: nothing ran) always; 503, 409 idempotency_in_flight and network errors for idempotent requests
 * (GET/PUT/DELETE/HEAD, and POSTs the API deduplicates, which get an Idempotency-Key if they have none).
 */
export function retryingFetch(inner: typeof globalThis.fetch, options: RetryOptions = {}): typeof globalThis.fetch {
  const maxRetries = options.maxRetries ?? 4;
  const base = options.baseDelayMs ?? 500;
  const maxDelay = options.maxDelayMs ?? 30_000;
  return async (input, init) => {
    let request = new Request(input, init);
    let idempotent = ["GET", "HEAD", "PUT", "DELETE", "OPTIONS"].includes(request.method);
    if (request.method === "POST" && honoursIdempotencyKey(new URL(request.url).pathname)) {
      idempotent = true;
      if (!request.headers.has("Idempotency-Key") && maxRetries > 0) {
        // One key for every attempt: a retry after a lost answer replays it instead of buying twice.
        const headers = new Headers(request.headers);
        headers.set("Idempotency-Key", crypto.randomUUID());
        request = new Request(request, { headers });
      }
    }
    const body = request.body ? await request.arrayBuffer() : undefined;
    for (let attempt = 0; ; attempt++) {
      const attemptRequest = new Request(request, { body, signal: request.signal });
      let response: Response;
      try {
        response = await inner(attemptRequest);
      } catch (err) {
        if (!idempotent || attempt >= maxRetries || request.signal?.aborted) throw err;
        await sleep(Math.random() * base * 2 ** attempt);
        continue;
      }
      if (attempt >= maxRetries || !(await shouldRetry(response, idempotent))) return response;
      const after = retryAfterMs(response);
      const wait = after !== undefined ? after + Math.random() * base : Math.random() * base * 2 ** attempt;
      if (wait > maxDelay) return response;
      await response.body?.cancel();
      await sleep(wait);
    }
  };
}

async function shouldRetry(response: Response, idempotent: boolean): Promise<boolean> {
  if (response.status === 429) return true;
  if (!idempotent) return false;
  if ([502, 503, 504].includes(response.status)) return true;
  if (response.status === 409) {
    try {
      const problem = (await response.clone().json()) as { code?: string };
      return problem.code === "idempotency_in_flight";
    } catch {
      return false;
    }
  }
  return false;
}

function retryAfterMs(response: Response): number | undefined {
  const value = response.headers.get("Retry-After");
  if (value === null) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}
