using System.Text;
using Platform.IntegrationTests.Identity;
using Platform.IntegrationTests.Infrastructure;
using Platform.Webhooks;
using static Platform.IntegrationTests.Webhooks.WebhookTestHelpers;

namespace Platform.IntegrationTests.Webhooks;

[Collection(PlatformCollection.Name)]
public sealed class WebhookDisabledEmailTests(PlatformFixture fixture)
{
    [Fact]
    public async Task Delivery_ReceiverAnswers410_TenantOwnerIsEmailed()
    {
        var owner = await fixture.SignUpConfirmedAsync();
        using var admin = fixture.CreateClient(TestCaller.TenantMember(owner.TenantId, "owner"));
        await using var receiver = await WebhookReceiver.StartAsync(410);
        var endpoint = await RegisterAsync(admin, receiver.Url);

        await EmitAsync(fixture, owner.TenantId, "order.paid", new { orderId = "o-410" });
        await WaitForDeliveriesAsync(admin, endpoint.Endpoint.Id, d => d.All(x => x.Status == DeliveryStatus.Failed));

        var body = await MailBodyAsync(owner.Email, endpoint.Endpoint.Id.ToString());
        Assert.Contains(receiver.Url, body, StringComparison.Ordinal);
        Assert.Contains("410 Gone", body, StringComparison.Ordinal);
    }

    /// <summary>The body of the email to <paramref name="to"/> that mentions <paramref name="marker"/>, waiting for the job to send it.</summary>
    private async Task<string> MailBodyAsync(string to, string marker)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            foreach (var file in Directory.Exists(fixture.MailDirectory) ? Directory.GetFiles(fixture.MailDirectory, "*.eml") : [])
            {
                var text = await File.ReadAllTextAsync(file);
                var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                if (!text[..split].Contains($"To: {to}", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var body = Encoding.UTF8.GetString(Convert.FromBase64String(text[(split + 4)..].Replace("\r\n", "", StringComparison.Ordinal).Trim()));
                if (body.Contains(marker, StringComparison.Ordinal))
                {
                    return body;
                }
            }

            await Task.Delay(200);
        }

        throw new Xunit.Sdk.XunitException($"No email to {to} mentioning {marker} arrived.");
    }
}
