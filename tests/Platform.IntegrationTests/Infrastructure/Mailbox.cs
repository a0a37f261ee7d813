using System.Text;

namespace Platform.IntegrationTests.Infrastructure;

/// <summary>Reads the .eml files the app's embedded email sender writes during a test run.</summary>
internal static class Mailbox
{
    /// <summary>
    /// The decoded body of the newest email to <paramref name="to"/> whose body satisfies <paramref name="matches"/>,
    /// waiting up to ~15 s for a background job to send it.
    /// </summary>
    public static async Task<string> MailBodyAsync(this PlatformFixture fixture, string to, Func<string, bool> matches, string what)
    {
        for (var attempt = 0; attempt < 150; attempt++)
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
