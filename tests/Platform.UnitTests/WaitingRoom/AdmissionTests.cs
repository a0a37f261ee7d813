using Platform.WaitingRoom;

namespace Platform.UnitTests.WaitingRoom;

public sealed class AdmissionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 5, 20, 0, 0, TimeSpan.Zero);

    private static Room Room(int rate, long presale, long general, int percent = 100) => new()
    {
        State = RoomStates.Open, RatePerMinute = rate, ReleasePercent = percent, Shuffled = true, LastTickAt = T0,
        PresaleNext = presale, GeneralNext = general,
    };

    [Fact]
    public void Advance_UnevenTicks_AdmitsExactlyTheRateOverTheWindow()
    {
        var room = Room(rate: 90, presale: 0, general: 10_000);
        var now = T0;
        foreach (var step in new[] { 0.3, 1.7, 0.05, 2.2, 0.75, 55.0 })
        {
            now = now.AddSeconds(step);
            RoomAdmitter.Advance(room, now);
        }

        Assert.Equal(90, room.GeneralAdmitted); // 60 s at 90/min, whatever the tick lengths
    }

    [Fact]
    public void Advance_PresaleCohortFirst_ThenGeneralUpToTheGreyReleaseShare()
    {
        var room = Room(rate: 600, presale: 5, general: 100, percent: 10);

        RoomAdmitter.Advance(room, T0.AddSeconds(6)); // 60 admissions earned

        Assert.Equal((5, 10), (room.PresaleAdmitted, room.GeneralAdmitted));
        Assert.True(room.Credit <= 1, "admissions nobody could take must not be banked");
        room.ReleasePercent = 50;
        RoomAdmitter.Advance(room, T0.AddSeconds(12));
        Assert.Equal(50, room.GeneralAdmitted);
    }

    [Fact]
    public void Advance_PausedOrBeforeOpening_AdmitsNoneAndEarnsNothing()
    {
        var paused = Room(rate: 600, presale: 0, general: 100);
        paused.State = RoomStates.Paused;
        var unopened = Room(rate: 600, presale: 0, general: 100);
        unopened.Shuffled = false;

        RoomAdmitter.Advance(paused, T0.AddMinutes(5));
        RoomAdmitter.Advance(unopened, T0.AddMinutes(5));

        Assert.Equal((0, 0.0, 0, 0.0), (paused.GeneralAdmitted, paused.Credit, unopened.GeneralAdmitted, unopened.Credit));
    }
}
