namespace RoundtableManager.Web;

/// <summary>For Views/Shared/_Pagination.cshtml: the current page, the page count and how to link to a page.</summary>
public sealed record Pagination(int Page, int PageCount, Func<int, string> Href)
{
    /// <summary>First, last, and the pages either side of the current one; null marks a gap ("⋯").</summary>
    public IEnumerable<int?> Items()
    {
        int? previous = null;
        for (var page = 1; page <= PageCount; page++)
        {
            if (page == 1 || page == PageCount || Math.Abs(page - Page) <= 1)
            {
                if (previous is { } p && page - p > 1)
                {
                    yield return null;
                }

                yield return page;
                previous = page;
            }
        }
    }
}
