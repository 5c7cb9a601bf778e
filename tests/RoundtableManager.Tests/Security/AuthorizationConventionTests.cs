using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace RoundtableManager.Tests.Security;

/// <summary>Deny by default: every action names a policy, or is anonymous and on the short allow-list.</summary>
public sealed class AuthorizationConventionTests
{
    private static readonly string[] KnownPolicies = [Policies.Organiser, Policies.Staff, Policies.Supplier, Policies.SignedIn];

    public static IEnumerable<(Type Controller, MethodInfo Action)> Actions() =>
        typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(ControllerBase).IsAssignableFrom(t) && !t.IsAbstract)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => !m.IsSpecialName && m.GetCustomAttribute<NonActionAttribute>() is null)
                .Select(m => (t, m)));

    [Fact]
    public void EveryAction_HasAPolicyOrIsOnTheAnonymousAllowList()
    {
        var problems = new List<string>();
        var anonymousSeen = new HashSet<string>();
        foreach (var (controller, action) in Actions())
        {
            var name = $"{controller.Name.Replace("Controller", "", StringComparison.Ordinal)}.{action.Name}";
            var attributes = controller.GetCustomAttributes(inherit: true).Concat(action.GetCustomAttributes(inherit: true)).ToList();
            var anonymous = attributes.OfType<IAllowAnonymous>().Any();
            var policies = attributes.OfType<IAuthorizeData>().Select(a => a.Policy).ToList();
            if (anonymous)
            {
                anonymousSeen.Add(name);
                if (!AnonymousAllowList.Actions.Contains(name))
                {
                    problems.Add($"{controller.FullName}.{action.Name} allows anonymous access but is not on the allow-list");
                }
            }
            else if (policies.Count == 0)
            {
                problems.Add($"{controller.FullName}.{action.Name} names no authorization policy");
            }
            else if (policies.Any(p => p is null || !KnownPolicies.Contains(p)))
            {
                problems.Add($"{controller.FullName}.{action.Name} uses an unknown or empty policy (roles-only [Authorize] is not allowed)");
            }
        }

        Assert.Empty(problems);
        // The allow-list holds nothing stale that could later be reused silently.
        Assert.Empty(AnonymousAllowList.Actions.Except(anonymousSeen));
        Assert.True(Actions().Count() > 5, "the reflection found too few actions to be looking in the right place");
    }

    [Fact]
    public void EveryPostAction_ValidatesAntiforgery()
    {
        var ignored = Actions()
            .Where(a => a.Action.GetCustomAttribute<HttpPostAttribute>() is not null)
            .Where(a => a.Controller.GetCustomAttribute<IgnoreAntiforgeryTokenAttribute>() is not null
                     || a.Action.GetCustomAttribute<IgnoreAntiforgeryTokenAttribute>() is not null)
            .Select(a => $"{a.Controller.Name}.{a.Action.Name}")
            .ToList();
        Assert.Empty(ignored);
    }

    [Fact]
    public void EveryAnonymousPost_IsRateLimited()
    {
        // Nobody is signed in to count against: the client address is all there is (sign-in, links, feedback answers).
        var anonymousPosts = Actions()
            .Where(a => a.Action.GetCustomAttribute<HttpPostAttribute>() is not null)
            .Where(a => a.Controller.GetCustomAttributes<AllowAnonymousAttribute>().Any() || a.Action.GetCustomAttributes<AllowAnonymousAttribute>().Any())
            .ToList();
        var unlimited = anonymousPosts
            .Where(a => a.Action.GetCustomAttribute<Web.Infrastructure.RateLimitAttribute>() is null && a.Controller.GetCustomAttribute<Web.Infrastructure.RateLimitAttribute>() is null)
            .Select(a => $"{a.Controller.Name}.{a.Action.Name}")
            .ToList();
        Assert.Empty(unlimited);
        Assert.Contains(anonymousPosts, a => a.Controller.Name == "FeedbackLinksController");
    }
}

