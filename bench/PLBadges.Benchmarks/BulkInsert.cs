using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace PLBadges.Benchmarks;

/// <summary>
/// Seeds large tables fast for a benchmark: multi-row INSERTs in one transaction, with each value bound through the EF Core
/// model's own type mapping (and value converter), so SQLite and PostgreSQL store exactly what the site's own saves would.
/// Store-generated columns (an identity key) are left to the database. Change tracking plays no part: at millions of
/// rows it, not the database, is what costs.
/// </summary>
internal static class BulkInsert
{
    /// <summary>Bound values in one statement: well under both limits, and small enough that binding by name (a linear search per value in SQLite) stays cheap.</summary>
    private const int MaxParameters = 1_000;

    public static async Task InsertAsync<T>(DbContext db, IReadOnlyList<T> rows, CancellationToken cancellationToken = default)
        where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }

        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties().Where(p => p.ValueGenerated != ValueGenerated.OnAdd || p.ClrType == typeof(Guid)).ToList();
        var mappings = columns.Select(p => (Property: p, Mapping: (RelationalTypeMapping)p.GetRelationalTypeMapping(), Column: p.GetColumnName(table)!)).ToList();
        var sql = db.GetService<ISqlGenerationHelper>();
        var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", mappings.Select(m => sql.DelimitIdentifier(m.Column)))}) VALUES ";
        var perStatement = Math.Max(1, MaxParameters / mappings.Count);

        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        for (var first = 0; first < rows.Count; first += perStatement)
        {
            var count = Math.Min(perStatement, rows.Count - first);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var text = new StringBuilder(head);
            for (var r = 0; r < count; r++)
            {
                text.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < mappings.Count; c++)
                {
                    var name = $"p{(r * mappings.Count) + c}";
                    var (property, mapping, _) = mappings[c];
                    var value = property.GetGetter().GetClrValue(rows[first + r]);
                    command.Parameters.Add(mapping.CreateParameter(command, sql.GenerateParameterName(name), value, property.IsNullable));
                    text.Append(c == 0 ? "" : ", ").Append(sql.GenerateParameterNamePlaceholder(name));
                }

                text.Append(')');
            }

            command.CommandText = text.ToString();
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
