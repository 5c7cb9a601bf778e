using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RoundtableManager.Core.Suppliers;

namespace RoundtableManager.Core.Invitations;

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> builder)
    {
        builder.HasIndex(i => new { i.RoundtableId, i.OrganisationId }).IsUnique();
        builder.HasOne(i => i.Roundtable).WithMany().HasForeignKey(i => i.RoundtableId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(i => i.Organisation).WithMany().HasForeignKey(i => i.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class InvitationRecipientConfiguration : IEntityTypeConfiguration<InvitationRecipient>
{
    public void Configure(EntityTypeBuilder<InvitationRecipient> builder)
    {
        builder.Property(r => r.Email).HasMaxLength(Contact.EmailMaxLength).IsRequired();
        builder.Property(r => r.Name).HasMaxLength(Contact.NameMaxLength).IsRequired();
        builder.Property(r => r.TokenHash).HasMaxLength(InvitationRecipient.TokenHashLength).IsFixedLength().IsUnicode(false).IsRequired();
        builder.HasIndex(r => r.TokenHash).IsUnique();
        builder.HasIndex(r => new { r.InvitationId, r.ContactId }).IsUnique().HasFilter("[ContactId] IS NOT NULL");
        // The filtered index above cannot serve joins from an invitation to all its recipients (the reminder sweep's).
        builder.HasIndex(r => r.InvitationId);
        builder.HasOne(r => r.Invitation).WithMany(i => i.Recipients).HasForeignKey(r => r.InvitationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.Contact).WithMany().HasForeignKey(r => r.ContactId).OnDelete(DeleteBehavior.SetNull);
        // The navigation lets one SaveChanges write a recipient and its email together: EF fills in the new id.
        builder.HasMany(r => r.Messages).WithOne().HasForeignKey(m => m.InvitationRecipientId).OnDelete(DeleteBehavior.Restrict);
    }
}
