namespace RoundtableManager.Core.Suppliers;

/// <summary>
/// A person as a directory contact (<see cref="Contact"/>) or a delegate (Invitations.DelegateEntry) holds them: name,
/// address as entered with its upper-case copy for comparing ignoring case, job title; anonymised in place on erasure.
/// Not mapped itself: each table keeps its own columns.
/// </summary>
public abstract class Person : Entity
{
    public const int NameMaxLength = 200;
    public const int EmailMaxLength = 254;

    public string FullName { get; set; } = "";

    /// <summary>As entered, for display and sending.</summary>
    public string Email { get; set; } = "";

    /// <summary>Upper-cased <see cref="Email"/>, for finding and comparing addresses ignoring case.</summary>
    public string NormalisedEmail { get; set; } = "";

    public string? JobTitle { get; set; }

    /// <summary>When the name and address were anonymised (retention or a request); the row stays so history still adds up.</summary>
    public DateTime? ErasedUtc { get; set; }

    public static string Normalise(string email) => email.Trim().ToUpperInvariant();
}

public static class PersonConfiguration
{
    /// <summary>The name, address and job title columns, as long as the directory allows.</summary>
    public static void HasPersonColumns<T>(this EntityTypeBuilder<T> builder)
        where T : Person
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Property(p => p.FullName).HasMaxLength(Person.NameMaxLength).IsRequired();
        builder.Property(p => p.Email).HasMaxLength(Person.EmailMaxLength).IsRequired();
        builder.Property(p => p.NormalisedEmail).HasMaxLength(Person.EmailMaxLength).IsRequired();
        builder.Property(p => p.JobTitle).HasMaxLength(SupplierRules.JobTitleMaxLength);
    }
}
