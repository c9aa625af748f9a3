using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Recipes;
using PLBadges.Data;
using PLBadges.Organizations.Contracts;
using PLBadges.Pathways.Catalog;
using PLBadges.Pathways.Content;

namespace PLBadges.Pathways.Recipes;

/// <summary>
/// "Pathways": { "source": "seed-content", "offerTo": ["district-code", ...] } loads the pathways,
/// micro-credentials and resources of a seed-content folder as shared content (an upsert by slug;
/// changed micro-credential content becomes a new version), and has the named districts offer them.
/// </summary>
internal sealed class PathwaysRecipeStep(PLBadgesDbContext db, Publishing publishing, IOrganizationDirectory organizations, TimeProvider clock) : IRecipeStep
{
    public string Name => "Pathways";

    public async Task ExecuteAsync(JsonElement step, RecipeContext context, CancellationToken cancellationToken)
    {
        var source = step.TryGetProperty("source", out var s) && s.GetString() is { } text ? text : "seed-content";
        var folder = ResolveFolder(source, context);
        SeedLibrary library;
        try
        {
            library = SeedContent.Read(folder);
        }
        catch (SeedContentException ex)
        {
            throw new RecipeException($"Seed content in {folder}: {ex.Message}", ex);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var seed in library.Resources)
        {
            await UpsertResourceAsync(seed, now, cancellationToken);
        }

        var pathways = new List<Pathway>();
        foreach (var seed in library.Pathways)
        {
            pathways.Add(await UpsertPathwayAsync(seed, now, cancellationToken));
        }

        if (step.TryGetProperty("offerTo", out var offerTo))
        {
            foreach (var code in offerTo.EnumerateArray().Select(e => e.GetString() ?? ""))
            {
                var district = await organizations.FindByCodeAsync(code, cancellationToken);
                if (district?.Kind != Abstractions.Security.OrganizationKind.District)
                {
                    throw new RecipeException($"offerTo names '{code}', which is not a district.");
                }

                foreach (var pathway in pathways)
                {
                    var pathwayId = pathway.Id;
                    if (!await db.Set<PathwayOffer>().AnyAsync(o => o.DistrictId == district.Id && o.PathwayId == pathwayId, cancellationToken))
                    {
                        db.Set<PathwayOffer>().Add(new PathwayOffer { DistrictId = district.Id, PathwayId = pathwayId, OfferedAt = now });
                    }
                }
            }
        }
    }

    private async Task UpsertResourceAsync(SeedResource seed, DateTime now, CancellationToken cancellationToken)
    {
        var resource = await db.Set<Resource>().FirstOrDefaultAsync(r => r.Slug == seed.Slug && r.OwnerOrganizationId == null, cancellationToken);
        if (resource == null)
        {
            resource = new Resource { Slug = seed.Slug, Title = seed.Title, Url = seed.Url, CreatedAt = now, UpdatedAt = now };
            db.Set<Resource>().Add(resource);
        }

        resource.Title = seed.Title;
        resource.Summary = seed.Summary;
        resource.Url = seed.Url;
        resource.Type = seed.Type;
        resource.FocusArea = seed.FocusArea;
        resource.GradeBands = ResourceFields.Join(seed.GradeBands);
        resource.Tags = ResourceFields.Join(seed.Tags);
        resource.Minutes = seed.Minutes;
        if (db.Entry(resource).State == EntityState.Modified)
        {
            resource.UpdatedAt = now;
        }
    }

    private async Task<Pathway> UpsertPathwayAsync(SeedPathway seed, DateTime now, CancellationToken cancellationToken)
    {
        var pathway = await db.Set<Pathway>().FirstOrDefaultAsync(p => p.Slug == seed.Slug && p.OwnerOrganizationId == null, cancellationToken);
        if (pathway == null)
        {
            pathway = new Pathway { Slug = seed.Slug, Title = seed.Title, CreatedAt = now, UpdatedAt = now };
            db.Set<Pathway>().Add(pathway);
        }

        pathway.Title = seed.Title;
        pathway.Summary = seed.Summary;
        pathway.FocusArea = seed.FocusArea;
        pathway.Color = seed.Color;
        pathway.Icon = seed.Icon;
        pathway.Body = seed.Body;
        pathway.CapstoneTitle = seed.CapstoneTitle;
        pathway.CapstoneDescription = seed.CapstoneDescription;
        pathway.Status = ContentStatus.Published;
        if (db.Entry(pathway).State == EntityState.Modified)
        {
            pathway.UpdatedAt = now;
        }

        var position = 0;
        foreach (var seedCredential in seed.MicroCredentials)
        {
            position++;
            var credential = await db.Set<MicroCredential>().FirstOrDefaultAsync(m => m.Slug == seedCredential.Slug, cancellationToken);
            if (credential == null)
            {
                credential = new MicroCredential { Slug = seedCredential.Slug, CreatedAt = now, UpdatedAt = now };
                db.Set<MicroCredential>().Add(credential);
            }
            else if (credential.OwnerOrganizationId != null)
            {
                throw new RecipeException($"{seedCredential.File}: the slug '{seedCredential.Slug}' belongs to a district's own micro-credential.");
            }

            credential.PathwayId = pathway.Id;
            credential.Position = position;
            try
            {
                await publishing.PublishAsync(credential, seedCredential.Content, null, cancellationToken);
            }
            catch (PublishingRefusedException refused)
            {
                throw new RecipeException($"{seedCredential.File}: {refused.Message}");
            }
        }

        return pathway;
    }

    private static string ResolveFolder(string source, RecipeContext context)
    {
        if (Path.IsPathRooted(source))
        {
            return source;
        }

        var besideHost = Path.Combine(AppContext.BaseDirectory, source);
        if (Directory.Exists(besideHost) || context.ContentRoot == null)
        {
            return besideHost;
        }

        return Path.GetFullPath(Path.Combine(context.ContentRoot, "..", source));
    }
}

internal static class ResourceFields
{
    public static string Join(IEnumerable<string> values) => "|" + string.Join("|", values.Select(v => v.Trim()).Where(v => v.Length > 0)) + (values.Any() ? "|" : "");

    public static IReadOnlyList<string> Split(string stored) => stored.Split('|', StringSplitOptions.RemoveEmptyEntries);
}
