using System.Net;
using Microsoft.Extensions.Options;
using PLBadges.Identity.OpenId;
using PLBadges.Identity.Passwords;

namespace PLBadges.Tests.Identity;

public class PasswordThrottleTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(4, 0)]
    [InlineData(5, 1)]
    [InlineData(6, 2)]
    [InlineData(9, 16)]
    [InlineData(15, 900)]
    [InlineData(5000, 900)]
    public void The_wait_starts_at_one_second_past_the_free_failures_and_doubles_up_to_the_maximum(int failures, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), SignInThrottle.Delay(failures, free: 5, maxSeconds: 900));

    [Fact]
    public void An_address_is_forgotten_ten_minutes_after_its_last_failure_and_ipv6_counts_by_its_64()
    {
        var addresses = new AddressFailures(Options.Create(new ThrottleOptions { FreeFailuresPerAddress = 2, MaxAddressDelaySeconds = 60 }));
        var now = new DateTime(2026, 12, 4, 9, 0, 0, DateTimeKind.Utc);
        addresses.Failed(IPAddress.Parse("2001:db8:1:2::10"), now);
        addresses.Failed(IPAddress.Parse("2001:db8:1:2::99"), now); // the same /64
        Assert.Equal(TimeSpan.FromSeconds(1), addresses.Wait(IPAddress.Parse("2001:db8:1:2::abc"), now));
        Assert.Equal(TimeSpan.Zero, addresses.Wait(IPAddress.Parse("2001:db8:1:3::10"), now));
        Assert.Equal(TimeSpan.Zero, addresses.Wait(IPAddress.Parse("2001:db8:1:2::abc"), now + AddressFailures.ForgetAfter));
    }

    [Fact]
    public void The_wait_message_is_in_seconds_then_minutes()
    {
        Assert.Equal("Too many failed attempts. Wait 1 second before trying again, or reset your password.", PasswordCheck.WaitMessage(TimeSpan.FromMilliseconds(400)));
        Assert.Contains("Wait 64 seconds", PasswordCheck.WaitMessage(TimeSpan.FromSeconds(64)));
        Assert.Contains("Wait 15 minutes", PasswordCheck.WaitMessage(TimeSpan.FromSeconds(900)));
    }

    [Theory]
    [InlineData("http://127.0.0.1:7890/callback", "form-action http://127.0.0.1:7890/callback;")]
    [InlineData("https://app.example/cb?x=1", "form-action https://app.example/cb;")]
    [InlineData("https://app.example/a;b", "form-action https://app.example;")]
    [InlineData("com.example.app:/oauth", "form-action com.example.app:;")]
    public void The_form_post_policy_posts_only_to_the_apps_redirect(string redirect, string expected)
    {
        var policy = FormPostPolicy.For(new Uri(redirect));
        Assert.Contains(expected, policy);
        Assert.Contains($"script-src '{FormPostPolicy.ScriptHash}'", policy);
        Assert.StartsWith("default-src 'none'", policy);
    }
}
