using System.Collections;
using System.Reflection;
using Xunit.Abstractions;

namespace RoundtableManager.Tests.Operations.SqlServer;

/// <summary>
/// Issue #21 3(b): every public async method of every Core service that uses the database runs once with an
/// AppDbContext on the SQL Server provider whose commands stop before the network (<see cref="CapturingInterceptor"/>).
/// A LINQ query the SQL Server provider cannot translate fails here; every statement it generated must parse as T-SQL.
/// The results are empty, so a method that stops early on "not found" shows only its first queries: the entity-level
/// checks (MigrationScriptTests) and the SQL Server run of the integration suite (ROUNDTABLE_TEST_SQLSERVER) cover more.
/// </summary>
public sealed class ServiceQueryTranslationTests(ITestOutputHelper output)
{
    [Fact]
    public async Task EveryServiceMethod_OnSqlServerProvider_TranslatesAndParses()
    {
        List<ServiceDescriptor> descriptors = [];
        using var app = new TestApp { ConfigureTestServices = services => descriptors.AddRange(services) };
        _ = app.Services;
        var services = descriptors
            .Select(d => d.ImplementationType)
            .Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false } && t.Assembly == typeof(AppDbContext).Assembly
                && t.GetConstructors().Length == 1 && t.GetConstructors()[0].GetParameters().Any(p => p.ParameterType == typeof(AppDbContext)))
            .Select(t => t!)
            .Where(t => !HoldsCompiledQueries(t))
            .Distinct()
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .ToList();

        var interceptor = new CapturingInterceptor();
        var untranslatable = new List<string>();
        var methods = 0;
        foreach (var type in services)
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => typeof(Task).IsAssignableFrom(m.ReturnType) && !m.IsGenericMethodDefinition))
            {
                methods++;
                await using var scope = app.Services.CreateAsyncScope();
                await using var db = SqlServerContext.Create(interceptor);
                var service = ActivatorUtilities.CreateInstance(scope.ServiceProvider, type, db);
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                try
                {
                    var arguments = method.GetParameters().Select(p => Sample(p.ParameterType, 0, timeout.Token)).ToArray();
                    await (Task)method.Invoke(service, arguments)!;
                }
                catch (Exception ex) when (Untranslatable(ex) is { } message)
                {
                    untranslatable.Add($"{type.Name}.{method.Name}: {message}");
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // Expected: empty results make later steps fail ("not found", no rows affected).
                }
            }
        }

        var statements = interceptor.Statements.Distinct(StringComparer.Ordinal).ToList();
        var unparsable = statements
            .Select(sql => (sql, errors: TSql.ParseErrors(sql)))
            .Where(x => x.errors.Count > 0)
            .Select(x => $"{string.Join("; ", x.errors)}\n{x.sql}")
            .ToList();
        output.WriteLine($"{services.Count} services, {methods} methods, {statements.Count} distinct SQL Server statements captured and parsed.");

        Assert.Empty(untranslatable);
        Assert.Empty(unparsable);
        Assert.True(services.Count >= 10, $"Only {services.Count} services found");
        Assert.True(statements.Count >= 50, $"Only {statements.Count} statements captured");
    }

    /// <summary>
    /// EF Core keeps a compiled query's executor in the static delegate, shared by every context in the process: run
    /// once on SQL Server here, it would hand SQL Server's SQL to the SQLite apps of tests running beside this one. A
    /// real process never mixes providers, so only this test must leave such services (ResponsesService) out; their
    /// compiled queries run on SQL Server in the [OnSqlServer] journeys.
    /// </summary>
    private static bool HoldsCompiledQueries(Type type) =>
        type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)
            .Any(f => typeof(Delegate).IsAssignableFrom(f.FieldType) && f.FieldType.IsGenericType && f.FieldType.GetGenericArguments()[0] == typeof(AppDbContext));

    private static string? Untranslatable(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e.Message.Contains("could not be translated", StringComparison.Ordinal)
                || e.Message.Contains("translation of", StringComparison.OrdinalIgnoreCase)
                || e.Message.Contains("SQL Server does not support", StringComparison.Ordinal))
            {
                return e.Message;
            }
        }

        return null;
    }

    private static object? Sample(Type type, int depth, CancellationToken cancellation)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(CancellationToken))
        {
            return cancellation;
        }

        if (underlying == typeof(string))
        {
            return "someone@example.gov.uk";
        }

        if (underlying.IsEnum)
        {
            return Enum.GetValues(underlying).GetValue(0);
        }

        if (underlying == typeof(bool))
        {
            return false;
        }

        if (underlying == typeof(DateTime))
        {
            return DateTime.UtcNow;
        }

        if (underlying == typeof(DateOnly))
        {
            return DateOnly.FromDateTime(DateTime.UtcNow);
        }

        if (underlying == typeof(TimeSpan))
        {
            return TimeSpan.FromHours(1);
        }

        if (underlying == typeof(Guid))
        {
            return Guid.NewGuid();
        }

        if (underlying.IsPrimitive || underlying == typeof(decimal))
        {
            return Convert.ChangeType(1, underlying, System.Globalization.CultureInfo.InvariantCulture);
        }

        if (underlying.IsArray)
        {
            var array = Array.CreateInstance(underlying.GetElementType()!, 1);
            array.SetValue(Sample(underlying.GetElementType()!, depth + 1, cancellation), 0);
            return array;
        }

        if (underlying.IsGenericType && typeof(IEnumerable).IsAssignableFrom(underlying) && underlying.GetGenericArguments().Length == 1)
        {
            var element = underlying.GetGenericArguments()[0];
            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
            list.Add(Sample(element, depth + 1, cancellation));
            return underlying.IsAssignableFrom(list.GetType()) ? list : null;
        }

        if (depth < 3 && !underlying.IsAbstract && !underlying.IsInterface)
        {
            var constructor = underlying.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault();
            if (constructor is not null)
            {
                try
                {
                    return constructor.Invoke(constructor.GetParameters().Select(p => Sample(p.ParameterType, depth + 1, cancellation)).ToArray());
                }
                catch (TargetInvocationException)
                {
                    return null;
                }
            }
        }

        return underlying.IsValueType ? Activator.CreateInstance(underlying) : null;
    }
}
