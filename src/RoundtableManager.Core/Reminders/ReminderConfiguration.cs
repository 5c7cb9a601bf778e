namespace RoundtableManager.Core.Reminders;

internal sealed class ReminderLogConfiguration : IEntityTypeConfiguration<ReminderLog>
{
    public void Configure(EntityTypeBuilder<ReminderLog> builder)
    {
        builder.Property(l => l.Kind).HasMaxLength(ReminderLog.KindMaxLength).IsRequired();
        builder.Property(l => l.TargetName).HasMaxLength(200).IsRequired();
        builder.Property(l => l.RecipientName).HasMaxLength(200).IsRequired();
        builder.Property(l => l.Reason).HasMaxLength(ReminderLog.ReasonMaxLength);
        builder.Property(l => l.DedupeKey).HasMaxLength(ReminderLog.KeyMaxLength).IsRequired();
        builder.HasIndex(l => l.DedupeKey).IsUnique();
        builder.HasIndex(l => new { l.RoundtableId, l.Kind, l.DueUtc });
        builder.HasOne<Roundtable>().WithMany().HasForeignKey(l => l.RoundtableId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(l => l.OutboxMessage).WithMany().HasForeignKey(l => l.OutboxMessageId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReminderSettingConfiguration : IEntityTypeConfiguration<ReminderSetting>
{
    public void Configure(EntityTypeBuilder<ReminderSetting> builder)
    {
        builder.Property(s => s.Kind).HasMaxLength(ReminderLog.KindMaxLength).IsRequired();
        builder.Property(s => s.OffsetDays).HasMaxLength(ReminderSetting.OffsetsMaxLength).IsRequired();
        builder.HasIndex(s => new { s.RoundtableId, s.Kind }).IsUnique();
        builder.HasOne<Roundtable>().WithMany().HasForeignKey(s => s.RoundtableId).OnDelete(DeleteBehavior.Cascade);
    }
}
