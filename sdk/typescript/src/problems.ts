import type { components } from "./schema.js";

/** RFC 9457 problem details: what every failing call answers (`error` of a call, or PlatformProblemError.problem). */
export type Problem = components["schemas"]["Problem"];

/** The documented problem codes. New codes may be added: compare with `isProblem`, and keep a default branch. */
export type ProblemCode = components["schemas"]["ProblemCode"];

/** A problem as an Error, thrown by `unwrap` (and usable with `isProblem`). */
export class PlatformProblemError extends Error {
  readonly problem: Problem;
  readonly status: number;
  readonly code: ProblemCode | undefined;
  readonly requestId: string | undefined;
  readonly errors: Record<string, string[]>;
  /** Seconds the API asked to wait (429, 503, 409 idempotency_in_flight), when it said. */
  readonly retryAfter: number | undefined;

  constructor(problem: Problem, response?: Response) {
    super(`${problem.code ?? "problem"}: ${problem.detail ?? problem.title} (HTTP ${problem.status}, request ${problem.requestId})`);
    this.name = "PlatformProblemError";
    this.problem = problem;
    this.status = problem.status;
    this.code = problem.code;
    this.requestId = problem.requestId;
    this.errors = problem.errors ?? {};
    const after = Number(response?.headers.get("Retry-After"));
    this.retryAfter = Number.isFinite(after) && response?.headers.has("Retry-After") ? after : undefined;
  }
}

/**
 * Whether `err` is a problem (a call's `error`, or a PlatformProblemError), optionally with the given code:
 * `if (isProblem(error, "allocation_exceeded")) …`.
 */
export function isProblem(err: unknown, code?: ProblemCode): err is Problem | PlatformProblemError {
  const problem = err instanceof PlatformProblemError ? err.problem : err;
  if (typeof problem !== "object" || problem === null) return false;
  const p = problem as Partial<Problem>;
  if (typeof p.status !== "number" || typeof p.title !== "string") return false;
  return code === undefined || p.code === code;
}

/** The data of a call, or its problem thrown as a PlatformProblemError: `const hold = unwrap(await api.POST(...))`. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined) {
    if (isProblem(result.error)) throw new PlatformProblemError(result.error as Problem, result.response);
    throw new Error(`HTTP ${result.response.status}: ${JSON.stringify(result.error)}`);
  }
  return result.data as T;
}
