namespace RoundtableManager.Tests.Operations;

public sealed class SingleSignOnOptionsTests
{
    [Fact]
    public void Validate_NoAuthority_SingleSignOnIsOffAndNothingElseIsAsked()
    {
        var options = new SingleSignOnOptions();
        options.Validate(production: true);
        Assert.False(options.Enabled);
    }

    [Theory]
    [InlineData("https://login.microsoftonline.com/common/v2.0", "Authentication:Oidc:Authority")]
    [InlineData("https://login.microsoftonline.com/organizations/v2.0", "Authentication:Oidc:Authority")]
    [InlineData("http://idp.example.gov.uk", "Authentication:Oidc:Authority")]
    [InlineData("not an address", "Authentication:Oidc:Authority")]
    public void Validate_UnsafeAuthority_StopsTheAppNamingTheKey(string authority, string key)
    {
        var options = Complete();
        options.Authority = authority;
        Assert.Equal(key, Assert.Throws<ConfigurationProblemException>(() => options.Validate(production: false)).Key);
    }

    [Fact]
    public void Validate_MissingSecretOrDomains_StopsTheApp()
    {
        var noSecret = Complete();
        noSecret.ClientSecret = "";
        Assert.Equal("Authentication:Oidc:ClientSecret", Assert.Throws<ConfigurationProblemException>(() => noSecret.Validate(production: false)).Key);

        var noDomains = Complete();
        noDomains.AllowedEmailDomains.Clear();
        Assert.Equal("Authentication:Oidc:AllowedEmailDomains", Assert.Throws<ConfigurationProblemException>(() => noDomains.Validate(production: false)).Key);
    }

    [Fact]
    public void Validate_PlainHttpMetadata_OnlyOutsideProduction()
    {
        var options = Complete();
        options.Authority = "http://127.0.0.1:5001/";
        options.RequireHttpsMetadata = false;
        options.Validate(production: false);
        Assert.Equal("Authentication:Oidc:RequireHttpsMetadata", Assert.Throws<ConfigurationProblemException>(() => options.Validate(production: true)).Key);
    }

    [Fact]
    public void Validate_TenantAuthorityWithEverything_Accepted()
    {
        var options = Complete();
        options.Validate(production: true);
        Assert.True(options.Enabled);
        Assert.Equal(["mfa", "otp", "hwk", "sc"], options.EffectiveMultiFactorMethods);
    }

    private static SingleSignOnOptions Complete()
    {
        var options = new SingleSignOnOptions
        {
            Authority = "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000001/v2.0",
            ClientId = "client",
            ClientSecret = "secret",
        };
        options.AllowedEmailDomains.Add("cabinetoffice.gov.uk");
        return options;
    }
}
