using System.ComponentModel.DataAnnotations;

namespace PLBadges.Data;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>"Sqlite" (the default: a file, no server) or "Postgres".</summary>
    [RegularExpression("^(Sqlite|Postgres)$", ErrorMessage = "Database:Provider must be Sqlite or Postgres.")]
    public string Provider { get; set; } = "Sqlite";

    /// <summary>Where the SQLite file, mail pickup folder and other local files live; created when missing.</summary>
    [Required]
    public string DataFolder { get; set; } = "App_Data";

    public bool IsPostgres => string.Equals(Provider, "Postgres", StringComparison.OrdinalIgnoreCase);
}
