using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RoundtableManager.Core.Identity;
using RoundtableManager.Core.Roundtables;
using RoundtableManager.Core.Suppliers;

namespace RoundtableManager.Core.Data;

internal sealed class ApplicationUserConfiguration : IEntityTypeConfiguration<ApplicationUser>
{
    public void Configure(EntityTypeBuilder<ApplicationUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(200);
        builder.HasOne(u => u.Organisation).WithMany().HasForeignKey(u => u.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> builder)
    {
        builder.Property(o => o.Name).HasMaxLength(Organisation.NameMaxLength).IsRequired();
        builder.Property(o => o.NormalisedName).HasMaxLength(Organisation.NameMaxLength).IsRequired();
        builder.HasIndex(o => o.NormalisedName).IsUnique();
        builder.HasIndex(o => new { o.IsArchived, o.Type });
        builder.Property(o => o.CompaniesHouseNumber).HasMaxLength(8);
        builder.Property(o => o.Website).HasMaxLength(500);
        builder.Property(o => o.Notes).HasMaxLength(4000);
    }
}

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> builder)
    {
        builder.Property(c => c.FullName).HasMaxLength(Contact.NameMaxLength).IsRequired();
        builder.Property(c => c.Email).HasMaxLength(Contact.EmailMaxLength).IsRequired();
        builder.Property(c => c.NormalisedEmail).HasMaxLength(Contact.EmailMaxLength).IsRequired();
        builder.HasIndex(c => c.NormalisedEmail).IsUnique();
        builder.Property(c => c.JobTitle).HasMaxLength(200);
        builder.Property(c => c.Phone).HasMaxLength(50);
        builder.HasOne(c => c.Organisation).WithMany(o => o.Contacts).HasForeignKey(c => c.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RoundtableConfiguration : IEntityTypeConfiguration<Roundtable>
{
    public void Configure(EntityTypeBuilder<Roundtable> builder)
    {
        builder.Property(r => r.Title).HasMaxLength(Roundtable.TitleMaxLength).IsRequired();
        builder.Property(r => r.Description).HasMaxLength(Roundtable.DescriptionMaxLength);
        builder.Property(r => r.VenueAddress).HasMaxLength(Roundtable.VenueMaxLength);
        builder.Property(r => r.OnlineJoiningDetails).HasMaxLength(Roundtable.JoiningDetailsMaxLength);
        builder.HasIndex(r => r.StartsUtc);
        builder.HasIndex(r => r.RsvpDeadlineUtc);
    }
}
