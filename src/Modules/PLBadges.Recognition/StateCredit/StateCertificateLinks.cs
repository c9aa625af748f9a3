using PLBadges.Abstractions.Display;
using PLBadges.Abstractions.Security;
using PLBadges.Credentials.Contracts;

namespace PLBadges.Recognition.StateCredit;

/// <summary>
/// Puts the states' certificates of a credential beside its downloads on the educator's credentials page: the signed-off
/// item's certificate, or, for a state that needs no district sign-off, the credential's own.
/// </summary>
public sealed class StateCertificateLinks(IAccessControl access, EducatorStateIds ids, SignOffs signOffs, ICredentialHoldings holdings) : IZoneContributor
{
    public sealed record Link(string Text, string Url);

    private IReadOnlyList<EducatorProfile>? profiles;
    private IReadOnlyList<(SignOff SignOff, IReadOnlyList<SignOffItem> Items)>? signedOff;
    private IReadOnlyList<HeldCredential>? held;

    public string Zone => Zones.CredentialActions;

    public async Task<ZoneItem?> ContributeAsync(object? subject, CancellationToken cancellationToken)
    {
        if (subject is not string credentialId || access.PersonId is not { } me)
        {
            return null;
        }

        // Once per request, however many credentials the page lists.
        profiles ??= await ids.ProfilesOfAsync(me, cancellationToken);
        signedOff ??= await signOffs.OfAsync(me, null, cancellationToken);
        held ??= await holdings.HeldByAsync(me, cancellationToken);
        var credential = held.FirstOrDefault(c => c.Id == credentialId && !c.Revoked);
        if (credential == null)
        {
            return null;
        }

        var links = new List<Link>();
        foreach (var (signOff, items) in signedOff.Where(s => s.SignOff.WithdrawnAt == null))
        {
            var state = profiles.FirstOrDefault(p => p.Provider.Profile.Profile.Id == signOff.ProfileId)?.Definition.StateName ?? "the state";
            links.AddRange(items.Where(i => i.CredentialUrl == credential.Url).Select(i => new Link($"Certificate for {state} (PDF)", $"/state-credit/items/{i.Id}/certificate.pdf")));
        }

        foreach (var profile in profiles.Where(p => !p.Definition.SignOffRequired.Value && p.District.Id == credential.IssuerId))
        {
            links.Add(new Link($"Certificate for {profile.Definition.StateName} (PDF)", $"/state-credit/credentials/{credential.Id}/certificate.pdf?profile={profile.Provider.Profile.Profile.Id}"));
        }

        return links.Count == 0 ? null : new ZoneItem("_StateCertificateLinks", links.DistinctBy(l => l.Url).ToList());
    }
}
