using PLBadges.Abstractions.Security;

namespace PLBadges.Abstractions.Navigation;

public enum NavigationAudience
{
    /// <summary>Everyone, signed in or not.</summary>
    Anyone,

    /// <summary>Only visitors who are not signed in.</summary>
    Anonymous,

    /// <summary>Any signed-in person.</summary>
    SignedIn,

    /// <summary>Signed-in people who hold <see cref="NavigationEntry.Permission"/> somewhere.</summary>
    Permission,
}

/// <summary>One link in the site's menu. Entries are gated: a person sees only what they may open.</summary>
public sealed record NavigationEntry(
    string Text,
    string Href,
    int Order,
    NavigationAudience Audience = NavigationAudience.SignedIn,
    Permission? Permission = null,
    string Section = NavigationSections.Main);

public static class NavigationSections
{
    public const string Main = "main";
    public const string Admin = "admin";
    public const string Account = "account";
}

/// <summary>The menu for the current request, already filtered for the person.</summary>
public interface INavigationMenu
{
    Task<IReadOnlyList<NavigationEntry>> EntriesAsync(string section, CancellationToken cancellationToken = default);
}
