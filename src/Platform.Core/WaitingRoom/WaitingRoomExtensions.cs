using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Platform.WaitingRoom;

public static class WaitingRoomExtensions
{
    public static IHostApplicationBuilder AddWaitingRooms(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WaitingRoomOptions>().BindConfiguration(WaitingRoomOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<RoomTokens>();
        builder.Services.AddSingleton<RoomDirectory>();
        builder.Services.AddSingleton<RoomGate>();
        builder.Services.AddSingleton<ArrivalMeter>();
        builder.Services.AddScoped<RoomService>();
        builder.Services.AddScoped<Members.MemberListService>();
        builder.Services.AddScoped<Orders.IOrderPlacementCheck, Members.MemberOrderCheck>();
        builder.Services.AddHostedService<RoomAdmitter>();
        builder.Services.AddSingleton<RoomMetrics>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RoomMetrics>());
        return builder;
    }

    /// <summary>Public holds of an event with a room need its pass (<see cref="RoomGate"/>).</summary>
    public static TBuilder RequireWaitingRoomPass<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter<TBuilder, RoomPassFilter>();
}
