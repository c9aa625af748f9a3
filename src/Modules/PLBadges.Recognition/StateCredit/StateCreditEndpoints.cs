using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PLBadges.Abstractions.Files;

namespace PLBadges.Recognition.StateCredit;

/// <summary>
/// The downloads of state credit: certificates (to their educator and the district's signers), a district's zip of
/// certificates, and exports with their refusals (to the provider's admins). Anyone else gets 404, never the file.
/// </summary>
internal static class StateCreditEndpoints
{
    public static void MapStateCredit(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/state-credit").ExcludeFromDescription();
        group.MapGet("/items/{id:long}/certificate.pdf", async (long id, Certificates certificates, HttpContext context, CancellationToken cancellationToken) =>
            Pdf(context, await certificates.ItemAsync(id, cancellationToken)));
        group.MapGet("/sign-offs/{id:guid}/certificate.pdf", async (Guid id, Certificates certificates, HttpContext context, CancellationToken cancellationToken) =>
            Pdf(context, await certificates.SignOffAsync(id, cancellationToken)));
        group.MapGet("/credentials/{credentialId}/certificate.pdf", async (string credentialId, Guid profile, Certificates certificates, HttpContext context, CancellationToken cancellationToken) =>
            Pdf(context, await certificates.CredentialAsync(credentialId, profile, cancellationToken)));
        group.MapGet("/certificates.zip", ZipAsync);
        group.MapGet("/exports/{id:guid}/file", (Guid id, StateExports exports, IFileStore files, HttpContext context, CancellationToken cancellationToken) =>
            ExportFileAsync(id, refusals: false, exports, files, context, cancellationToken));
        group.MapGet("/exports/{id:guid}/refusals", (Guid id, StateExports exports, IFileStore files, HttpContext context, CancellationToken cancellationToken) =>
            ExportFileAsync(id, refusals: true, exports, files, context, cancellationToken));
    }

    private static IResult Pdf(HttpContext context, CertificateFile? certificate)
    {
        if (certificate == null)
        {
            return Results.NotFound();
        }

        Private(context);
        return Results.File(certificate.Pdf, "application/pdf", certificate.FileName);
    }

    /// <summary>A district's certificates of one profile, for one school or one month (<c>yyyy-MM</c>).</summary>
    private static async Task<IResult> ZipAsync(Guid district, Guid profile, Guid? school, string? month, Certificates certificates, DistrictSetup setup, HttpContext context, CancellationToken cancellationToken)
    {
        DateOnly? from = null;
        if (!string.IsNullOrEmpty(month))
        {
            if (!DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
            {
                return Results.BadRequest("The month is written yyyy-MM.");
            }

            from = first;
        }

        if ((school == null) == (from == null) || !(await setup.DistrictsAsync(cancellationToken)).Any(d => d.Id == district))
        {
            return Results.NotFound(); // a zip is per school or per month; and only for the district's own admins
        }

        Private(context);
        var name = $"certificates-{(school is { } s ? s.ToString("N")[..8] : month)}.zip";
        return Results.Stream(output => certificates.ZipAsync(output, district, profile, school, from, context.RequestAborted), "application/zip", name);
    }

    private static async Task<IResult> ExportFileAsync(Guid id, bool refusals, StateExports exports, IFileStore files, HttpContext context, CancellationToken cancellationToken)
    {
        var export = await exports.FindAsync(id, cancellationToken);
        var key = refusals ? export?.RefusalsKey : export?.FileKey;
        if (export == null || key == null || await files.FindAsync(key, cancellationToken) is not { } file)
        {
            return Results.NotFound();
        }

        var range = FileRanges.Requested(context.Request, file.Size);
        if (range is { Satisfiable: false })
        {
            context.Response.Headers.ContentRange = $"bytes */{file.Size}";
            return Results.StatusCode(StatusCodes.Status416RangeNotSatisfiable);
        }

        if (await files.OpenAsync(key, range?.Bytes, cancellationToken) is not { } content)
        {
            return Results.NotFound();
        }

        Private(context);
        var name = refusals ? export.FileName[..export.FileName.LastIndexOf('.')] + "-refused.csv" : export.FileName;
        var type = refusals || export.Kind != ExportKind.EdFi ? "text/csv; charset=utf-8" : "application/json";
        return new FileDownload(content, type, name);
    }

    private static void Private(HttpContext context)
    {
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.CacheControl = "private, no-store";
    }
}
