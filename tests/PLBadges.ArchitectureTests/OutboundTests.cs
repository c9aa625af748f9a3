namespace PLBadges.ArchitectureTests;

/// <summary>Rule 5: modules reach addresses they did not choose only through the guarded client.</summary>
public class OutboundTests
{
    [Fact]
    public void Modules_connect_out_only_through_the_guarded_client()
    {
        var results = Solution.Modules.Select(Rules.ConnectsOutOnlyThroughTheGuardedClient).ToList();

        Assert.All(results, result => Assert.True(result.TypesChecked > 0, $"{result.Assembly}: no types were checked."));
        Assert.True(results.All(r => r.Passed), string.Join(Environment.NewLine, results.Where(r => !r.Passed)));
    }

    [Fact]
    public void The_analysis_sees_the_guards_own_handler_and_sockets()
    {
        // A positive control: Abstractions builds the one guarded handler and opens the checked sockets,
        // so the same reading of its IL must find them; a rule that cannot see them would pass anything.
        var result = Rules.ConnectsOutOnlyThroughTheGuardedClient(Solution.Abstractions);

        var policy = Assert.Single(result.Violations, v => v.Type == "PLBadges.Abstractions.Outbound.OutboundAddressPolicy");
        Assert.Contains("new System.Net.Sockets.NetworkStream", policy.Uses);
        Assert.Contains(policy.Uses, use => use.StartsWith("System.Net.Http.SocketsHttpHandler.", StringComparison.Ordinal));
        Assert.Contains(policy.Uses, use => use.StartsWith("System.Net.Dns.", StringComparison.Ordinal));
    }

    [Fact]
    public void Known_bad_a_module_with_its_own_client_handler_or_socket_fails()
    {
        var result = Rules.ConnectsOutOnlyThroughTheGuardedClient(Solution.BadModule);

        Assert.False(result.Passed, "The broken fixture makes its own clients and sockets, so rule 5 must fail: " + result);
        var poller = Assert.Single(result.Violations, v => v.Type == "PLBadges.BadModule.Outbound.StatusPoller");
        Assert.Contains("new System.Net.Http.HttpClient", poller.Uses);
        Assert.Contains("System.Net.Http.IHttpClientFactory.CreateClient", poller.Uses);
        Assert.Contains(poller.Uses, use => use.StartsWith("System.Net.Http.SocketsHttpHandler.", StringComparison.Ordinal));
        Assert.Contains(poller.Uses, use => use.StartsWith("System.Net.Sockets.TcpClient.", StringComparison.Ordinal));
        // The guarded client is allowed.
        Assert.DoesNotContain("PLBadges.BadModule.Outbound.GuardedPoller", result.OffendingTypes);
    }
}
