import createClient, { type Client, type Middleware } from "openapi-fetch";
import type { components, paths } from "./schema.js";

export type { components, paths };

/** RFC 9457 problem details returned by every failing call. */
export type Problem = components["schemas"]["ProblemDetails"] & {
  code?: string;
  errors?: Record<string, string[]>;
  requestId?: string;
};

export interface PlatformClientOptions {
  /** The API's origin, e.g. https://api.tickets.example */
  baseUrl: string;
  /** Returns a bearer access token (called per request, so it may refresh). */
  accessToken?: () => string | Promise<string>;
  /** A custom fetch (tests, retries, instrumentation). */
  fetch?: typeof globalThis.fetch;
}

/** A typed client for every operation of openapi/v1.json. */
export function createPlatformClient(options: PlatformClientOptions): Client<paths> {
  const client = createClient<paths>({ baseUrl: options.baseUrl, fetch: options.fetch });
  if (options.accessToken) {
    const token = options.accessToken;
    const auth: Middleware = {
      async onRequest({ request }) {
        request.headers.set("Authorization", `Bearer ${await token()}`);
        return request;
      },
    };
    client.use(auth);
  }
  return client;
}
