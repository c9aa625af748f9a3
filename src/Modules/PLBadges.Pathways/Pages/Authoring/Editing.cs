using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Security;
using PLBadges.Data;
using PLBadges.Pathways.Catalog;
using PLBadges.Pathways.Content;
using PLBadges.Pathways.Contracts;

namespace PLBadges.Pathways.Pages.Authoring;

/// <summary>What the authoring pages share: who may edit what, and reading an author's text.</summary>
internal static class Editing
{
    /// <summary>Shared content is edited by platform admins only; a district's own by that district's authors.</summary>
    public static bool MayEdit(AccessScope scope, Guid? owner) => owner == null ? scope.All : scope.Contains(owner.Value);

    /// <summary>
    /// Reads a micro-credential's text as the seed files are read, against the resources its owner may
    /// link (shared ones and the owner's own). A mistake becomes a model error naming the line, and null.
    /// </summary>
    public static async Task<(string Slug, MicroCredentialContent Content)?> ParseAsync(PLBadgesDbContext db, Guid? owner, string text, ModelStateDictionary modelState, string field, CancellationToken cancellationToken)
    {
        var resources = (await db.Set<Resource>().Where(r => r.OwnerOrganizationId == null || r.OwnerOrganizationId == owner).Select(r => r.Slug).ToListAsync(cancellationToken)).ToHashSet();
        try
        {
            var (file, content) = SeedContent.ParseMicroCredential(text, "line", resources);
            return (file.Slug!, content);
        }
        catch (SeedContentException ex)
        {
            modelState.AddModelError(field, ex.Message.StartsWith("line:", StringComparison.Ordinal) ? "Line " + ex.Message[5..] : ex.Message);
            return null;
        }
    }

    /// <summary>True when credentials issued for the content would be valid; otherwise each reason is a model error at the field.</summary>
    public static bool Publishable(Publishing publishing, string slug, MicroCredentialContent content, ModelStateDictionary modelState, string field)
    {
        foreach (var problem in publishing.Problems(slug, content))
        {
            modelState.AddModelError(field, problem);
        }

        return modelState.IsValid;
    }
}
