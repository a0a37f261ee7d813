/** Every item of a cursor-paged list, page after page: `for await (const e of paginate((cursor) => api.GET(...)))`. */
export async function* paginate<T>(
  page: (cursor: string | undefined) => Promise<{ data?: { data: T[]; nextCursor?: string | null }; error?: unknown }>,
): AsyncGenerator<T> {
  let cursor: string | undefined;
  do {
    const { data, error } = await page(cursor);
    if (error !== undefined || data === undefined) throw error ?? new Error("The page had no data.");
    yield* data.data;
    cursor = data.nextCursor ?? undefined;
  } while (cursor !== undefined);
}

/** Money as the API sends it: an integer count of minor units and an ISO 4217 currency. */
export interface Money {
  amount: number;
  currency: string;
}

/** Digits after the decimal point of a currency (JPY 0, EUR 2, KWD 3), as Intl knows ISO 4217. */
export function minorDigits(currency: string): number {
  return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** Formats minor units for people: `formatMoney({ amount: 1999, currency: "EUR" }, "de-DE")` → "19,99 €". */
export function formatMoney(money: Money, locale?: string): string {
  const digits = minorDigits(money.currency);
  return new Intl.NumberFormat(locale, { style: "currency", currency: money.currency, minimumFractionDigits: digits, maximumFractionDigits: digits })
    .format(money.amount / 10 ** digits);
}
