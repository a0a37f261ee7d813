using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Platform.CheckIn;
using Platform.IntegrationTests.CheckIn;
using Platform.IntegrationTests.Infrastructure;
using static Platform.IntegrationTests.Import.ImportScenario;

namespace Platform.IntegrationTests.Import;

/// <summary>Imported old codes at a gate that went offline (issue #18 item 4, ADR 0057): in the package, admitted once, reconciled on upload.</summary>
[Collection(PlatformCollection.Name)]
public sealed class ImportOfflineGateTests(PlatformFixture fixture)
{
    [Fact]
    public async Task OfflinePackage_CarriesHashedOldCodes_UploadedScansReconcile_DoubleUseDetected()
    {
        var s = await CreateAsync(fixture);
        var imported = await s.ImportAsync((await s.UploadAsync(Csv([Row("OFF-1", "OLD-OFF-1"), Row("OFF-2", "OLD-OFF-2", email: "b@example.com")]))).Id);
        Assert.Equal(2, imported.Created);
        // The old system cancels OLD-OFF-2 later: its code must not admit offline either.
        Assert.Equal(1, (await s.ImportAsync((await s.UploadAsync(Csv([Row("OFF-2", "OLD-OFF-2", email: "b@example.com", status: "refunded")]))).Id)).Changed);
        var gateA = fixture.CreateClient(TestCaller.TenantMember(s.TenantId, "scanner"));
        var gateB = fixture.CreateClient(TestCaller.TenantMember(s.TenantId, "scanner"));

        var package = await (await gateA.GetAsync($"/api/v1/check-in/events/{s.Event.Id}/offline-package")).ReadAsync<OfflinePackageResponse>();
        var raw = await (await gateA.GetAsync($"/api/v1/check-in/events/{s.Event.Id}/offline-package")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("OLD-OFF-1", raw, StringComparison.Ordinal); // a lost device hands out no admissible codes

        // What a gate does offline: hash the scanned text with the package's salt and look it up; the ticket is in the package, not yet admitted.
        var legacy = Assert.Single(package.LegacyCodes);
        Assert.Equal(Hash(package.LegacyCodeSalt, "OLD-OFF-1"), legacy.CodeHash);
        Assert.DoesNotContain(package.LegacyCodes, c => c.CodeHash == Hash(package.LegacyCodeSalt, "OLD-OFF-2"));
        var ticket = Assert.Single(package.Tickets, t => t.Id == legacy.TicketId);
        Assert.Equal((1, false), (ticket.CodeVersion, ticket.Admitted));
        // A second package has a new salt: hashes cannot be matched across packages.
        var second = await (await gateB.GetAsync($"/api/v1/check-in/events/{s.Event.Id}/offline-package")).ReadAsync<OfflinePackageResponse>();
        Assert.NotEqual(package.LegacyCodeSalt, second.LegacyCodeSalt);
        Assert.Equal(Hash(second.LegacyCodeSalt, " OLD-OFF-1 "), Assert.Single(second.LegacyCodes).CodeHash);

        // Both gates admitted the old code offline; on upload the earlier recorded admission wins and the other is double use.
        var now = DateTimeOffset.UtcNow;
        var a = await (await gateA.PostAsJsonAsync("/api/v1/check-in/batches", new ScanBatchRequest("gate-a-1", s.Event.Id,
            [new("a1", "OLD-OFF-1", "east", now.AddMinutes(-5)), new("a2", "OLD-OFF-2", "east", now.AddMinutes(-4))]))).ReadAsync<ScanBatchResponse>();
        var b = await (await gateB.PostAsJsonAsync("/api/v1/check-in/batches", new ScanBatchRequest("gate-b-1", s.Event.Id,
            [new("b1", "OLD-OFF-1", "west", now.AddMinutes(-3))]))).ReadAsync<ScanBatchResponse>();

        Assert.Equal((ScanResult.Admitted, legacy.TicketId), (a.Results[0].Scan.Result, a.Results[0].Scan.TicketId));
        Assert.Equal(ScanResult.Revoked, a.Results[1].Scan.Result);
        Assert.Equal((ScanResult.AlreadyUsed, "east"), (b.Results[0].Scan.Result, b.Results[0].Scan.FirstGate));
        // The same batch again changes nothing; online, the code is used; the next package says admitted.
        var replay = await (await gateA.PostAsJsonAsync("/api/v1/check-in/batches", new ScanBatchRequest("gate-a-1", s.Event.Id,
            [new("a1", "OLD-OFF-1", "east", now.AddMinutes(-5))]))).ReadAsync<ScanBatchResponse>();
        Assert.Equal((true, ScanResult.Admitted), (replay.Results[0].Replayed, replay.Results[0].Scan.Result));
        Assert.Equal(ScanResult.AlreadyUsed, (await gateB.ScanAsync(s.Event.Id, "OLD-OFF-1")).Result);
        var after = await (await gateB.GetAsync($"/api/v1/check-in/events/{s.Event.Id}/offline-package")).ReadAsync<OfflinePackageResponse>();
        Assert.True(Assert.Single(after.Tickets, t => t.Id == legacy.TicketId).Admitted);
    }

    private static string Hash(string salt, string code) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(salt + code.Trim())));
}
