namespace RoundtableManager.Tests;

/// <summary>
/// Test classes that can share one running app, grouped so a run boots a handful of hosts instead of one per class.
/// A class joins a group only if each of its tests makes its own data (its own roundtable, organisation and users, with
/// unique names) and asserts only on that data; xunit runs the classes of a group one after another, while the groups
/// run in parallel. Moving the shared clock forward by seconds or minutes (a security-stamp check, a new security code,
/// a later revision) is fine, since nothing of another test is waiting on it. A class that moves the clock by hours or
/// days or to a chosen time, changes settings or configuration, adds services, sweeps or sends everything due, or needs
/// an empty database keeps a host of its own (IClassFixture&lt;TestApp&gt; or TestApp.Create in the test): for example
/// BadInputSweepTests, whose set-up needs every first row to have the same id.
/// </summary>
public static class SharedHosts
{
    /// <summary>Roundtables, invitations and replies, and the pages built on them (tags to invite by, the venue list).</summary>
    public const string Invitations = "Shared host: roundtables and invitations";

    /// <summary>Follow-up actions, the agenda and proposals, personal data, and the site-wide headers, charset, health and assets.</summary>
    public const string Actions = "Shared host: actions, proposals and privacy";

    /// <summary>The supplier directory and its tags, the email and audit logs, accounts (passwords, two-factor, users), and the route and isolation sweeps.</summary>
    public const string Directory = "Shared host: directory, logs, accounts and sweeps";

    /// <summary>
    /// The supplier import's three classes share the host the one class had: they import fixture files with fixed names
    /// and move the clock a few minutes, so no other class joins them.
    /// </summary>
    public const string SupplierImport = "Host of the supplier import tests";
}

[CollectionDefinition(SharedHosts.Invitations)]
public sealed class InvitationsHost : ICollectionFixture<TestApp>;

[CollectionDefinition(SharedHosts.Actions)]
public sealed class ActionsHost : ICollectionFixture<TestApp>;

[CollectionDefinition(SharedHosts.Directory)]
public sealed class DirectoryHost : ICollectionFixture<TestApp>;

[CollectionDefinition(SharedHosts.SupplierImport)]
public sealed class SupplierImportHost : ICollectionFixture<TestApp>;
