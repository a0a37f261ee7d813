using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Tenancy;

namespace Platform.AntiScalping.Challenge;

/// <summary>
/// One e-mail-code challenge (issue #16, the policy's "challenge" level): a public order scored between the tenant's
/// challenge threshold and its review/block threshold is refused with 403 <c>challenge_required</c> and a 6-digit code
/// is mailed to the buyer. The row is written on its own (the refused order's transaction rolls back) and binds the
/// code to this tenant (RLS), this event and this buyer's e-mail (its hash, as orders keep it). The code is kept only
/// hashed, lives <see cref="RiskChallenges.Lifetime"/>, and allows <see cref="RiskChallenges.MaxAttempts"/> tries.
/// The features and score of the challenged attempt are kept, so the passing retry records what was challenged
/// (re-scoring it would count the same buyer twice in the velocity signals).
/// </summary>
public sealed class RiskChallenge : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid EventId { get; init; }

    /// <summary>SHA-256 of the trimmed, lower-cased e-mail (<see cref="Holds.HoldService.EmailKey"/>), as orders.buyer_email_hash.</summary>
    public required string EmailHash { get; init; }

    /// <summary>SHA-256 of the challenge id and the code: never the code itself.</summary>
    public required byte[] CodeHash { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Wrong codes entered so far; at <see cref="RiskChallenges.MaxAttempts"/> the challenge is spent.</summary>
    public int Attempts { get; set; }

    public float Score { get; init; }

    /// <summary>The <see cref="RiskFeatures"/> of the challenged attempt, as JSON.</summary>
    public required string Features { get; init; }

    /// <summary>When the right code placed the order (and which order): a challenge passes once.</summary>
    public DateTimeOffset? PassedAt { get; set; }

    public Guid? OrderId { get; set; }
}

internal sealed class RiskChallengeConfiguration : IEntityTypeConfiguration<RiskChallenge>
{
    public void Configure(EntityTypeBuilder<RiskChallenge> builder)
    {
        builder.ToTable("risk_challenges", t =>
        {
            t.HasCheckConstraint("ck_risk_challenges_attempts", "attempts >= 0 AND attempts <= 5");
            t.HasCheckConstraint("ck_risk_challenges_score", "score >= 0 AND score <= 1");
        });
        builder.HasKey(c => new { c.TenantId, c.Id });
        builder.Property(c => c.EmailHash).HasMaxLength(64);
        builder.Property(c => c.Features).HasColumnType("jsonb");
        // The per-buyer mail cap counts one e-mail's recent challenges without reading the rest.
        builder.HasIndex(c => new { c.TenantId, c.EmailHash, c.CreatedAt });
        builder.HasOne<Tenant>().WithMany().HasForeignKey(c => c.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
