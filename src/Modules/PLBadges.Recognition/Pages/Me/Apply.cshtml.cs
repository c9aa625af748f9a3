using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PLBadges.Abstractions.Rules;
using PLBadges.Abstractions.Security;
using PLBadges.Recognition.Applications;
using PLBadges.Recognition.Programmes;
using PLBadges.Recognition.Rules;

namespace PLBadges.Recognition.Pages.Me;

/// <summary>/me/recognition/apply/{programme}: pick credentials and hours, upload credentials from elsewhere, and apply.</summary>
[RequirePermission(RecognitionPermissions.Names.Apply)]
public sealed class ApplyModel(EducatorLicences licences, ApplicationCandidates candidates, ApplicationService applications, ProgrammeService programmes) : PageModel, IRefusablePage
{
    [BindProperty(SupportsGet = true)]
    public Guid ProgrammeId { get; set; }

    internal Applicant? Applicant { get; private set; }

    internal ProgrammeView? Programme { get; private set; }

    public RenewalRules? Renewal { get; private set; }

    public AdvancementRules? Advancement { get; private set; }

    public IReadOnlyList<Candidate> Candidates { get; private set; } = [];

    /// <summary>What is already in an application of this programme waiting for review: shown, not brought again.</summary>
    public IReadOnlySet<string> Pending { get; private set; } = new HashSet<string>();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await ReloadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string[]? picked, List<IFormFile>? uploads, string? note, CancellationToken cancellationToken)
    {
        if (!await ReloadAsync(cancellationToken))
        {
            return NotFound();
        }

        var files = await FormUploads.ReadAsync(uploads, cancellationToken);
        var application = await applications.ApplyAsync(Applicant!, ProgrammeId, picked ?? [], files, note, cancellationToken);
        return Redirect($"/me/recognition/{application.Id}");
    }

    public async Task<bool> ReloadAsync(CancellationToken cancellationToken)
    {
        var programmeId = ProgrammeId;
        Applicant = await licences.ApplicantAsync(cancellationToken);
        Programme = await programmes.ProgrammeAsync(programmeId, cancellationToken);
        if (Applicant == null || Programme == null || Programme.Programme.StateId != Applicant.State.Id || Programme.InEffect(programmes.Today) is not { } version)
        {
            return false;
        }

        Renewal = Programme.Renewal.FirstOrDefault(v => v.Number == version.Number)?.Rules;
        Advancement = Programme.Advancement.FirstOrDefault(v => v.Number == version.Number)?.Rules;
        Candidates = await candidates.CandidatesAsync(Applicant, Renewal, programmeId, cancellationToken);
        Pending = await candidates.PendingKeysAsync(Applicant.Person.Id, programmeId, cancellationToken);
        return true;
    }

    public static string Describe(RenewalRules rules) =>
        $"{rules.UnitsNeeded:0.##} {rules.UnitName} renew a license every {rules.CycleYears} year{(rules.CycleYears == 1 ? "" : "s")}. "
        + (rules.Basis == UnitBasis.PerCredential ? $"Each recognized micro-credential counts {rules.UnitsPerCredential:0.##} {rules.UnitName}" : $"Each recognized micro-credential counts its hours as {rules.UnitName}")
        + (rules.CredentialCap is { } cap ? $", at most {cap:0.##} per cycle. " : ". ")
        + (rules.CoachingCounts ? $"Coaching hours count{(rules.CoachingCap is { } c ? $" (at most {c:0.##})" : "")}. " : "Coaching hours do not count. ")
        + (rules.AcademyCounts ? $"Academy attendance counts{(rules.AcademyCap is { } a ? $" (at most {a:0.##})" : "")}." : "Academy attendance does not count.");
}
