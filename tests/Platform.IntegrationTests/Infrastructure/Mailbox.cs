using System.Text;

namespace Platform.IntegrationTests.Infrastructure;

/// <summary>Reads the .eml files the app's embedded email sender writes during a test run.</summary>
internal static class Mailbox
{
    /// <summary>
    /// The decoded body of the newest email to <paramref name="to"/> whose body satisfies <paramref name="matches"/>,
    /// waiting up to a minute for the outbox to send it (a correctness wait: late in a full run on 2 slow cores the
    /// outbox's sweep over every tenant's lanes took over 20 s).
    /// </summary>
    public static async Task<string> MailBodyAsync(this PlatformFixture fixture, string to, Func<string, bool> matches, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var files = Directory.Exists(fixture.MailDirectory)
                ? new DirectoryInfo(fixture.MailDirectory).GetFiles("*.eml").OrderByDescending(f => f.LastWriteTimeUtc)
                : Enumerable.Empty<FileInfo>();
            foreach (var file in files)
            {
                var text = await File.ReadAllTextAsync(file.FullName);
                var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                if (split <= 0 || !text[..split].Contains($"To: {to}", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var body = Encoding.UTF8.GetString(Convert.FromBase64String(text[(split + 4)..].Replace("\r\n", "", StringComparison.Ordinal).Trim()));
                if (matches(body))
                {
                    return body;
                }
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"No email to {to} {what} arrived.");
    }

    /// <summary>The body of the email to <paramref name="to"/> that contains <paramref name="marker"/>.</summary>
    public static Task<string> MailBodyAsync(this PlatformFixture fixture, string to, string marker) =>
        fixture.MailBodyAsync(to, body => body.Contains(marker, StringComparison.Ordinal), $"containing '{marker}'");
}
