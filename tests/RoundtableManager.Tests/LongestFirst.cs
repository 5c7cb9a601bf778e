using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestCollectionOrderer("RoundtableManager.Tests.LongestFirst", "RoundtableManager.Tests")]

namespace RoundtableManager.Tests;

/// <summary>
/// Starts the collections that take longest first. xunit 2.9 runs as many collections at once as there are cores (its
/// "conservative" algorithm: two here) and starts the next only when one ends, in this orderer's order. Its default order is
/// a hash of each collection's id, which at c5d2f68 started the shared host with the 5,000-organisation invite last of all:
/// for its last 100 s one core ran it and the other had nothing left (875 s for 1,585 s of tests, 792 s with the longest
/// first). The list holds the longest collections by summed test time (trx, longest first; last taken from session 16's
/// whole-project run at 318b80d; Fresh stays first, as it holds the longest single test, the 5,000-organisation invite, though
/// Directory, Actions and Invitations summed a little more there); the rest follow in xunit's own order. A collection missing from the list only runs later, never wrongly.
/// </summary>
public sealed class LongestFirst : ITestCollectionOrderer
{
    private static readonly string[] Longest =
    [
        SharedHosts.Fresh,
        SharedHosts.Directory,
        SharedHosts.Actions,
        SharedHosts.Invitations,
        SharedHosts.Smtp,
        SharedHosts.SingleSignOn,
        SharedHosts.FreshReminders,
        SharedHosts.FreshReports,
        OwnCollection<Email.OutboxConnectionsTests>(),
        SharedHosts.PasswordHashing,
        OwnCollection<Operations.SqlServer.ServiceQueryTranslationTests>(),
        OwnCollection<Operations.SingleSignOnIssuerTests>(),
        OwnCollection<Email.EmailJobsTests>(),
        OwnCollection<Security.BadInputSweepTests>(),
        OwnCollection<Operations.ProductionLogTests>(),
        Controls.ControlsTestData.Host,
        SharedHosts.SupplierImport,
    ];

    private readonly DefaultTestCollectionOrderer _rest = new();

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections)
    {
        ArgumentNullException.ThrowIfNull(testCollections);
        var rest = _rest.OrderTestCollections(testCollections).ToList();
        return rest.OrderBy(c => Array.IndexOf(Longest, c.DisplayName) is var rank and >= 0 ? rank : Longest.Length).ToList();
    }

    // A class without a [Collection] is a collection of its own, named after the class.
    private static string OwnCollection<T>() => $"Test collection for {typeof(T).FullName}";
}
