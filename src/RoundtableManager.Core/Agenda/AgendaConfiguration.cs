namespace RoundtableManager.Core.Agenda;

internal sealed class AgendaItemConfiguration : IEntityTypeConfiguration<AgendaItem>
{
    public void Configure(EntityTypeBuilder<AgendaItem> builder)
    {
        builder.Property(i => i.Title).HasMaxLength(AgendaItem.TitleMaxLength).IsRequired();
        builder.Property(i => i.Description).HasMaxLength(AgendaItem.DescriptionMaxLength);
        builder.Property(i => i.LeadUserId).HasMaxLength(450);
        builder.Property(i => i.LeadName).HasMaxLength(AgendaItem.NameMaxLength);
        builder.Property(i => i.LeadOrganisation).HasMaxLength(AgendaItem.NameMaxLength);
        builder.Property(i => i.ContractClauses).HasMaxLength(AgendaItem.ClausesMaxLength);
        builder.Property(i => i.Minutes).HasMaxLength(AgendaItem.MinutesMaxLength);
        builder.HasIndex(i => new { i.RoundtableId, i.Position });
        builder.HasOne<Roundtable>().WithMany().HasForeignKey(i => i.RoundtableId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(i => i.References).WithOne().HasForeignKey(r => r.AgendaItemId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(i => i.MinutesRevisions).WithOne().HasForeignKey(r => r.AgendaItemId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(i => i.Decisions).WithOne().HasForeignKey(d => d.AgendaItemId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AgendaPublicationConfiguration : IEntityTypeConfiguration<AgendaPublication>
{
    public void Configure(EntityTypeBuilder<AgendaPublication> builder)
    {
        builder.HasKey(p => p.RoundtableId);
        builder.Property(p => p.PublishedBy).HasMaxLength(200).IsRequired();
        builder.HasOne<Roundtable>().WithOne().HasForeignKey<AgendaPublication>(p => p.RoundtableId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReferenceConfiguration : IEntityTypeConfiguration<Reference>
{
    public void Configure(EntityTypeBuilder<Reference> builder)
    {
        builder.Property(r => r.Code).HasMaxLength(Reference.CodeMaxLength).IsRequired();
        builder.Property(r => r.Title).HasMaxLength(Reference.TitleMaxLength).IsRequired();
        builder.Ignore(r => r.Display);
        builder.HasData(
            new Reference { Id = 1, Kind = ReferenceKind.CafObjective, Code = "CAF A", Title = "Managing security risk" },
            new Reference { Id = 2, Kind = ReferenceKind.CafObjective, Code = "CAF B", Title = "Protecting against cyber attack" },
            new Reference { Id = 3, Kind = ReferenceKind.CafObjective, Code = "CAF C", Title = "Detecting cyber security events" },
            new Reference { Id = 4, Kind = ReferenceKind.CafObjective, Code = "CAF D", Title = "Minimising the impact of cyber security incidents" },
            new Reference { Id = 5, Kind = ReferenceKind.CyberEssentials, Code = "CE", Title = "Firewalls" },
            new Reference { Id = 6, Kind = ReferenceKind.CyberEssentials, Code = "CE", Title = "Secure configuration" },
            new Reference { Id = 7, Kind = ReferenceKind.CyberEssentials, Code = "CE", Title = "Security update management" },
            new Reference { Id = 8, Kind = ReferenceKind.CyberEssentials, Code = "CE", Title = "User access control" },
            new Reference { Id = 9, Kind = ReferenceKind.CyberEssentials, Code = "CE", Title = "Malware protection" });
    }
}

internal sealed class AgendaItemReferenceConfiguration : IEntityTypeConfiguration<AgendaItemReference>
{
    public void Configure(EntityTypeBuilder<AgendaItemReference> builder)
    {
        builder.HasKey(r => new { r.AgendaItemId, r.ReferenceId });
        builder.HasOne(r => r.Reference).WithMany().HasForeignKey(r => r.ReferenceId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MinutesRevisionConfiguration : IEntityTypeConfiguration<MinutesRevision>
{
    public void Configure(EntityTypeBuilder<MinutesRevision> builder)
    {
        builder.Property(r => r.Text).HasMaxLength(AgendaItem.MinutesMaxLength).IsRequired();
        builder.Property(r => r.AuthorUserId).HasMaxLength(450);
        builder.Property(r => r.AuthorName).HasMaxLength(200).IsRequired();
    }
}

internal sealed class DecisionConfiguration : IEntityTypeConfiguration<Decision>
{
    public void Configure(EntityTypeBuilder<Decision> builder)
    {
        builder.Property(d => d.Text).HasMaxLength(Decision.TextMaxLength).IsRequired();
        builder.Property(d => d.RecordedBy).HasMaxLength(200).IsRequired();
    }
}

internal sealed class ProposalConfiguration : IEntityTypeConfiguration<Proposal>
{
    public void Configure(EntityTypeBuilder<Proposal> builder)
    {
        builder.Property(p => p.Text).HasMaxLength(Proposal.TextMaxLength).IsRequired();
        builder.Property(p => p.DeclineReason).HasMaxLength(Proposal.ReasonMaxLength);
        builder.Property(p => p.SubmittedByUserId).HasMaxLength(450).IsRequired();
        builder.Property(p => p.SubmittedByName).HasMaxLength(200).IsRequired();
        builder.HasIndex(p => new { p.RoundtableId, p.Status });
        builder.HasIndex(p => p.OrganisationId);
        builder.HasOne<Roundtable>().WithMany().HasForeignKey(p => p.RoundtableId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(p => p.AgendaItem).WithMany().HasForeignKey(p => p.AgendaItemId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Proposal>().WithMany().HasForeignKey(p => p.DuplicateOfId).OnDelete(DeleteBehavior.Restrict);
    }
}
