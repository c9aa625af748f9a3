using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using PLBadges.Identity.People;

namespace PLBadges.Identity.Passwords;

public enum PasswordOutcome
{
    /// <summary>The password matches the account's.</summary>
    Right,

    /// <summary>No account has this email and password: the same outcome for an unknown email.</summary>
    Wrong,

    /// <summary>Too many failures: nothing was checked; try again after <see cref="PasswordCheckResult.Wait"/>.</summary>
    Wait,
}

public sealed record PasswordCheckResult(PasswordOutcome Outcome, Person? Person = null, TimeSpan Wait = default);

/// <summary>
/// Checks a password for sign-in and for a change of password. Known and unknown emails take the
/// same path: the throttle is asked first, the hasher runs once either way (against a placeholder
/// hash when there is no account or no password yet), and a failure is counted for the email as
/// typed. So neither the answer, nor the time it takes, nor the throttle tells whether an account exists.
/// </summary>
public sealed class PasswordCheck(UserManager<Person> users, IPasswordHasher<Person> hasher, SignInThrottle throttle)
{
    private static readonly Person Nobody = new();
    private static string? placeholderHash;

    public async Task<PasswordCheckResult> SignInAsync(string email, string password, IPAddress? address, CancellationToken cancellationToken)
    {
        var wait = await throttle.WaitAsync(email, address, cancellationToken);
        if (wait > TimeSpan.Zero)
        {
            return new(PasswordOutcome.Wait, Wait: wait);
        }

        var person = await users.FindByEmailAsync(email.Trim());
        bool right;
        if (person?.PasswordHash != null)
        {
            right = await users.CheckPasswordAsync(person, password);
        }
        else
        {
            hasher.VerifyHashedPassword(Nobody, PlaceholderHash(), password);
            right = false;
        }

        if (!right)
        {
            await throttle.FailedAsync(email, address, cancellationToken);
            return new(PasswordOutcome.Wrong);
        }

        await throttle.ForgetAsync(email, cancellationToken);
        return new(PasswordOutcome.Right, person);
    }

    /// <summary>Changes a signed-in person's password, throttled as signing in is: the current password is as guessable as at sign-in.</summary>
    public async Task<(PasswordCheckResult Check, IdentityResult? Change)> ChangeAsync(Person person, string current, string replacement, IPAddress? address, CancellationToken cancellationToken)
    {
        var email = person.Email ?? "";
        var wait = await throttle.WaitAsync(email, address, cancellationToken);
        if (wait > TimeSpan.Zero)
        {
            return (new(PasswordOutcome.Wait, person, wait), null);
        }

        var change = await users.ChangePasswordAsync(person, current, replacement);
        if (change.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)))
        {
            await throttle.FailedAsync(email, address, cancellationToken);
            return (new(PasswordOutcome.Wrong, person), change);
        }

        if (change.Succeeded)
        {
            await throttle.ForgetAsync(email, cancellationToken);
        }

        return (new(PasswordOutcome.Right, person), change);
    }

    /// <summary>What to tell someone who must wait: the same for every email, known or not.</summary>
    public static string WaitMessage(TimeSpan wait)
    {
        var seconds = (int)Math.Ceiling(wait.TotalSeconds);
        var span = seconds < 90 ? $"{seconds} second{(seconds == 1 ? "" : "s")}" : $"{(int)Math.Ceiling(seconds / 60.0)} minutes";
        return $"Too many failed attempts. Wait {span} before trying again, or reset your password.";
    }

    /// <summary>A hash of a random password, made by the site's own hasher so that checking against it costs what a real check costs.</summary>
    private string PlaceholderHash() =>
        placeholderHash ??= hasher.HashPassword(Nobody, Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));
}
