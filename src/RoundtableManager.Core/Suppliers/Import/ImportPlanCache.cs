using Microsoft.Extensions.Caching.Memory;

namespace RoundtableManager.Core.Suppliers.Import;

/// <summary>
/// The preview's analysis of each upload, kept in this process so the confirm can apply exactly what the person was
/// shown without parsing and analysing the whole file again. The confirm reads the directory's rows for the file again
/// and uses the plan only when they are as the preview found them; otherwise it refuses (nothing saved). A plan that is
/// not here (the app restarted, the confirm landed on another instance, the entry was let go) costs only time: the
/// confirm then analyses the file again, as the upload is kept in the database.
/// </summary>
public sealed class ImportPlanCache : IDisposable
{
    /// <summary>Entries are sized by their file's length: at most this many characters of files are held at once.</summary>
    public const long MaxCharacters = 4 * SupplierImportService.MaxFileBytes;

    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    private readonly MemoryCache _plans = new(new MemoryCacheOptions { SizeLimit = MaxCharacters });

    internal void Keep(Guid batchId, PreviewedPlan plan, int fileLength) =>
        _plans.Set(batchId, plan, new MemoryCacheEntryOptions { Size = Math.Max(1, fileLength), SlidingExpiration = Lifetime });

    /// <summary>The plan the last preview of this upload showed, taken out (a plan is applied at most once).</summary>
    internal PreviewedPlan? Take(Guid batchId)
    {
        var plan = _plans.Get<PreviewedPlan>(batchId);
        _plans.Remove(batchId);
        return plan;
    }

    internal void Forget(Guid batchId) => _plans.Remove(batchId);

    public void Dispose() => _plans.Dispose();
}

/// <summary>
/// A preview's plan with what it was worked out from: the user's choice for unknown types, the names and emails the file
/// names (the directory's rows to read again), and the directory's rows as the preview read them.
/// </summary>
internal sealed record PreviewedPlan(ImportPlan Plan, bool UnknownTypesAsOther, DirectoryKeys Keys, DirectorySnapshot Snapshot);

/// <summary>The normalised organisation names and email addresses a file names, each once.</summary>
internal sealed record DirectoryKeys(List<string> Names, List<string> Emails);
