namespace RoundtableManager.Core.Feedback;

/// <summary>
/// A checked-in delegate's personal feedback link and, once given, their one answer (changed in place until the
/// roundtable's feedback closes). Only the SHA-256 hash of the link's token is stored, as for invitation links.
/// </summary>
public class FeedbackRequest : Entity
{
    public const int CommentMaxLength = 2000;

    public int RoundtableId { get; set; }

    public Roundtable Roundtable { get; set; } = null!;

    public int DelegateId { get; set; }

    public DelegateEntry Delegate { get; set; } = null!;

    public int OrganisationId { get; set; }

    /// <summary>Lower-case hex SHA-256 of the link's token (<see cref="InvitationToken"/>).</summary>
    public string TokenHash { get; set; } = "";

    public DateTime TokenIssuedUtc { get; set; }

    /// <summary>First time the link was opened (mail scanners open links too, so this is not proof a person read it).</summary>
    public DateTime? LinkOpenedUtc { get; set; }

    public DateTime? RevokedUtc { get; set; }

    /// <summary>How useful the roundtable was, 1 (not useful) to 5 (very useful); null until answered.</summary>
    public int? Usefulness { get; set; }

    public string? WhatShouldChange { get; set; }

    public string? TopicsForNextTime { get; set; }

    /// <summary>When the person first answered.</summary>
    public DateTime? AnsweredUtc { get; set; }

    /// <summary>When the answer was last changed (equal to <see cref="AnsweredUtc"/> until it is).</summary>
    public DateTime? AnswerChangedUtc { get; set; }

    public DateTime CreatedUtc { get; set; }
}

internal sealed class FeedbackRequestConfiguration : IEntityTypeConfiguration<FeedbackRequest>
{
    public void Configure(EntityTypeBuilder<FeedbackRequest> builder)
    {
        builder.Property(f => f.TokenHash).HasMaxLength(InvitationRecipient.TokenHashLength).IsFixedLength().IsUnicode(false).IsRequired();
        builder.Property(f => f.WhatShouldChange).HasMaxLength(FeedbackRequest.CommentMaxLength);
        builder.Property(f => f.TopicsForNextTime).HasMaxLength(FeedbackRequest.CommentMaxLength);
        builder.HasIndex(f => f.TokenHash).IsUnique();
        // One link, and so one answer, per delegate per roundtable.
        builder.HasIndex(f => new { f.RoundtableId, f.DelegateId }).IsUnique();
        builder.HasIndex(f => new { f.OrganisationId, f.AnsweredUtc });
        builder.HasOne(f => f.Roundtable).WithMany().HasForeignKey(f => f.RoundtableId).OnDelete(DeleteBehavior.NoAction);
        builder.HasOne(f => f.Delegate).WithMany().HasForeignKey(f => f.DelegateId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(f => f.OrganisationId).OnDelete(DeleteBehavior.NoAction);
    }
}
