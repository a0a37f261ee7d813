namespace Platform.Import;

/// <summary>
/// A fault point in the full import, for crash tests (like checkout's <see cref="Checkout.IIdempotencyFaults"/>): called
/// after each batch has committed and before the next begins, which is where a killed worker leaves the job. The
/// production implementation does nothing.
/// </summary>
public interface IImportFaults
{
    void BatchCommitted(Guid jobId, int ordersDone);
}

internal sealed class NoImportFaults : IImportFaults
{
    public void BatchCommitted(Guid jobId, int ordersDone)
    {
    }
}
