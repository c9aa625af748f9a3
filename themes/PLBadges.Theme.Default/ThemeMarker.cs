namespace PLBadges.Theme.Default;

/// <summary>Names the theme's assembly for the host.</summary>
public sealed class ThemeMarker;
