using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Http;
using Platform.Identity.Email;
using Platform.Persistence;
using Platform.Tenancy;

namespace Platform.AntiScalping.Challenge;

/// <summary>
/// Issues and checks e-mail-code challenges. Issuing and counting a wrong code write in a scope of their own (their
/// own connection and transaction): the order being placed is refused, so its transaction rolls back, and these rows
/// must outlive it. Passing is the opposite: the challenge is spent in the order's own transaction, so it is spent
/// only if the order is placed (and two requests racing with one code place one order).
/// </summary>
public sealed class RiskChallenges(IServiceScopeFactory scopes, IEmailSender mail, TimeProvider clock)
{
    public const string RequiredCode = "challenge_required";
    public const string InvalidCode = "challenge_invalid";
    public const string ExpiredCode = "challenge_expired";
    public const string WrongCode = "challenge_code_wrong";
    public const string LockedCode = "challenge_locked";
    public const string TooManyCode = "challenge_too_many";

    public const int MaxAttempts = 5;

    /// <summary>At most this many codes are mailed to one address per tenant within <see cref="Lifetime"/> (a mail bomb costs a hold each, still).</summary>
    public const int MaxPerEmail = 3;

    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Stores a new challenge, mails its code, and answers the 403 that carries its id (to be thrown).</summary>
    public async Task<ApiException> IssueAsync(Guid tenantId, Guid eventId, string eventTitle, string email, string emailHash, RiskFeatures features,
        float score, CancellationToken ct)
    {
        var now = PostgresTime.Now(clock);
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        var id = Guid.CreateVersion7();
        var stored = new RiskChallenge
        {
            TenantId = tenantId, Id = id, EventId = eventId, EmailHash = emailHash, CreatedAt = now, ExpiresAt = now + Lifetime,
            Score = Math.Clamp(score, 0, 1), Features = JsonSerializer.Serialize(features, Json), CodeHash = Hash(id, code),
        };
        using (var scope = scopes.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var since = now - Lifetime;
            if (await db.Set<RiskChallenge>().CountAsync(c => c.EmailHash == emailHash && c.CreatedAt > since, ct) >= MaxPerEmail)
            {
                return new ApiException(StatusCodes.Status429TooManyRequests, TooManyCode,
                    $"Too many codes were sent to this e-mail address; use the last one, or try again in {(int)Lifetime.TotalMinutes} minutes.");
            }

            db.Add(stored);
            await db.SaveChangesAsync(ct);
        }

        await mail.SendAsync(new EmailMessage(email, $"Your code: {code}",
            $"To finish your order for {eventTitle}, enter this code on the checkout page:\n\n    {code}\n\n"
            + $"It is valid for {(int)Lifetime.TotalMinutes} minutes. If you did not try to buy tickets, ignore this e-mail.\n\n"
            + $"完成 {eventTitle} 的订单，请在结账页面输入此验证码：{code}（{(int)Lifetime.TotalMinutes} 分钟内有效）。如果不是您本人操作，请忽略此邮件。\n"), ct);
        return new ApiException(StatusCodes.Status403Forbidden, RequiredCode,
            "To place this order, enter the 6-digit code we e-mailed to the buyer: repeat the request with challengeId and challengeCode.")
        {
            Extensions = new Dictionary<string, object?> { ["challengeId"] = stored.Id },
        };
    }

    /// <summary>
    /// Checks a challenge answer for the order being placed (inside its transaction, on <paramref name="db"/>); on
    /// success spends the challenge in that transaction and returns it; otherwise throws the refusal.
    /// </summary>
    public async Task<RiskChallenge> PassAsync(PlatformDbContext db, Guid tenantId, Guid challengeId, string? code, Guid eventId, string emailHash,
        Guid orderId, CancellationToken ct)
    {
        var now = PostgresTime.Now(clock);
        var challenge = await db.Set<RiskChallenge>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == challengeId, ct);
        // Another tenant's (invisible under RLS), another event's, another buyer's or a spent challenge: one answer, so
        // a guesser learns nothing about which.
        if (challenge is null || challenge.EventId != eventId || challenge.EmailHash != emailHash || challenge.PassedAt is not null)
        {
            throw Field(InvalidCode, "challengeId", "This code request is not valid for this order; place the order again to get a new code.");
        }

        if (challenge.ExpiresAt <= now)
        {
            throw Field(ExpiredCode, "challengeId", "The code has expired; place the order again to get a new one.");
        }

        if (challenge.Attempts >= MaxAttempts)
        {
            throw Locked();
        }

        if (code is null || !CryptographicOperations.FixedTimeEquals(Hash(challengeId, code), challenge.CodeHash))
        {
            var left = await FailAsync(tenantId, challengeId, ct);
            throw left <= 0 ? Locked() : new ApiException(StatusCodes.Status422UnprocessableEntity, WrongCode,
                $"The code is not right; {left} tries left.", new Dictionary<string, string[]> { ["challengeCode"] = [$"The code is not right; {left} tries left."] })
            {
                Extensions = new Dictionary<string, object?> { ["remaining"] = left },
            };
        }

        // Spent with the order, or not at all; a concurrent request with the same code finds it spent.
        var spent = await db.Set<RiskChallenge>()
            .Where(c => c.Id == challengeId && c.PassedAt == null && c.Attempts < MaxAttempts && c.ExpiresAt > now)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.PassedAt, now).SetProperty(c => c.OrderId, orderId), ct);
        if (spent == 0)
        {
            throw Field(InvalidCode, "challengeId", "This code request is not valid for this order; place the order again to get a new code.");
        }

        return challenge;
    }

    /// <summary>Counts a wrong code, committed on its own; the tries left.</summary>
    private async Task<int> FailAsync(Guid tenantId, Guid challengeId, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        await db.Set<RiskChallenge>().Where(c => c.Id == challengeId && c.Attempts < MaxAttempts)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.Attempts, c => c.Attempts + 1), ct);
        var attempts = await db.Set<RiskChallenge>().Where(c => c.Id == challengeId).Select(c => c.Attempts).FirstAsync(ct);
        return MaxAttempts - attempts;
    }

    private static ApiException Locked() => Field(LockedCode, "challengeCode",
        $"The code was entered wrong {MaxAttempts} times; place the order again to get a new code.");

    private static ApiException Field(string code, string field, string message) =>
        new(StatusCodes.Status422UnprocessableEntity, code, message, new Dictionary<string, string[]> { [field] = [message] });

    internal static byte[] Hash(Guid challengeId, string code) =>
        SHA256.HashData(Encoding.UTF8.GetBytes(challengeId.ToString("N") + ":" + code.Trim()));
}
