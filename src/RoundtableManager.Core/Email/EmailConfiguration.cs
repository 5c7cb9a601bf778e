namespace RoundtableManager.Core.Email;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.Property(m => m.Kind).HasMaxLength(OutboxMessage.KindMaxLength).IsRequired();
        builder.Property(m => m.ToAddress).HasMaxLength(OutboxMessage.AddressMaxLength).IsRequired();
        builder.Property(m => m.ToName).HasMaxLength(200);
        builder.Property(m => m.Subject).HasMaxLength(OutboxMessage.SubjectMaxLength).IsRequired();
        builder.Property(m => m.CalendarMethod).HasMaxLength(20);
        builder.Property(m => m.DedupeKey).HasMaxLength(200);
        builder.Property(m => m.LastError).HasMaxLength(2000);
        builder.HasIndex(m => m.DedupeKey).IsUnique().HasFilter("[DedupeKey] IS NOT NULL");
        builder.HasIndex(m => new { m.Status, m.NextAttemptUtc });
        builder.HasIndex(m => new { m.RoundtableId, m.Kind });
        // The email log's Kind filter (newest first: the index ends in the row id) and its list of kinds, one seek per kind.
        builder.HasIndex(m => m.Kind);
        // The log's Status filter, newest first: a seek and a walk back, not a sort of every email with that status (the
        // sender's (Status, NextAttemptUtc) index holds the status but orders by time, so SQLite sorted up to a million ids).
        builder.HasIndex(m => new { m.Status, m.Id });
        builder.HasIndex(m => m.InvitationRecipientId);
        // The organisation record's timeline finds an organisation's emails by its contacts' addresses, ignoring case.
        builder.Property(m => m.NormalisedToAddress).HasMaxLength(OutboxMessage.AddressMaxLength).HasComputedColumnSql("UPPER([ToAddress])", stored: true);
        builder.HasIndex(m => new { m.NormalisedToAddress, m.CreatedUtc });
    }
}

internal sealed class OutboxSenderInstanceConfiguration : IEntityTypeConfiguration<OutboxSenderInstance>
{
    public void Configure(EntityTypeBuilder<OutboxSenderInstance> builder)
    {
        builder.ToTable("OutboxSenders");
        builder.Property(s => s.Id).ValueGeneratedNever();
    }
}

internal sealed class OutboxAttemptConfiguration : IEntityTypeConfiguration<OutboxAttempt>
{
    public void Configure(EntityTypeBuilder<OutboxAttempt> builder)
    {
        builder.Property(a => a.Reply).HasMaxLength(OutboxAttempt.ReplyMaxLength).IsRequired();
        builder.HasIndex(a => a.OutboxMessageId);
        builder.HasOne<OutboxMessage>().WithMany().HasForeignKey(a => a.OutboxMessageId).OnDelete(DeleteBehavior.Cascade);
    }
}
