namespace RoundtableManager.Core.Suppliers;

/// <summary>
/// An uploaded CSV held between preview and confirm. Kept in the database, not in memory or session, so the
/// confirm can land on any app instance. Only its uploader may see or confirm it, and it expires.
/// </summary>
public class ImportBatch
{
    public const int FileNameMaxLength = 260;

    public Guid Id { get; set; }

    public string UploadedById { get; set; } = "";

    public string FileName { get; set; } = "";

    public DateTime CreatedUtc { get; set; }

    public DateTime ExpiresUtc { get; set; }

    public DateTime? ConfirmedUtc { get; set; }

    public bool UnknownTypesAsOther { get; set; }

    public string? ResultSummary { get; set; }

    /// <summary>
    /// What the confirm did to each row, as JSON (<see cref="Import.SupplierImportService"/>): the "Import complete" page shows
    /// this, not the file analysed again against a directory that now holds it (which would call every row unchanged).
    /// </summary>
    public string? ResultRows { get; set; }
}

internal sealed class ImportBatchConfiguration : IEntityTypeConfiguration<ImportBatch>
{
    public void Configure(EntityTypeBuilder<ImportBatch> builder)
    {
        builder.Property(b => b.UploadedById).HasMaxLength(450).IsRequired();
        builder.Property(b => b.FileName).HasMaxLength(ImportBatch.FileNameMaxLength).IsRequired();
        builder.Property(b => b.ResultSummary).HasMaxLength(1000);
        builder.HasIndex(b => b.ExpiresUtc);
    }
}

/// <summary>
/// An upload's file as text (UTF-8 decoded, byte order mark removed), written once at upload and deleted with its
/// batch. It is kept out of the <see cref="ImportBatch"/> row because the confirm updates that row twice (its claim and
/// its outcome) and SQLite writes a changed row again whole: with the text in it, each update rewrote the file too.
/// </summary>
public class ImportBatchFile
{
    public Guid ImportBatchId { get; set; }

    public string Content { get; set; } = "";
}

internal sealed class ImportBatchFileConfiguration : IEntityTypeConfiguration<ImportBatchFile>
{
    public void Configure(EntityTypeBuilder<ImportBatchFile> builder)
    {
        builder.HasKey(f => f.ImportBatchId);
        builder.Property(f => f.Content).IsRequired();
        builder.HasOne<ImportBatch>().WithOne().HasForeignKey<ImportBatchFile>(f => f.ImportBatchId).OnDelete(DeleteBehavior.Cascade);
    }
}
