namespace RoundtableManager.Tests.Suppliers;

/// <summary>The preview of a CSV import: how rows are read, numbered and checked before anything is saved.</summary>
[Collection(SharedHosts.SupplierImport)]
public sealed class SupplierImportPreviewTests(TestApp app)
{
    private async Task<HttpClient> OrganiserAsync() => await app.SignedInClientAsync(await app.CreateUserAsync(Roles.Organiser));

    [Fact]
    public async Task Preview_BlankLinesAndEmptyRows_AreIgnored()
    {
        using var client = await OrganiserAsync();
        var (_, preview) = await client.PreviewAsync(SupplierTestHelpers.Fixture("blank-lines.csv"));
        var rows = preview.Rows();
        Assert.Equal(["New organisation", "New contact"], rows.Select(r => r.Status));
        Assert.Equal(["Fenwick Cloud", "Fenwick Cloud"], rows.Select(r => r.Organisation));
        Assert.Equal(0, preview.Counts()["Errors"]);
    }

    /// <summary>
    /// Issue #17: after a blank line the preview called file line 9 "row 8", and the errors CSV likewise. Rows are
    /// numbered as a spreadsheet shows the file: the header is row 1, blank lines and empty rows count, and a quoted
    /// cell running over several lines is still one row.
    /// </summary>
    [Fact]
    public async Task Preview_BlankLinesAndMultiLineCells_RowsNumberedAsASpreadsheetShowsThem()
    {
        using var client = await OrganiserAsync();
        var csv = "Organisation,Name,Email,Notes\r\n"          // row 1
            + "\r\n"                                          // row 2: blank
            + "Kestrel Cloud,Kit Kaye,kit@kestrel.example,\r\n" // row 3
            + ",,,\r\n"                                       // row 4: empty fields
            + "\r\n"                                          // row 5: blank
            + "Kestrel Cloud,Lou Lane,lou@kestrel.example,\"Met in March\r\nand again in May\"\r\n" // row 6, two lines of the file
            + "Kestrel Cloud,Kit Again,KIT@kestrel.example,\r\n"; // row 7 (line 8 of the file)
        var (url, preview) = await client.PreviewAsync(SupplierTestHelpers.Csv(csv));
        Assert.Equal([3, 6, 7], preview.Rows().Select(r => r.Row));
        Assert.Equal("Duplicate of row 3 in this file (the same email address ignoring case)", preview.Rows()[2].Error);

        var download = preview.QuerySelector("a[href$='/errors']")!.GetAttribute("href")!;
        using var errors = await client.GetAsync(new Uri(download, UriKind.Relative));
        var lines = Encoding.UTF8.GetString(await errors.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Organisation,Name,Email,Notes,Original row,Error", lines[0]);
        Assert.Equal("Kestrel Cloud,Kit Again,KIT@kestrel.example,,7,Duplicate of row 3 in this file (the same email address ignoring case)", lines[1]);
        Assert.Equal(2, lines.Length);
        _ = url;
    }

    [Fact]
    public async Task Preview_DuplicateEmails_NameTheFirstRowAndSayWhenOnlyCaseDiffers()
    {
        using var client = await OrganiserAsync();
        var (_, preview) = await client.PreviewAsync(SupplierTestHelpers.Fixture("case-duplicates.csv"));
        var rows = preview.Rows();
        Assert.Equal("New organisation", rows[0].Status);
        // An organisation named with different case is the same organisation.
        Assert.Equal("New contact", rows[1].Status);
        Assert.Equal(("Error", "Duplicate of row 2 in this file"), (rows[2].Status, rows[2].Error));
        Assert.Equal(("Error", "Duplicate of row 2 in this file (the same email address ignoring case)"), (rows[3].Status, rows[3].Error));
    }

    [Fact]
    public async Task Preview_ValuesTooLongForTheirField_SayWhichField()
    {
        using var client = await OrganiserAsync();
        var (_, preview) = await client.PreviewAsync(SupplierTestHelpers.Fixture("too-long.csv"));
        var errors = preview.Rows().Select(r => r.Error).ToList();
        Assert.Equal("Organisation name is too long (maximum 200 characters)", errors[0]);
        Assert.Equal("Contact name is too long (maximum 200 characters)", errors[1]);
        Assert.Equal("Phone is too long (maximum 50 characters)", errors[2]);
    }

    [Fact]
    public async Task Preview_EmailBelongsToAnotherOrganisation_IsAnError()
    {
        using var client = await OrganiserAsync();
        var (first, _) = await client.PreviewAsync(SupplierTestHelpers.Csv("Organisation,Name,Email\nFirst Home Ltd,Val Vine,val@home.example\n"));
        await client.ConfirmAsync(first);
        var (_, preview) = await client.PreviewAsync(SupplierTestHelpers.Csv("Organisation,Name,Email\nSecond Home Ltd,Val Vine,Val@Home.example\n"));
        Assert.Equal("Email address already belongs to a contact at First Home Ltd (the same ignoring case)", preview.Rows().Single().Error);
    }
}
