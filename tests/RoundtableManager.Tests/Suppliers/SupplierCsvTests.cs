using RoundtableManager.Web;

namespace RoundtableManager.Tests.Suppliers;

public sealed class SupplierCsvTests
{
    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+44 20 7946 0000", "'+44 20 7946 0000")]
    [InlineData("-5", "'-5")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tTabbed", "'\tTabbed")]
    [InlineData("\rReturn", "'\rReturn")]
    [InlineData("'=already", "''=already")]
    [InlineData("O'Brien", "O'Brien")]
    [InlineData("'quoted", "'quoted")]
    [InlineData("Plain", "Plain")]
    public void Protect_FormulaLikeValues_GetAnApostropheAndUnprotectGivesThemBack(string stored, string exported)
    {
        Assert.Equal(exported, SupplierCsv.Protect(stored));
        Assert.Equal(stored, SupplierCsv.Unprotect(exported));
    }

    [Theory]
    [InlineData("Organisation name", ImportColumn.Organisation)]
    [InlineData("  COMPANY ", ImportColumn.Organisation)]
    [InlineData("Supplier", ImportColumn.Organisation)]
    [InlineData("E-mail", ImportColumn.Email)]
    [InlineData("email_address", ImportColumn.Email)]
    [InlineData("Contact name", ImportColumn.ContactName)]
    [InlineData("Supplier type", ImportColumn.Type)]
    [InlineData("Role", ImportColumn.JobTitle)]
    [InlineData("Telephone", ImportColumn.Phone)]
    public void Read_HeaderSynonyms_MatchedIgnoringCaseSpacesAndPunctuation(string header, ImportColumn column)
    {
        var file = SupplierCsv.Read($"{header},Other thing\nvalue,x\n");
        Assert.Equal(0, file.Columns[column]);
        Assert.Equal(["Other thing"], file.IgnoredHeaders);
    }

    [Theory]
    [InlineData("MSP", OrganisationType.ManagedServiceProvider)]
    [InlineData("Managed Service Provider", OrganisationType.ManagedServiceProvider)]
    [InlineData("managed services provider", OrganisationType.ManagedServiceProvider)]
    [InlineData("si", OrganisationType.SystemsIntegrator)]
    [InlineData("Systems integrator", OrganisationType.SystemsIntegrator)]
    [InlineData("Integrator", OrganisationType.SystemsIntegrator)]
    [InlineData("OTHER", OrganisationType.Other)]
    public void TryParseType_Synonyms_Recognised(string text, OrganisationType expected)
    {
        Assert.True(SupplierCsv.TryParseType(text, out var type));
        Assert.Equal(expected, type);
    }

    [Theory]
    [InlineData("Reseller")]
    [InlineData("3")]
    [InlineData("")]
    public void TryParseType_Unknown_NotRecognised(string text) => Assert.False(SupplierCsv.TryParseType(text, out _));

    [Fact]
    public void Read_CrlfBomQuotesAndBlankLines_GivesRowNumbersCountingTheHeader()
    {
        var text = SupplierCsv.DecodeUtf8([0xEF, 0xBB, 0xBF, .. "Organisation,Notes\r\n\r\n\"A, B\",\"say \"\"hi\"\"\r\nthere\"\r\n,\r\nC,\r\n"u8])!;
        var file = SupplierCsv.Read(text);
        Assert.Equal(["Organisation", "Notes"], file.Headers);
        Assert.Equal(2, file.Records.Count);
        Assert.Equal("A, B", file.Value(file.Records[0], ImportColumn.Organisation));
        Assert.Equal("say \"hi\"\r\nthere", file.Value(file.Records[0], ImportColumn.Notes));
        Assert.Equal("C", file.Value(file.Records[1], ImportColumn.Organisation));
        // As a spreadsheet numbers them (issue #17): header 1, blank line 2, the quoted two-line cell's row 3, the
        // empty row 4, C 5.
        Assert.Equal([3, 5], file.Records.Select(r => r.RowNumber));
    }

    [Fact]
    public void DecodeUtf8_NotUtf8_Null() => Assert.Null(SupplierCsv.DecodeUtf8([0x4F, 0xE9, 0x2C]));

    [Theory]
    [InlineData("04567821", "04567821", true)]
    [InlineData("4567821", "04567821", true)]
    [InlineData("sc 123456", "SC123456", true)]
    [InlineData("NI012345", "NI012345", true)]
    [InlineData("12AB", "12AB", false)]
    [InlineData("123456789", "123456789", false)]
    public void CompaniesHouseNumber_NormalisedAndValidated(string typed, string normalised, bool valid)
    {
        Assert.Equal(normalised, SupplierRules.NormaliseCompaniesHouseNumber(typed));
        Assert.Equal(valid, SupplierRules.IsValidCompaniesHouseNumber(normalised));
    }

    [Theory]
    [InlineData("name@example.com", true)]
    [InlineData("First.Last+tag@sub.example.co.uk", true)]
    [InlineData("not-an-email", false)]
    [InlineData("has space@example.com", false)]
    [InlineData("name@example", false)]
    [InlineData("name@@example.com", false)]
    public void IsValidEmail(string email, bool valid) => Assert.Equal(valid, SupplierRules.IsValidEmail(email));

    [Theory]
    [InlineData(1, 1, new int[] { 1 })]
    [InlineData(1, 5, new int[] { 1, 2, 0, 5 })]
    [InlineData(4, 9, new int[] { 1, 0, 3, 4, 5, 0, 9 })]
    [InlineData(3, 3, new int[] { 1, 2, 3 })]
    public void Pagination_ShowsFirstLastAndNeighboursWithEllipses(int page, int pages, int[] expected)
    {
        var items = new Pagination(page, pages, p => $"/x?page={p}").Items();
        Assert.Equal(expected, items.Select(i => i ?? 0));
    }
}
