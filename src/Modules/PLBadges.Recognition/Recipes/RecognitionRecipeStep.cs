using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Events;
using PLBadges.Abstractions.Recipes;
using PLBadges.Abstractions.Rules;
using PLBadges.Credentials.Contracts;
using PLBadges.Data;
using PLBadges.Identity.Contracts;
using PLBadges.Organizations.Contracts;
using PLBadges.Pathways.Contracts;
using PLBadges.Recognition.Applications;
using PLBadges.Recognition.Programmes;
using PLBadges.Recognition.Rules;

namespace PLBadges.Recognition.Recipes;

/// <summary>
/// "Recognition": { "states": [ { "state": code,
///   "educatorNumber": { "pattern": regex, "hint": words },
///   "trustedIssuers": [ { "url": issuer id, "name": text } ],
///   "programs": [ { "kind": "Renewal", "name": text, "description": text, "effectiveMonthsAgo": 12, "rules": RenewalRules as JSON },
///                   { "kind": "Advancement", "name": text, "rules": { "stepName", "pathways": [slug], "microCredentials": [slug], "approval": "State|District" } } ],
///   "endorse": [ { "microCredential": slug, "comment": text, "by": email } ],
///   "licenses": [ { "person": email, "number": text, "licensedYearsAgo": 3 } ],
///   "applications": [ { "person": email, "program": name, "credentials": [slug], "note": text } ] } ] }.
/// A program, endorsement, license or application that exists already is left alone. The British
/// spellings the keys had first ("programmes", "licences", "programme") are read too.
/// </summary>
internal sealed class RecognitionRecipeStep(
    PLBadgesDbContext db, IOrganizationDirectory organizations, IPeopleDirectory people, ProgrammeService programmes, IMicroCredentialCatalog pathways, IEventOutbox events, TimeProvider clock) : IRecipeStep
{
    public string Name => "Recognition";

    public async Task ExecuteAsync(JsonElement step, RecipeContext context, CancellationToken cancellationToken)
    {
        foreach (var entry in Array(step, "states"))
        {
            var state = await organizations.FindByCodeAsync(Text(entry, "state"), cancellationToken) is { Kind: Abstractions.Security.OrganizationKind.State } s ? s
                : throw new RecipeException($"No state with code '{Text(entry, "state")}'.");
            var catalog = await programmes.CatalogAsync(state.Id, cancellationToken);
            Guid MicroCredential(string slug) => catalog.FirstOrDefault(m => m.Slug == slug)?.MicroCredentialId ?? throw new RecipeException($"No micro-credential '{slug}' is offered in {state.Name}.");
            var pathwaySlugs = new Dictionary<string, Guid>(StringComparer.Ordinal);
            foreach (var first in catalog.DistinctBy(m => m.PathwayId))
            {
                if (await pathways.PublishedAsync(first.Slug, cancellationToken) is { } version)
                {
                    pathwaySlugs[version.PathwaySlug] = version.PathwayId;
                }
            }

            Guid Pathway(string slug) => pathwaySlugs.TryGetValue(slug, out var id) ? id : throw new RecipeException($"No pathway '{slug}' is offered in {state.Name}.");

            if (entry.TryGetProperty("educatorNumber", out var number) && await db.Set<StateSettings>().FindAsync([state.Id], cancellationToken) == null)
            {
                db.Add(new StateSettings { StateId = state.Id, EducatorNumberPattern = ProgrammeService.Whole(Text(number, "pattern")), EducatorNumberHint = Text(number, "hint") });
            }

            foreach (var issuer in Array(entry, "trustedIssuers"))
            {
                var url = Text(issuer, "url");
                if (!await db.Set<TrustedIssuer>().AnyAsync(t => t.StateId == state.Id && t.IssuerUrl == url, cancellationToken))
                {
                    db.Add(new TrustedIssuer { StateId = state.Id, IssuerUrl = url, Name = Text(issuer, "name"), AddedAt = clock.GetUtcNow().UtcDateTime });
                }
            }

            foreach (var programme in Array(entry, "programs", "programmes"))
            {
                var name = Text(programme, "name");
                if (await db.Set<Programme>().AnyAsync(p => p.StateId == state.Id && p.Name == name, cancellationToken))
                {
                    continue;
                }

                var kind = Enum.TryParse<ProgrammeKind>(Text(programme, "kind"), out var k) ? k : throw new RecipeException($"Program '{name}': kind is Renewal or Advancement.");
                var rules = programme.GetProperty("rules");
                object parsed;
                try
                {
                    parsed = kind == ProgrammeKind.Renewal
                        ? ProgrammeService.Check(rules.Deserialize<RenewalRules>(ProgrammeService.RulesJson)!)
                        : ProgrammeService.Check(new AdvancementRules(Text(rules, "stepName"), Array(rules, "pathways").Select(p => Pathway(p.GetString()!)).Distinct().ToList(),
                            Array(rules, "microCredentials").Select(m => MicroCredential(m.GetString()!)).ToList(),
                            Enum.TryParse<ApprovalBy>(rules.TryGetProperty("approval", out var a) ? a.GetString() : "State", out var by) ? by : ApprovalBy.State));
                }
                catch (Exception problem) when (problem is JsonException or RuleException)
                {
                    throw new RecipeException($"Program '{name}': {problem.Message}");
                }

                var monthsAgo = programme.TryGetProperty("effectiveMonthsAgo", out var m) && m.TryGetInt32(out var months) ? months : 0;
                var created = new Programme { StateId = state.Id, Kind = kind, Name = name, Description = programme.TryGetProperty("description", out var d) ? d.GetString() ?? "" : "", CreatedAt = clock.GetUtcNow().UtcDateTime };
                db.Add(created);
                db.Add(new ProgrammeVersion
                {
                    ProgrammeId = created.Id, Number = 1, EffectiveFrom = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddMonths(-monthsAgo),
                    RulesJson = JsonSerializer.Serialize(parsed, parsed.GetType(), ProgrammeService.RulesJson), CreatedAt = clock.GetUtcNow().UtcDateTime,
                });
            }

            await db.SaveChangesAsync(cancellationToken);
            foreach (var endorse in Array(entry, "endorse"))
            {
                // Signed after the recipe, by the outbox: making the state's first key writes the key ring, which cannot wait on the recipe's transaction.
                var slug = Text(endorse, "microCredential");
                var item = catalog.FirstOrDefault(c => c.Slug == slug) ?? throw new RecipeException($"No micro-credential '{slug}' is offered in {state.Name}.");
                var by = endorse.TryGetProperty("by", out var b) && await people.FindByEmailAsync(b.GetString()!, cancellationToken) is { } reviewer ? reviewer.Id : Guid.Empty;
                events.Add(new RecipeEndorsementQueued(state.Id, item.MicroCredentialId, item.Slug, item.Title, Text(endorse, "comment"), by));
            }

            foreach (var licence in Array(entry, "licenses", "licences"))
            {
                var person = await PersonAsync(Text(licence, "person"), cancellationToken);
                if (!await db.Set<EducatorLicence>().AnyAsync(l => l.StateId == state.Id && l.PersonId == person.Id, cancellationToken))
                {
                    var years = licence.TryGetProperty("licensedYearsAgo", out var y) && y.TryGetInt32(out var n) ? n : 1;
                    db.Add(new EducatorLicence
                    {
                        StateId = state.Id, PersonId = person.Id, EducatorNumber = Text(licence, "number"),
                        LicensedOn = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddYears(-years), UpdatedAt = clock.GetUtcNow().UtcDateTime,
                    });
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            foreach (var apply in Array(entry, "applications"))
            {
                var person = await PersonAsync(Text(apply, "person"), cancellationToken);
                var programmeName = Text(apply, "program", "programme");
                var programme = await db.Set<Programme>().AsNoTracking().FirstOrDefaultAsync(p => p.StateId == state.Id && p.Name == programmeName, cancellationToken)
                    ?? throw new RecipeException($"No program '{programmeName}' in {state.Name}.");
                if (await db.Set<RecognitionApplication>().AnyAsync(a => a.PersonId == person.Id && a.ProgrammeId == programme.Id, cancellationToken))
                {
                    continue;
                }

                // The credentials a recipe's passed submissions earn are issued by the outbox after the recipe: the application follows them.
                events.Add(new RecipeApplicationQueued(person.Id, programme.Id, Array(apply, "credentials").Select(c => MicroCredential(c.GetString()!)).ToList(),
                    apply.TryGetProperty("note", out var note) ? note.GetString() : null));
            }

            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private async Task<PersonInfo> PersonAsync(string email, CancellationToken cancellationToken) =>
        await people.FindByEmailAsync(email, cancellationToken) ?? throw new RecipeException($"No person with email '{email}'.");

    /// <param name="oldName">The key's earlier (British) spelling, read when the new one is absent.</param>
    private static IEnumerable<JsonElement> Array(JsonElement element, string name, string? oldName = null) =>
        Property(element, name, oldName, out var value) && value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : [];

    private static string Text(JsonElement element, string name, string? oldName = null) =>
        Property(element, name, oldName, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : throw new RecipeException($"\"{name}\" is required.");

    private static bool Property(JsonElement element, string name, string? oldName, out JsonElement value) =>
        element.TryGetProperty(name, out value) || (oldName != null && element.TryGetProperty(oldName, out value));
}

/// <summary>A recipe's endorsement, signed once the recipe is done.</summary>
public sealed record RecipeEndorsementQueued(Guid StateId, Guid MicroCredentialId, string Slug, string Title, string Comment, Guid By) : IDomainEvent;

/// <summary>Signs a recipe's endorsement, unless the state already endorses the micro-credential.</summary>
internal sealed class EndorseAfterRecipe(IEndorsements endorsements) : IEventHandler<RecipeEndorsementQueued>
{
    public async Task HandleAsync(RecipeEndorsementQueued queued, CancellationToken cancellationToken)
    {
        if ((await endorsements.ByEndorserAsync(queued.StateId, cancellationToken)).Any(e => e.MicroCredentialId == queued.MicroCredentialId && e.WithdrawnAt == null))
        {
            return;
        }

        var outcome = await endorsements.EndorseAsync(queued.StateId, queued.MicroCredentialId, queued.Slug, queued.Title, queued.Comment, queued.By, cancellationToken);
        if (outcome.Refused is { } refused)
        {
            throw new InvalidOperationException(refused);
        }
    }
}

/// <summary>A recipe's application, made once the credentials it names are issued.</summary>
public sealed record RecipeApplicationQueued(Guid PersonId, Guid ProgrammeId, IReadOnlyList<Guid> MicroCredentialIds, string? Note) : IDomainEvent;

/// <summary>Makes a recipe's application; while a credential it names is not issued yet, fails so the outbox tries again later.</summary>
internal sealed class ApplyWhenIssued(PLBadgesDbContext db, IPeopleDirectory people, EducatorLicences licences, ApplicationCandidates candidates, ApplicationService applications, ProgrammeService programmes) : IEventHandler<RecipeApplicationQueued>
{
    public async Task HandleAsync(RecipeApplicationQueued queued, CancellationToken cancellationToken)
    {
        if (await db.Set<RecognitionApplication>().AnyAsync(a => a.PersonId == queued.PersonId && a.ProgrammeId == queued.ProgrammeId, cancellationToken))
        {
            return;
        }

        var applicant = await licences.ApplicantAsync(queued.PersonId, await people.RolesOfAsync(queued.PersonId, cancellationToken), cancellationToken)
            ?? throw new InvalidOperationException($"Person {queued.PersonId} applies to no state.");
        var view = await programmes.ProgrammeAsync(queued.ProgrammeId, cancellationToken) ?? throw new InvalidOperationException($"No program {queued.ProgrammeId}.");
        var offered = await candidates.CandidatesAsync(applicant, view.Renewal.LastOrDefault()?.Rules, queued.ProgrammeId, cancellationToken);
        var picked = offered.Where(c => c.MicroCredentialId is { } id && queued.MicroCredentialIds.Contains(id)).ToList();
        if (picked.Select(c => c.MicroCredentialId).Distinct().Count() < queued.MicroCredentialIds.Distinct().Count())
        {
            throw new InvalidOperationException("Not every credential the application names is issued yet; the outbox tries again.");
        }

        await applications.ApplyAsync(applicant, queued.ProgrammeId, picked.Select(c => c.Key).ToList(), [], queued.Note, cancellationToken);
    }
}
