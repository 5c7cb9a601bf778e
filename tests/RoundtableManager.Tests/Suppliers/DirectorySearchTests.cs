namespace RoundtableManager.Tests.Suppliers;

/// <summary>The directory's search by the start of words (issue #22), on a real SQLite file through the pages.</summary>
[Collection(SharedHosts.Directory)]
public sealed class DirectorySearchTests(TestApp app)
{
    private static readonly string Unique = Guid.NewGuid().ToString("N")[..6];

    private async Task<(Organisation Organisation, Contact Contact)> CreateAsync(string name, string email)
    {
        var organisation = await app.CreateOrganisationAsync(name);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var contact = new Contact { OrganisationId = organisation.Id, FullName = "Lee Quay", Email = email, NormalisedEmail = Contact.Normalise(email), IsPrimary = true, CreatedUtc = now, UpdatedUtc = now };
        await app.WithDbAsync(async db =>
        {
            db.Contacts.Add(contact);
            await db.SaveChangesAsync();
        });
        return (organisation, contact);
    }

    private static async Task<List<string>> FoundAsync(HttpClient client, string search)
    {
        var page = await client.GetDocumentAsync("/suppliers?q=" + Uri.EscapeDataString(search));
        return page.QuerySelectorAll("table tbody tr td a.govuk-link[href^='/suppliers/']").Select(a => a.TextContent).ToList();
    }

    [Fact]
    public async Task Search_MatchesTheStartOfAnyWordOfTheNameOrAnAddress_EveryWordMustMatch()
    {
        var name = $"Harbourside Cyber{Unique} Services";
        await CreateAsync(name, $"lee.quay@north{Unique}-quay.example");
        using var client = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Staff));

        Assert.Equal([name], await FoundAsync(client, $"cyber{Unique}"));
        Assert.Equal([name], await FoundAsync(client, $"HARB cyber{Unique[..3]} serv"));
        Assert.Equal([name], await FoundAsync(client, $"north{Unique}-quay"));
        Assert.Equal([name], await FoundAsync(client, $"lee.quay@north{Unique}"));
        Assert.Empty(await FoundAsync(client, $"bourside cyber{Unique}"));
        Assert.Empty(await FoundAsync(client, $"cyber{Unique} nowhere"));

        var punctuation = await client.GetDocumentAsync("/suppliers?q=" + Uri.EscapeDataString("@@ --"));
        Assert.Empty(punctuation.QuerySelectorAll("table tbody tr"));
        Assert.Contains("0 organisations", punctuation.QuerySelector("#directory-counts")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_FollowsRenamesAndNewAddresses_AndForgetsAnErasedContact()
    {
        var (organisation, contact) = await CreateAsync($"Oldname{Unique} Limited", $"first@oldmail{Unique}.example");
        using var client = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Organiser));
        Assert.Single(await FoundAsync(client, $"oldmail{Unique}"));

        await app.WithDbAsync(async db =>
        {
            var tracked = await db.Organisations.SingleAsync(o => o.Id == organisation.Id);
            tracked.Name = $"Newname{Unique} Limited";
            tracked.NormalisedName = Organisation.Normalise(tracked.Name);
            var person = await db.Contacts.SingleAsync(c => c.Id == contact.Id);
            person.Email = $"first@newmail{Unique}.example";
            person.NormalisedEmail = Contact.Normalise(person.Email);
            await db.SaveChangesAsync();
        });
        Assert.Empty(await FoundAsync(client, $"oldname{Unique}"));
        Assert.Empty(await FoundAsync(client, $"oldmail{Unique}"));
        Assert.Equal([$"Newname{Unique} Limited"], await FoundAsync(client, $"newname{Unique}"));
        Assert.Equal([$"Newname{Unique} Limited"], await FoundAsync(client, $"newmail{Unique}"));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await scope.ServiceProvider.GetRequiredService<PersonalDataEraser>().AnonymiseAsync([contact.Id], [], app.Clock.GetUtcNow().UtcDateTime, CancellationToken.None);
            await db.SaveChangesAsync();
        }

        Assert.Empty(await FoundAsync(client, $"newmail{Unique}"));
        Assert.Equal(0, await app.WithDbAsync(db => db.OrganisationSearchTerms.CountAsync(t => t.OrganisationId == organisation.Id && t.Term.StartsWith("NEWMAIL"))));
        Assert.Equal([$"Newname{Unique} Limited"], await FoundAsync(client, $"newname{Unique}"));
    }

    [Fact]
    public async Task Search_NewOrganisationSavedWithItsContacts_ThenAContactMoved_FollowsTheAddress()
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        Contact Person(string email) => new() { FullName = "Ana Bryn", Email = email, NormalisedEmail = Contact.Normalise(email), CreatedUtc = now, UpdatedUtc = now };
        var first = new Organisation { Name = $"Firstco{Unique}", NormalisedName = Organisation.Normalise($"Firstco{Unique}"), Type = OrganisationType.Other, CreatedUtc = now, UpdatedUtc = now };
        first.Contacts.Add(Person($"ana@movingmail{Unique}.example"));
        first.Contacts.Add(Person($"bet@stayingmail{Unique}.example"));
        var second = await app.CreateOrganisationAsync($"Secondco{Unique}");
        await app.WithDbAsync(async db =>
        {
            db.Organisations.Add(first);
            await db.SaveChangesAsync();
        });
        using var client = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Staff));
        Assert.Equal([$"Firstco{Unique}"], await FoundAsync(client, $"movingmail{Unique}"));
        Assert.Equal([$"Firstco{Unique}"], await FoundAsync(client, $"stayingmail{Unique} firstco{Unique}"));

        await app.WithDbAsync(async db =>
        {
            var moving = await db.Contacts.SingleAsync(c => c.NormalisedEmail == Contact.Normalise($"ana@movingmail{Unique}.example"));
            moving.OrganisationId = second.Id;
            await db.SaveChangesAsync();
        });
        Assert.Equal([$"Secondco{Unique}"], await FoundAsync(client, $"movingmail{Unique}"));
        Assert.Equal([$"Firstco{Unique}"], await FoundAsync(client, $"stayingmail{Unique}"));
    }

    [Fact]
    public async Task StoredWords_AfterNewOrganisationsWithContacts_AndAContactRemoved_AreExactlyTheNameAndLiveAddresses()
    {
        // The rows at rest, not only what the search finds: one save of two new organisations with their contacts (the
        // interceptor's one-pass lookup), then a contact removed.
        var now = app.Clock.GetUtcNow().UtcDateTime;
        Contact Person(string email) => new() { FullName = "Cai Rhys", Email = email, NormalisedEmail = Contact.Normalise(email), CreatedUtc = now, UpdatedUtc = now };
        Organisation Named(string name) => new() { Name = name, NormalisedName = Organisation.Normalise(name), Type = OrganisationType.Other, CreatedUtc = now, UpdatedUtc = now };
        var (one, two) = (Named($"Restco{Unique} One"), Named($"Restco{Unique} Two"));
        one.Contacts.Add(Person($"cai@keepmail{Unique}.example"));
        one.Contacts.Add(Person($"dai@dropmail{Unique}.example"));
        two.Contacts.Add(Person($"eli@twomail{Unique}.example"));
        await app.WithDbAsync(async db =>
        {
            db.Organisations.AddRange(one, two);
            await db.SaveChangesAsync();
        });
        Assert.Equal(Expected(one.Name, "cai@keepmail", "dai@dropmail"), await StoredAsync(one.Id));
        Assert.Equal(Expected(two.Name, "eli@twomail"), await StoredAsync(two.Id));

        await app.WithDbAsync(async db =>
        {
            db.Contacts.Remove(await db.Contacts.SingleAsync(c => c.NormalisedEmail == Contact.Normalise($"dai@dropmail{Unique}.example")));
            await db.SaveChangesAsync();
        });
        Assert.Equal(Expected(one.Name, "cai@keepmail"), await StoredAsync(one.Id));
        Assert.Equal(Expected(two.Name, "eli@twomail"), await StoredAsync(two.Id));

        List<string> Expected(string name, params string[] addresses) =>
            [.. SearchWords.Of(name).Concat(addresses.SelectMany(a => SearchWords.Of($"{a}{Unique}.example"))).Distinct().Order(StringComparer.Ordinal)];
        Task<List<string>> StoredAsync(int id) => app.WithDbAsync(db => db.OrganisationSearchTerms.Where(t => t.OrganisationId == id).Select(t => t.Term).ToListAsync())
            .ContinueWith(t => t.Result.Order(StringComparer.Ordinal).ToList(), TaskScheduler.Default);
    }

    [Fact]
    public async Task Import_NewOrganisationsAndContacts_AreFoundByTheirWords()
    {
        using var client = await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Organiser));
        await client.ImportCsvAsync(
            $"Organisation,Type,Name,Email\nImported{Unique} Widgets,MSP,Ann Other,ann@widgets{Unique}.example\n");

        Assert.Equal([$"Imported{Unique} Widgets"], await FoundAsync(client, $"widg imported{Unique}"));
        Assert.Equal([$"Imported{Unique} Widgets"], await FoundAsync(client, $"ann@widgets{Unique}"));
    }

    [Theory]
    [InlineData("priya.shah@northgate-managed.example", new[] { "PRIYA", "SHAH", "NORTHGATE", "MANAGED", "EXAMPLE" })]
    [InlineData("  O'Brien & Co  ", new[] { "O", "BRIEN", "CO" })]
    [InlineData("Supplier 000042 Ltd supplier", new[] { "SUPPLIER", "000042", "LTD" })]
    [InlineData("北京 科技", new[] { "北京", "科技" })]
    [InlineData("@@ --", new string[0])]
    public void Words_AreRunsOfLettersAndDigitsUpperCased(string text, string[] expected) =>
        Assert.Equal(expected, SearchWords.Of(text));

    [Fact]
    public void UpperBound_IsTheFirstStringAfterEveryStringWithThePrefix()
    {
        Assert.Equal("SUPPLIES", SearchWords.UpperBound("SUPPLIER"));
        Assert.True(string.CompareOrdinal("SUPPLIERZZZ", SearchWords.UpperBound("SUPPLIER")) < 0);
        Assert.True(string.CompareOrdinal("SUPPLIES", SearchWords.UpperBound("SUPPLIER")) >= 0);
    }
}
