namespace RoundtableManager.Core.Data;

/// <summary>
/// A row of one of our tables, keyed by <see cref="Entity{TKey}.Id"/>, which the database assigns on insert (EF Core's
/// conventions find it by name). Not mapped itself: each table keeps its own columns, this only states the key once.
/// </summary>
public abstract class Entity : Entity<int>;

/// <summary>A row keyed by a <typeparamref name="TKey"/>: a long for the tables that grow with every event (logs, histories, attempts).</summary>
public abstract class Entity<TKey>
    where TKey : struct
{
    public TKey Id { get; set; }
}
