using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Jobs;
using PLBadges.Data;
using PLBadges.Identity.Passwords;

namespace PLBadges.Identity.Sessions;

/// <summary>Hourly: removes sessions long over and failed-password counts already forgotten.</summary>
internal sealed class IdentityCleanup(PersonSessions sessions, PLBadgesDbContext db, TimeProvider clock) : IRecurringWork
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await sessions.PruneAsync(cancellationToken);
        var forgotten = clock.GetUtcNow().UtcDateTime - SignInThrottle.ForgetAccountAfter;
        await db.Set<FailedPasswords>().Where(f => f.LastFailureAt < forgotten).ExecuteDeleteAsync(cancellationToken);
    }
}
