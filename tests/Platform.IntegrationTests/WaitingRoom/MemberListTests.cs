using System.Net;
using System.Net.Http.Json;
using System.Text;
using Platform.Holds;
using Platform.IntegrationTests.Holds;
using Platform.IntegrationTests.Infrastructure;
using Platform.WaitingRoom;
using Platform.WaitingRoom.Members;

namespace Platform.IntegrationTests.WaitingRoom;

/// <summary>Grey release's member-list cohort (ADR 0063): upload, hashing at rest, the presale lane, and the pass bound to the address.</summary>
[Collection(PlatformCollection.Name)]
public sealed class MemberListTests(PlatformFixture fixture)
{
    [Fact]
    public async Task Upload_CsvWithHeader_CountsDistinctRejectsBadLines_StoresNoPlaintext()
    {
        var s = await RoomScenario.CreateAsync(fixture);
        (await s.PutAsync(new { ratePerMinute = 600 })).EnsureSuccessStatusCode();
        const string Csv = "email,name\nada@example.com,Ada\n\"Grace@Example.com\",Grace\nnot an address,X\nADA@example.com,Ada again\nlinus@example.org\n";

        var list = await (await s.Checkout.Owner.PutAsJsonAsync($"{s.StaffUrl}/members", new { list = Csv })).ReadAsync<MemberListResponse>();

        Assert.Equal((3, 1), (list.Members, list.Rejected));
        Assert.Equal([4], list.RejectedLines);
        Assert.Equal(3, (await s.FiguresAsync()).Members);
        // At rest: hashes only — neither the address nor its unsalted SHA-256 (what the holds table keys by).
        var rows = await s.Checkout.ScalarAsync<long>(
            $"SELECT count(*) FROM waiting_room_members WHERE event_id = '{s.EventId}' AND email_hash <> '{HoldService.EmailKey("ada@example.com")}' AND email_hash NOT LIKE '%@%' AND length(email_hash) = 64");
        Assert.Equal(3, rows);
    }

    [Fact(Skip = "Timing-dependent: under load the admitter can admit the member between the two position reads, so the general buyer reads position 1 (seen once in the merged run, 2026-12-06). To be rewritten against a paused room.")]
    public async Task Member_JoinsPresaleLaneAheadOfEarlierGeneralBuyer_UnlistedAddress422()
    {
        var s = await RoomScenario.CreateAsync(fixture);
        (await s.PutAsync(new { ratePerMinute = 1 })).EnsureSuccessStatusCode();
        (await s.Checkout.Owner.PutAsJsonAsync($"{s.StaffUrl}/members", new { list = "fan@example.com\n" })).EnsureSuccessStatusCode();

        var (generalBrowser, memberBrowser) = (s.Browser(), s.Browser());
        await s.JoinAsync(generalBrowser);
        await JoinAsync(s, memberBrowser, " Fan@Example.com ");
        var unlisted = await (await s.Browser().PostAsJsonAsync($"{s.PublicUrl}/tickets", new { email = "stranger@example.com" }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity);
        var general = await DealtAsync(s, generalBrowser);
        var member = await DealtAsync(s, memberBrowser);

        // The member lane is served first: the member is first although the general buyer came earlier.
        Assert.Equal((1L, 2L), (member.Position, general.Position));
        Assert.Equal(MemberListService.NotListedCode, unlisted.Code());
        Assert.Contains("email", unlisted.ErrorFields());
    }

    [Fact]
    public async Task MemberPass_BoundToTheAddress_OtherEmailRefusedAtHoldAndOrder_SameEmailBuys()
    {
        var s = await RoomScenario.CreateAsync(fixture);
        (await s.PutAsync(new { ratePerMinute = 6000 })).EnsureSuccessStatusCode();
        (await s.Checkout.Owner.PutAsJsonAsync($"{s.StaffUrl}/members", new { list = "fan@example.com" })).EnsureSuccessStatusCode();
        var browser = s.Browser();
        await JoinAsync(s, browser, "fan@example.com");
        await s.AdmittedPassAsync(browser);

        var lent = await (await s.Checkout.HoldGaAsync(1, "friend@example.com", browser)).ProblemAsync(HttpStatusCode.Forbidden);
        var hold = await (await s.Checkout.HoldGaAsync(1, "FAN@example.com", browser)).ReadAsync<HoldResponse>();
        var swapped = await (await s.Checkout.OrderAsync(hold, email: "friend@example.com")).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        var order = await s.Checkout.OrderAsync(hold, email: "fan@example.com");

        Assert.Equal(MemberListService.EmailMismatchCode, lent.Code());
        Assert.Equal(MemberListService.EmailMismatchCode, swapped.Code());
        Assert.Equal(HttpStatusCode.Created, order.StatusCode);
    }

    [Fact]
    public async Task MemberList_BoxOfficeRefused403_TooLong422_DeleteEndsTheCohort()
    {
        var s = await RoomScenario.CreateAsync(fixture);
        (await s.PutAsync(new { ratePerMinute = 600 })).EnsureSuccessStatusCode();
        var boxOffice = fixture.CreateClient(TestCaller.TenantMember(s.Checkout.Events.Tenant.Id, "box_office"));
        var tooLong = new StringBuilder();
        for (var i = 0; i <= MemberList.MaxMembers; i++)
        {
            tooLong.Append("m").Append(i).Append("@example.com\n");
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await boxOffice.PutAsJsonAsync($"{s.StaffUrl}/members", new { list = "a@example.com" })).StatusCode);
        var problem = await (await s.Checkout.Owner.PutAsJsonAsync($"{s.StaffUrl}/members", new { list = tooLong.ToString() }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity);
        (await s.Checkout.Owner.PutAsJsonAsync($"{s.StaffUrl}/members", new { list = "fan@example.com" })).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.NoContent, (await s.Checkout.Owner.DeleteAsync($"{s.StaffUrl}/members")).StatusCode);
        var after = await s.Browser().PostAsJsonAsync($"{s.PublicUrl}/tickets", new { email = "fan@example.com" });

        Assert.Equal(MemberListService.TooLongCode, problem.Code());
        Assert.Equal(0, (await s.FiguresAsync()).Members);
        Assert.Equal(MemberListService.NotListedCode, (await after.ProblemAsync(HttpStatusCode.UnprocessableEntity)).Code());
    }

    /// <summary>The browser's position once its (pre-opening) arrival has been dealt a place.</summary>
    private static async Task<RoomPositionResponse> DealtAsync(RoomScenario s, HttpClient browser)
    {
        var position = await s.PositionAsync(browser);
        for (var i = 0; i < 100 && position.Position is null; i++)
        {
            await Task.Delay(100);
            position = await s.PositionAsync(browser);
        }

        return position;
    }

    private static async Task<RoomTicketResponse> JoinAsync(RoomScenario s, HttpClient browser, string email) =>
        await (await browser.PostAsJsonAsync($"{s.PublicUrl}/tickets", new { email })).ReadAsync<RoomTicketResponse>();
}
