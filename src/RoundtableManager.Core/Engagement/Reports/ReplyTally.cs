using System.Runtime.InteropServices;

namespace RoundtableManager.Core.Engagement.Reports;

/// <summary>A group's replies added up over roundtables: counts, and how many took each tenth of a day to reply.</summary>
public sealed class ReplyTally
{
    private readonly Dictionary<int, int> _tenths = [];

    public int Invited { get; private set; }

    public int Replied { get; private set; }

    public int Accepted { get; private set; }

    public int Attended { get; private set; }

    public void Add(ReplyCounts row)
    {
        ArgumentNullException.ThrowIfNull(row);
        AddCounts(row.Invited, row.Replied, row.Accepted, row.Attended);
        // Read in place (no string per pair): a report over a programme's period reads thousands of these lists.
        var list = row.ReplyTenths.AsSpan();
        foreach (var range in list.Split(' '))
        {
            var part = list[range];
            if (part.IsEmpty)
            {
                continue;
            }

            var colon = part.IndexOf(':');
            var tenths = int.Parse(part[..colon], CultureInfo.InvariantCulture);
            CollectionsMarshal.GetValueRefOrAddDefault(_tenths, tenths, out _) += int.Parse(part[(colon + 1)..], CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Counts one invitation: replied or not, accepted, attended, and its reply time in tenths of a day.</summary>
    public void Add(bool replied, bool accepted, bool attended, int? replyTenths)
    {
        AddCounts(1, replied ? 1 : 0, accepted ? 1 : 0, attended ? 1 : 0);
        if (replyTenths is { } tenths)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(_tenths, tenths, out _)++;
        }
    }

    /// <summary>Writes what is counted into a summary row: the counts, and the reply times shortest first.</summary>
    public T Fill<T>(T row)
        where T : ReplyCounts
    {
        ArgumentNullException.ThrowIfNull(row);
        (row.Invited, row.Replied, row.Accepted, row.Attended) = (Invited, Replied, Accepted, Attended);
        row.ReplyTenths = string.Join(' ', _tenths.Where(t => t.Value != 0).OrderBy(t => t.Key)
            .Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Key}:{t.Value}")));
        return row;
    }

    public void Add(ReplyTally other)
    {
        ArgumentNullException.ThrowIfNull(other);
        AddCounts(other.Invited, other.Replied, other.Accepted, other.Attended);
        foreach (var (tenths, count) in other._tenths)
        {
            _tenths[tenths] = _tenths.GetValueOrDefault(tenths) + count;
        }
    }

    private void AddCounts(int invited, int replied, int accepted, int attended)
    {
        Invited += invited;
        Replied += replied;
        Accepted += accepted;
        Attended += attended;
    }

    /// <summary>The median days to the first reply (the mean of the middle two when their number is even); null when none replied.</summary>
    public double? MedianDays()
    {
        var total = _tenths.Values.Sum();
        if (total == 0)
        {
            return null;
        }

        // 1-based positions of the middle one or two, as the database's median of a roundtable's responses page.
        int lower = (total + 1) / 2, upper = (total + 2) / 2, seen = 0;
        int? low = null;
        foreach (var (tenths, count) in _tenths.OrderBy(t => t.Key))
        {
            seen += count;
            if (low is null && seen >= lower)
            {
                low = tenths;
            }

            if (seen >= upper)
            {
                return (low!.Value + tenths) / 20.0;
            }
        }

        return null;
    }
}
