namespace PLBadges.Typesetting.Tests;

/// <summary>Names in the scripts the platform promises to print.</summary>
internal static class Names
{
    public const string Vietnamese = "Nguyễn Thị Minh Khai";
    public const string Polish = "Zażółć gęślą jaźń";
    public const string Greek = "Αλέξανδρος Παπαδόπουλος";
    public const string Cyrillic = "Пётр Ильич Чайковский";
    public const string Arabic = "محمد عبد الله";
    public const string Chinese = "王小明";
    public const string TraditionalChinese = "陳美麗";

    public static IReadOnlyList<string> All { get; } = [Vietnamese, Polish, Greek, Cyrillic, Arabic, Chinese, TraditionalChinese];
}
