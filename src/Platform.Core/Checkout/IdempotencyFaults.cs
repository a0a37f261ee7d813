using Microsoft.AspNetCore.Http;

namespace Platform.Checkout;

/// <summary>
/// Named points between the steps of an idempotent request, so a test can stop a request there the way a kill -9 or
/// a dropped database connection would (nothing after the point runs, not even the filter's clean-up). In production
/// nothing happens at them.
/// </summary>
public interface IIdempotencyFaults
{
    /// <summary>The key is claimed; the work has not started.</summary>
    const string Claimed = "claimed";

    /// <summary>Inside the work's transaction, right before the response is written into it (and COMMIT follows).</summary>
    const string Completing = "completing";

    /// <summary>The work has committed; the response has not reached the client.</summary>
    const string Committed = "committed";

    /// <summary>An unexpected failure is about to release the key.</summary>
    const string Releasing = "releasing";

    /// <summary>The claim was refused (a live row holds the key); its answer has not been read yet.</summary>
    const string Refused = "refused";

    void At(string point, HttpContext http);
}

internal sealed class NoIdempotencyFaults : IIdempotencyFaults
{
    public void At(string point, HttpContext http)
    {
    }
}
