using Microsoft.AspNetCore.Mvc.ViewFeatures;
using RoundtableManager.Web.Operations;

namespace RoundtableManager.Web.Infrastructure;

public static class AppBuilderExtensions
{
    /// <summary>
    /// Everything the app registers, in named steps. Hosted services start in registration order, so the database
    /// initialiser comes first: the database is migrated before Data Protection, Hangfire or anything else reads it.
    /// </summary>
    public static WebApplicationBuilder AddRoundtableManager(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var database = DatabaseServiceCollectionExtensions.ReadDatabaseOptions(builder.Configuration, builder.Environment.ContentRootPath);
        // A developer's first run and the tests share the rule: such a query shows the error page there; Production logs it.
        database.ThrowOnQueryWarnings = builder.Environment.IsDevelopment() || builder.Environment.IsEnvironment("Testing");
        StartupWarmUp.WarmUpDatabase(database);
        builder.AddHost(database);
        builder.Services.AddFeatures(builder.Configuration);
        builder.AddAccounts();
        builder.AddPages();
        builder.AddOperations();
        return builder;
    }

    /// <summary>
    /// The database (migrated first), Data Protection keys in it, background jobs (before the features that register
    /// recurring jobs), the clock, and what the log may write.
    /// </summary>
    private static void AddHost(this WebApplicationBuilder builder, DatabaseOptions database)
    {
        var services = builder.Services;
        services.AddRoundtableDatabase(database);
        services.AddHostedService<DatabaseInitializer>();
        services.AddSingleton(TimeProvider.System);
        services.AddRoundtableDataProtection(builder.Configuration, builder.Environment);
        services.AddJobs(builder.Configuration, database, installSqlServerSchemaAtStart: !builder.Environment.IsProduction());
        // Kestrel names itself in a Server header that no middleware can remove; nothing should advertise the server.
        builder.WebHost.ConfigureKestrel(options => options.AddServerHeader = false);
        // Request lines would write personal invitation links (/invitation/{token}) to the log; see README.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        // These write the request path (and so an invitation token) at Debug; a secrets-in-logs test holds this.
        builder.Logging.AddFilter("Microsoft.AspNetCore.StaticFiles", LogLevel.Information);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Routing", LogLevel.Information);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Mvc", LogLevel.Information);
    }

    /// <summary>Each feature's services (Core), one line each.</summary>
    private static void AddFeatures(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<IAuditLog, AuditLog>();
        services.AddScoped<AuditQueryService>();
        services.AddEmail(configuration);
        services.AddSupplierDirectory();
        services.AddEngagement();
        services.AddEngagementReports();
        services.AddRoundtables();
        services.AddInvitations();
        services.AddAgenda();
        services.AddReminders();
        services.AddActions();
        services.AddControls();
        services.AddPrivacy();
        services.AddFeedback();
        services.AddSingleton<IValidateOptions<EmailOptions>, ProductionEmailValidator>();
    }

    /// <summary>
    /// Identity with our password policy and two-factor codes; sessions in the database (the cookie holds only their
    /// key, so sign-out ends every copy of the cookie); the account services.
    /// </summary>
    private static void AddAccounts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddIdentity<ApplicationUser, IdentityRole>(options =>
            {
                PasswordPolicy.Apply(options.Password);
                options.User.RequireUniqueEmail = true;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddUserStore<AppUserStore>()
            .AddSignInManager<AppSignInManager>()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<PasswordPolicy>()
            .AddClaimsPrincipalFactory<AppClaimsPrincipalFactory>()
            .AddTokenProvider<ReplayProtectedAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider);
        // Each cookie is checked against the account's security stamp every minute, so a password change, a reset or a
        // disabled account ends every other session within a minute (Identity's default is 30 minutes).
        services.Configure<PasswordHasherOptions>(PasswordPolicy.Apply);
        services.Configure<DataProtectionTokenProviderOptions>(options => options.TokenLifespan = UserAdministrationService.SetPasswordLinkLifetime);
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SecurityOptions>, SecurityOptionsValidator>();
        // Sessions live in the database and the cookie holds only their key, so sign-out ends every copy of the cookie.
        services.AddOptions<SignInSessionOptions>().BindConfiguration(SignInSessionOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SignInSessionOptions>, SignInSessionOptionsValidator>();
        services.AddSingleton<DatabaseTicketStore>();
        services.AddScoped<SessionService>();
        services.AddOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<DatabaseTicketStore, IOptions<SignInSessionOptions>>((options, store, sessions) =>
            {
                options.SessionStore = store;
                options.ExpireTimeSpan = sessions.Value.IdleTimeout;
            });
        var production = builder.Environment.IsProduction();
        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/sign-in";
            options.LogoutPath = "/sign-out";
            options.AccessDeniedPath = "/error/403";
            options.Cookie.Name = production ? "__Host-RoundtableManager" : "RoundtableManager";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = production ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            options.SlidingExpiration = true;
            // A forbidden page answers 403 in place rather than redirecting, so the address bar keeps what was asked for.
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        services.AddRoundtableAuthorization();
        builder.AddSingleSignOn();
        services.AddScoped<AccountService>();
        services.AddScoped<UnknownAccountSignIns>();
        services.AddScoped<UserAdministrationService>();
        services.AddSingleton<PendingInvitationCookie>();
        services.AddSingleton<FeedbackLinkCookie>();
    }

    /// <summary>MVC with feature folders, deny-by-default authorization and antiforgery everywhere; headers, proxies, limits.</summary>
    private static void AddPages(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var production = builder.Environment.IsProduction();
        services.AddControllersWithViews(options =>
        {
            options.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
            options.Filters.Add<AntiforgeryRefusalFilter>();
            options.Conventions.Add(new DenyByDefaultConvention());
        }).AddFeatureFolders();
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = production ? "__Host-RoundtableManager-Antiforgery" : "RoundtableManager-Antiforgery";
            options.Cookie.SecurePolicy = production ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });
        services.Configure<CookieTempDataProviderOptions>(options =>
        {
            options.Cookie.Name = production ? "__Host-RoundtableManager-Messages" : "RoundtableManager-Messages";
            options.Cookie.SecurePolicy = production ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });
        services.AddRoundtableSecurityHeaders();
        services.AddTrustedProxies();
        services.AddStaticAssetCompression();
        services.AddRoundtableRateLimits();
    }

    /// <summary>Health, demo data and the command line.</summary>
    private static void AddOperations(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database");
        services.AddOptions<DemoDataOptions>().BindConfiguration(DemoDataOptions.SectionName).ValidateOnStart();
        services.AddScoped<DemoDataSeeder>();
        services.AddScoped<Engagement.Record.InteractionDemoData>();
        services.AddScoped<Controls.ControlsDemoData>();
        services.AddScoped<Feedback.FeedbackDemoData>();
        services.AddSingleton<OperatorConsole>();
        services.AddScoped<CreateUserCommand>();
        builder.AddOperationsFeature();
    }

    private static readonly CultureInfo UkCulture = CultureInfo.GetCultureInfo("en-GB");

    public static WebApplication UseRoundtableManager(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        StartupWarmUp.WarmUpActions(app.Services);
        // First, so the scheme and client address every later step sees are the ones a trusted proxy reported.
        app.UseForwardedHeaders();
        app.UseStartupJobsGate();
        app.UseUtf8TextCharset();
        app.UseSecurityHeaders();
        // The GOV.UK error page everywhere: no stack trace reaches a browser, even in Development (the console has it).
        app.UseExceptionHandler("/error/500");
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        if (app.Environment.IsProduction())
        {
            app.UseHsts();
        }

        app.UseStaticAssets();
        if (app.Environment.IsProduction())
        {
            app.UseHttpsOnly();
        }

        app.UseNoStoreForDynamicPages();
        app.UseRouting();
        // Hangfire writes <html lang> from the UI culture; the server's may be invariant, which is not a language.
        app.UseWhen(context => context.Request.Path.StartsWithSegments(JobsDashboard.Path), dashboard => dashboard.Use((context, next) =>
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = UkCulture;
            return next(context);
        }));
        app.UseAuthentication();
        app.UseRefusalLogging();
        app.UseAuthorization();
        app.UseRequestSizeGuard();
        app.UseOperationsFeature();
        app.MapJobsDashboard();
        app.MapControllerRoute("areas", "{area:exists}/{controller=Home}/{action=Index}/{id?}");
        app.MapControllers();
        StartupWarmUp.WarmUpEndpoints(app);
        return app;
    }
}
