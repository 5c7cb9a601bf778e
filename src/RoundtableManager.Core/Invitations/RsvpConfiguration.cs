using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RoundtableManager.Core.Roundtables;
using RoundtableManager.Core.Suppliers;

namespace RoundtableManager.Core.Invitations;

internal sealed class DelegateEntryConfiguration : IEntityTypeConfiguration<DelegateEntry>
{
    public void Configure(EntityTypeBuilder<DelegateEntry> builder)
    {
        builder.Property(d => d.FullName).HasMaxLength(Contact.NameMaxLength).IsRequired();
        builder.Property(d => d.Email).HasMaxLength(Contact.EmailMaxLength).IsRequired();
        builder.Property(d => d.NormalisedEmail).HasMaxLength(Contact.EmailMaxLength).IsRequired();
        builder.Property(d => d.JobTitle).HasMaxLength(Contact.NameMaxLength);
        builder.Property(d => d.AccessNeeds).HasMaxLength(DelegateEntry.TextMaxLength);
        builder.Property(d => d.DietaryRequirements).HasMaxLength(DelegateEntry.TextMaxLength);
        builder.Property(d => d.TermsVersion).HasMaxLength(40).IsRequired();
        builder.HasIndex(d => new { d.InvitationId, d.NormalisedEmail }).IsUnique();
        builder.HasIndex(d => new { d.RoundtableId, d.Status, d.QueuedUtc });
        builder.HasOne(d => d.Invitation).WithMany(i => i.Delegates).HasForeignKey(d => d.InvitationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Roundtable>().WithMany().HasForeignKey(d => d.RoundtableId).OnDelete(DeleteBehavior.NoAction);
        builder.HasOne<Contact>().WithMany().HasForeignKey(d => d.ContactId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class InvitationRsvpConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> builder)
    {
        builder.Property(i => i.DeclineReason).HasMaxLength(DelegateEntry.TextMaxLength);
        builder.Property(i => i.RespondedByName).HasMaxLength(200);
        builder.Property(i => i.RespondedByUserId).HasMaxLength(450);
    }
}
