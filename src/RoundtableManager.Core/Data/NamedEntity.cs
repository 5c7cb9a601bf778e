namespace RoundtableManager.Core.Data;

/// <summary>
/// A row whose name is unique ignoring case on every provider (organisations, tags, control sets): the database's unique
/// key is <see cref="NormalisedName"/>, the trimmed upper-case copy that <see cref="Normalise"/> makes. Not mapped itself.
/// </summary>
public abstract class NamedEntity : Entity
{
    public string Name { get; set; } = "";

    /// <summary>Upper-cased, trimmed <see cref="Name"/>: the unique key.</summary>
    public string NormalisedName { get; set; } = "";

    public static string Normalise(string name) => name.Trim().ToUpperInvariant();
}

public static class NamedEntityConfiguration
{
    /// <summary>Name and its normalised copy, both required and at most <paramref name="maxLength"/> long; the copy unique.</summary>
    public static void HasUniqueName<T>(this EntityTypeBuilder<T> builder, int maxLength)
        where T : NamedEntity
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Property(e => e.Name).HasMaxLength(maxLength).IsRequired();
        builder.Property(e => e.NormalisedName).HasMaxLength(maxLength).IsRequired();
        builder.HasIndex(e => e.NormalisedName).IsUnique();
    }
}
