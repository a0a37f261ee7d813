/** A source of bearer tokens; `invalidate` drops a token the API refused (401) so the next call fetches another. */
export interface TokenSource {
  (): Promise<string>;
  invalidate?: (token: string) => void;
}

export interface ClientCredentialsOptions {
  /** The API's origin; the token endpoint is `${baseUrl}/connect/token`. */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** Scopes to ask for; none asks for all the client was granted. */
  scopes?: string[];
  /** How long before expiry a token is replaced, in seconds (default 60). */
  refreshBeforeExpirySeconds?: number;
  fetch?: typeof globalThis.fetch;
  /** The clock, in ms (tests). */
  now?: () => number;
}

/**
 * Client-credentials tokens from the platform's OAuth server: fetched once, cached, fetched again shortly before
 * they expire or after the API refused one. Concurrent callers share one token request.
 */
export function clientCredentials(options: ClientCredentialsOptions): TokenSource & { fetched: () => number } {
  const doFetch = options.fetch ?? globalThis.fetch;
  const now = options.now ?? Date.now;
  const early = (options.refreshBeforeExpirySeconds ?? 60) * 1000;
  let current: { token: string; renewAt: number } | undefined;
  let pending: Promise<string> | undefined;
  let fetched = 0;

  async function request(): Promise<string> {
    const body = new URLSearchParams({ grant_type: "client_credentials", client_id: options.clientId, client_secret: options.clientSecret });
    if (options.scopes?.length) body.set("scope", options.scopes.join(" "));
    const response = await doFetch(`${options.baseUrl.replace(/\/$/, "")}/connect/token`, { method: "POST", body });
    if (!response.ok) throw new Error(`The token endpoint answered ${response.status}: ${await response.text()}`);
    const json = (await response.json()) as { access_token: string; expires_in?: number };
    current = { token: json.access_token, renewAt: now() + (json.expires_in ?? 300) * 1000 - early };
    fetched++;
    return json.access_token;
  }

  const source = (async () => {
    if (current && now() < current.renewAt) return current.token;
    pending ??= request().finally(() => (pending = undefined));
    return pending;
  }) as TokenSource & { fetched: () => number };
  source.invalidate = (token) => {
    if (current?.token === token) current = undefined;
  };
  source.fetched = () => fetched;
  return source;
}

/** A fetch that sends the token and, when the API answers 401, asks the source for another and tries once more. */
export function authenticatingFetch(inner: typeof globalThis.fetch, token: TokenSource): typeof globalThis.fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const body = request.body ? await request.arrayBuffer() : undefined;
    const send = async (value: string) => {
      const headers = new Headers(request.headers);
      headers.set("Authorization", `Bearer ${value}`);
      return inner(new Request(request, { headers, body }));
    };
    const first = await token();
    const response = await send(first);
    if (response.status !== 401 || !token.invalidate) return response;
    token.invalidate(first);
    await response.body?.cancel();
    return send(await token());
  };
}
