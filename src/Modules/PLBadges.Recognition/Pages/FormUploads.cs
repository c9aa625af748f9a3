using Microsoft.AspNetCore.Http;
using PLBadges.Abstractions.Display;
using PLBadges.Abstractions.Rules;
using PLBadges.Recognition.Applications;

namespace PLBadges.Recognition.Pages;

/// <summary>Files a form sent with an application: credentials or badge images to check, at most 1 MB each.</summary>
internal static class FormUploads
{
    /// <summary>Reads uploaded files (at most 1 MB each) into uploads.</summary>
    internal static async Task<IReadOnlyList<Upload>> ReadAsync(IEnumerable<IFormFile>? files, CancellationToken cancellationToken)
    {
        var list = new List<Upload>();
        foreach (var file in (files ?? []).Where(f => f.Length > 0))
        {
            var name = DisplayText.Clean(Path.GetFileName(file.FileName));
            if (file.Length > 1024 * 1024)
            {
                throw new RuleException($"{name} is larger than the 1 MB a credential or badge image may be.");
            }

            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, cancellationToken);
            list.Add(new Upload(name, file.ContentType, buffer.ToArray()));
        }

        return list;
    }
}
