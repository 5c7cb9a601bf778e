using System.Linq.Expressions;

namespace RoundtableManager.Core.Engagement;

/// <summary>Applies a <see cref="TimelineQuery"/>'s period, cursor, order and limit to a source's rows, in the database.</summary>
public static class TimelineWindow
{
    /// <summary>
    /// The rows of one source inside the query's window, newest first, at most Limit: <paramref name="time"/> is the
    /// entry's time (a column, so the filter uses its index) and <paramref name="sequence"/> its unique number within
    /// the source. A source whose rows give more than one entry (sent, then replied) calls this once per kind of entry,
    /// with sequences that cannot collide (for example id * 2 and id * 2 + 1), and merges with <see cref="Merge"/>.
    /// </summary>
    public static IQueryable<T> Window<T>(this IQueryable<T> rows, TimelineQuery query, string kindCode,
        Expression<Func<T, DateTime>> time, Expression<Func<T, long>> sequence)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(sequence);
        if (query.FromUtc is { } from)
        {
            rows = rows.Where(Compare(time, Expression.GreaterThanOrEqual, from));
        }

        if (query.ToUtc is { } to)
        {
            rows = rows.Where(Compare(time, Expression.LessThanOrEqual, to));
        }

        if (query.After is { } after)
        {
            var below = query.SequenceBelowAtCursorTime(kindCode);
            var before = Compare(time, Expression.LessThan, after.OccurredUtc);
            rows = below switch
            {
                long.MinValue => rows.Where(before),
                long.MaxValue => rows.Where(Compare(time, Expression.LessThanOrEqual, after.OccurredUtc)),
                _ => rows.Where(Or(before, And(Compare(time, Expression.Equal, after.OccurredUtc), Compare(sequence, Expression.LessThan, below)))),
            };
        }

        return rows.OrderByDescending(time).ThenByDescending(sequence).Take(query.Limit);
    }

    /// <summary>Several lists of one source's entries, each newest first, as one list in timeline order cut to the limit.</summary>
    public static IReadOnlyList<TimelineEntry> Merge(int limit, params IEnumerable<TimelineEntry>[] parts) =>
        parts.SelectMany(p => p).OrderDescending(TimelineOrder.Instance).Take(limit).ToList();

    private static Expression<Func<T, bool>> Compare<T, TValue>(Expression<Func<T, TValue>> selector, Func<Expression, Expression, BinaryExpression> op, TValue value)
    {
        // A closure's field, not a constant, so EF Core sends it as a parameter and reuses the query plan.
        var holder = new { Value = value };
        var parameter = Expression.Property(Expression.Constant(holder), nameof(holder.Value));
        return Expression.Lambda<Func<T, bool>>(op(selector.Body, parameter), selector.Parameters);
    }

    private static Expression<Func<T, bool>> Or<T>(Expression<Func<T, bool>> left, Expression<Func<T, bool>> right) =>
        Expression.Lambda<Func<T, bool>>(Expression.OrElse(left.Body, Rebind(right, left.Parameters[0])), left.Parameters);

    private static Expression<Func<T, bool>> And<T>(Expression<Func<T, bool>> left, Expression<Func<T, bool>> right) =>
        Expression.Lambda<Func<T, bool>>(Expression.AndAlso(left.Body, Rebind(right, left.Parameters[0])), left.Parameters);

    private static Expression Rebind<T>(Expression<Func<T, bool>> lambda, ParameterExpression parameter) =>
        new Replace(lambda.Parameters[0], parameter).Visit(lambda.Body);

    private sealed class Replace(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}

/// <summary>Timeline order, oldest to newest: time, then source code (ordinal), then sequence.</summary>
public sealed class TimelineOrder : IComparer<TimelineEntry>
{
    public static readonly TimelineOrder Instance = new();

    public int Compare(TimelineEntry? x, TimelineEntry? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }

        var byTime = x.OccurredUtc.CompareTo(y.OccurredUtc);
        if (byTime != 0)
        {
            return byTime;
        }

        var byKind = string.CompareOrdinal(x.KindCode, y.KindCode);
        return byKind != 0 ? byKind : x.Sequence.CompareTo(y.Sequence);
    }
}
