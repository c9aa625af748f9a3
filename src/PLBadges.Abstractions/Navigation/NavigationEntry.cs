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
    string Section = NavigationSections.Learn);

/// <summary>
/// Where an entry goes. The main navigation groups entries by task, so no bar holds more than about
/// eight links: a person's own learning, coaching others, running a district or school, the state's
/// work, and the platform's. Account entries sit in the header's account menu; footer entries at the foot.
/// </summary>
public static class NavigationSections
{
    public const string Learn = "Learn";
    public const string Coach = "Coach";
    public const string District = "District";
    public const string State = "State";
    public const string Platform = "Platform";
    public const string Account = "Account";
    public const string Footer = "Footer";

    /// <summary>The sections of the main navigation, in the order the header shows them (their names are their headings).</summary>
    public static IReadOnlyList<string> Main { get; } = [Learn, Coach, District, State, Platform];
}

/// <summary>The menu for the current request, already filtered for the person.</summary>
public interface INavigationMenu
{
    /// <summary>Every entry this person may open, in every section, in order.</summary>
    Task<IReadOnlyList<NavigationEntry>> EntriesAsync(CancellationToken cancellationToken = default);

    /// <summary>This person's entries in one section, in order.</summary>
    async Task<IReadOnlyList<NavigationEntry>> EntriesAsync(string section, CancellationToken cancellationToken = default) =>
        (await EntriesAsync(cancellationToken)).Where(e => e.Section == section).ToList();
}
