using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace PLBadges.Data;

/// <summary>
/// One way to make several writes together. <see cref="InTransactionAsync{T}"/> joins the
/// transaction already open (an outbox handler's, a recipe's), or opens one for the work and commits
/// it once at the end; a failure rolls back only a transaction it opened. There is no transaction per
/// request: on SQLite that would hold the single writer's lock for a whole POST and queue every
/// autosave behind it. On SQLite a transaction begins <c>IMMEDIATE</c>, so it holds the writer's lock
/// from its first statement: reads inside it see what the write will be based on.
/// </summary>
public static class Transactions
{
    public static async Task<T> InTransactionAsync<T>(this PLBadgesDbContext db, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction != null)
        {
            var joined = await work(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return joined;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await work(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    public static Task InTransactionAsync(this PLBadgesDbContext db, Func<CancellationToken, Task> work, CancellationToken cancellationToken) =>
        db.InTransactionAsync(async ct =>
        {
            await work(ct);
            return true;
        }, cancellationToken);

    /// <summary>True while a transaction is open on this unit of work (a caller's or our own).</summary>
    public static bool InTransaction(this PLBadgesDbContext db) => db.Database.CurrentTransaction != null;

    internal static IDbContextTransaction Current(this PLBadgesDbContext db) =>
        db.Database.CurrentTransaction ?? throw new InvalidOperationException("This lock is held for a transaction: open one first (InTransactionAsync).");
}
