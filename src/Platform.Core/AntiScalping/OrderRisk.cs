using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Orders;
using Platform.Tenancy;

namespace Platform.AntiScalping;

/// <summary>
/// The risk record of one order, written in the order's own INSERT batch (no extra round trip): the features it was
/// scored on, the score, the decision and why, and — for an order held for review — the promoter's verdict. Blocked
/// attempts are refused before an order exists, so they leave no record here (they are counted in the metrics).
/// </summary>
public sealed class OrderRisk : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid OrderId { get; init; }

    public Guid EventId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>0–1: the model's probability that the buyer is a scalper.</summary>
    public float Score { get; init; }

    /// <summary><see cref="RiskDecisions"/>: allow, flag, review, or challenge (the buyer passed an e-mail code).</summary>
    public required string Decision { get; init; }

    /// <summary>Why, in words a promoter reads in the queue (e.g. "sequential_identity", "subnet_velocity").</summary>
    public string[] Reasons { get; init; } = [];

    /// <summary>The <see cref="RiskFeatures"/> as JSON (kept as scored, for review and retraining).</summary>
    public required string Features { get; init; }

    /// <summary><see cref="ReviewStates"/>: none, pending, approved or rejected.</summary>
    public required string Review { get; set; }

    public string? ReviewedBy { get; set; }

    public DateTimeOffset? ReviewedAt { get; set; }

    public string? ReviewNote { get; set; }

    /// <summary>When the buyer entered the right e-mail code (decision challenge); the score and features are the challenged attempt's.</summary>
    public DateTimeOffset? ChallengePassedAt { get; init; }

    public uint Version { get; set; }
}

public static class RiskDecisions
{
    public const string Allow = "allow";
    public const string Flag = "flag";
    public const string Review = "review";
    public const string Block = "block";

    /// <summary>Scored between the challenge threshold and the threshold: the buyer must enter a code mailed to them.</summary>
    public const string Challenge = "challenge";
}

public static class ReviewStates
{
    public const string None = "none";
    public const string Pending = "pending";
    public const string Approved = "approved";
    public const string Rejected = "rejected";
}

/// <summary>A tenant's anti-scalping policy; a tenant without a row has <see cref="RiskSettingsDefaults"/>.</summary>
public sealed class RiskSettings : ITenantOwned
{
    public Guid TenantId { get; set; }

    /// <summary>What happens to an order scored at or above <see cref="Threshold"/>: off, flag, review or block.</summary>
    public required string Action { get; set; }

    public float Threshold { get; set; }

    /// <summary>
    /// Orders scored at or above this and below <see cref="Threshold"/> must pass an e-mail code (review or block only);
    /// null (every tenant until set) keeps the two-level behaviour.
    /// </summary>
    public float? ChallengeThreshold { get; set; }

    /// <summary>Hard rule: refuse orders from disposable e-mail domains whatever the score.</summary>
    public bool BlockDisposableEmail { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

public static class RiskSettingsDefaults
{
    /// <summary>Flag only: nothing changes for buyers until a promoter chooses review or block.</summary>
    public const string Action = RiskDecisions.Flag;

    public const float Threshold = 0.8f;
}

internal sealed class OrderRiskConfiguration : IEntityTypeConfiguration<OrderRisk>, IEntityTypeConfiguration<RiskSettings>
{
    public void Configure(EntityTypeBuilder<OrderRisk> builder)
    {
        builder.ToTable("order_risks", t =>
        {
            t.HasCheckConstraint("ck_order_risks_decision", "decision IN ('allow', 'flag', 'review', 'challenge')");
            t.HasCheckConstraint("ck_order_risks_review", "review IN ('none', 'pending', 'approved', 'rejected')");
            t.HasCheckConstraint("ck_order_risks_score", "score >= 0 AND score <= 1");
        });
        builder.HasKey(r => new { r.TenantId, r.OrderId });
        builder.Property(r => r.Decision).HasMaxLength(10);
        builder.Property(r => r.Review).HasMaxLength(10);
        builder.Property(r => r.Features).HasColumnType("jsonb");
        builder.Property(r => r.ReviewedBy).HasMaxLength(200);
        builder.Property(r => r.ReviewNote).HasMaxLength(500);
        builder.Property(r => r.Version).IsRowVersion();
        // The review queue: a tenant's pending (and flagged) orders, newest first, without reading the rest.
        builder.HasIndex(r => new { r.TenantId, r.OrderId }).HasFilter("decision <> 'allow'").HasDatabaseName("ix_order_risks_queue");
        builder.HasOne<Order>().WithOne().HasForeignKey<OrderRisk>(r => new { r.TenantId, r.OrderId }).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<RiskSettings> builder)
    {
        builder.ToTable("risk_settings", t =>
        {
            t.HasCheckConstraint("ck_risk_settings_action", "action IN ('off', 'flag', 'review', 'block')");
            t.HasCheckConstraint("ck_risk_settings_threshold", "threshold >= 0 AND threshold <= 1");
            t.HasCheckConstraint("ck_risk_settings_challenge", "challenge_threshold IS NULL OR (challenge_threshold >= 0 AND challenge_threshold < threshold)");
        });
        builder.HasKey(s => s.TenantId);
        builder.Property(s => s.Action).HasMaxLength(10);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(s => s.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
