using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RoundtableManager.Core.Actions;

internal sealed class FollowUpActionConfiguration : IEntityTypeConfiguration<FollowUpAction>
{
    public void Configure(EntityTypeBuilder<FollowUpAction> builder)
    {
        builder.ToTable("FollowUpActions");
        builder.Property(a => a.Title).HasMaxLength(FollowUpAction.TitleMaxLength).IsRequired();
        builder.Property(a => a.Description).HasMaxLength(FollowUpAction.DescriptionMaxLength);
        builder.Property(a => a.OwnerUserId).HasMaxLength(450);
        builder.Property(a => a.StaffLeadUserId).HasMaxLength(450).IsRequired();
        builder.Property(a => a.Version).IsConcurrencyToken();

        // The register filters and sorts on these; with thousands of actions each must be an index seek.
        builder.HasIndex(a => new { a.Status, a.DueDate });
        builder.HasIndex(a => a.RoundtableId);
        builder.HasIndex(a => a.OwnerOrganisationId);
        builder.HasIndex(a => a.StaffLeadUserId);
        builder.HasIndex(a => a.OwnerUserId);

        // Restrict everywhere: SQL Server refuses several cascade paths to one table, and an action outlives nothing it points at.
        builder.HasOne(a => a.Roundtable).WithMany().HasForeignKey(a => a.RoundtableId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.AgendaItem).WithMany().HasForeignKey(a => a.AgendaItemId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.Decision).WithMany().HasForeignKey(a => a.DecisionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.OwnerUser).WithMany().HasForeignKey(a => a.OwnerUserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.StaffLead).WithMany().HasForeignKey(a => a.StaffLeadUserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.OwnerOrganisation).WithMany().HasForeignKey(a => a.OwnerOrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.OwnerContact).WithMany().HasForeignKey(a => a.OwnerContactId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.History).WithOne().HasForeignKey(h => h.ActionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.Evidence).WithOne().HasForeignKey(e => e.ActionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ActionHistoryEntryConfiguration : IEntityTypeConfiguration<ActionHistoryEntry>
{
    public void Configure(EntityTypeBuilder<ActionHistoryEntry> builder)
    {
        builder.ToTable("ActionHistory");
        builder.Property(h => h.ActorUserId).HasMaxLength(450);
        builder.Property(h => h.ActorName).HasMaxLength(200).IsRequired();
        builder.Property(h => h.FromValue).HasMaxLength(ActionHistoryEntry.ValueMaxLength);
        builder.Property(h => h.ToValue).HasMaxLength(ActionHistoryEntry.ValueMaxLength);
        builder.Property(h => h.Comment).HasMaxLength(ActionHistoryEntry.CommentMaxLength);
        builder.HasIndex(h => new { h.ActionId, h.AtUtc });
    }
}

internal sealed class ActionEvidenceConfiguration : IEntityTypeConfiguration<ActionEvidence>
{
    public void Configure(EntityTypeBuilder<ActionEvidence> builder)
    {
        builder.ToTable("ActionEvidence");
        builder.Property(e => e.Url).HasMaxLength(ActionEvidence.UrlMaxLength);
        builder.Property(e => e.Title).HasMaxLength(ActionEvidence.TitleMaxLength).IsRequired();
        builder.Property(e => e.StoredFileName).HasMaxLength(ActionEvidence.FileNameMaxLength);
        builder.Property(e => e.OriginalFileName).HasMaxLength(ActionEvidence.FileNameMaxLength);
        builder.Property(e => e.ContentType).HasMaxLength(ActionEvidence.ContentTypeMaxLength);
        builder.Property(e => e.AddedByUserId).HasMaxLength(450).IsRequired();
        builder.Property(e => e.AddedByName).HasMaxLength(200).IsRequired();
        builder.HasIndex(e => e.StoredFileName).IsUnique();
    }
}
