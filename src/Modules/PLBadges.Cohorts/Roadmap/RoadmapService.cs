using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Rules;
using PLBadges.Abstractions.Security;
using PLBadges.Abstractions.Values;
using PLBadges.Cohorts.Academy;
using PLBadges.Cohorts.Waves;
using PLBadges.Data;
using PLBadges.Identity.Contracts;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Cohorts.Roadmap;

/// <summary>Something a milestone can link to, as the page offers it: "Cohort:{id}", "Wave:{id}" or "Rollout:{school id}".</summary>
public sealed record LinkTarget(MilestoneLink Kind, Guid Id, string Name, string Href, DateOnly? Date)
{
    public string Value => $"{Kind}:{Id}";
}

/// <summary>
/// A district's roadmap: started from <see cref="RoadmapTemplate"/> (linked at once to the
/// district's academies, waves and rollout dates where they exist), then changed milestone by
/// milestone by the district's admins. Refusals throw <see cref="RuleException"/>.
/// </summary>
public sealed class RoadmapService(PLBadgesDbContext db, IAccessControl access, IOrganizationDirectory organizations, IPeopleDirectory people, CohortService cohorts, TimeProvider clock)
{
    internal async Task<IReadOnlyList<RoadmapMilestone>> MilestonesAsync(Guid districtId, CancellationToken cancellationToken) =>
        await db.Set<RoadmapMilestone>().AsNoTracking().Where(m => m.DistrictId == districtId).OrderBy(m => m.DueOn).ThenBy(m => m.Title).ToListAsync(cancellationToken);

    /// <summary>Starts the district's roadmap from the template, year 0 beginning on the given day; refused when it already has one.</summary>
    internal async Task<int> StartAsync(Guid districtId, DateOnly? beginsOn, CancellationToken cancellationToken)
    {
        await EnsureManagesAsync(districtId, cancellationToken);
        if (beginsOn is not { } start)
        {
            throw new RuleException("Give the day year 0 begins.");
        }

        if (FieldRanges.Check(DateField.AcademySession, start, "The day year 0 begins") is { } outside)
        {
            throw new RuleException(outside);
        }

        if (await db.Set<RoadmapMilestone>().AnyAsync(m => m.DistrictId == districtId, cancellationToken))
        {
            throw new RuleException("The district's roadmap has already begun; change its milestones instead.");
        }

        return await FromTemplateAsync(districtId, start, cancellationToken);
    }

    /// <summary>Adds the template's milestones to the district's roadmap, linked to its academies, waves and rollouts (the caller has checked who asks).</summary>
    internal async Task<int> FromTemplateAsync(Guid districtId, DateOnly start, CancellationToken cancellationToken)
    {
        var targets = await TargetsAsync(districtId, cancellationToken);
        var academies = targets.Where(t => t.Kind == MilestoneLink.Cohort).OrderBy(t => t.Date ?? DateOnly.MaxValue).ToList();
        var waves = targets.Where(t => t.Kind == MilestoneLink.Wave).ToList();
        var rollouts = targets.Where(t => t.Kind == MilestoneLink.Rollout).OrderBy(t => t.Date).ToList();
        foreach (var template in RoadmapTemplate.Milestones)
        {
            var link = template.Link switch
            {
                TemplateLink.FirstAcademy => academies.FirstOrDefault(),
                TemplateLink.LatestAcademy => academies.Count > 1 ? academies[^1] : null,
                TemplateLink.Wave1 => waves.ElementAtOrDefault(0),
                TemplateLink.Wave2 => waves.ElementAtOrDefault(1),
                TemplateLink.Wave3 => waves.ElementAtOrDefault(2),
                TemplateLink.EarliestRollout => rollouts.FirstOrDefault(),
                TemplateLink.LatestRollout => rollouts.Count > 1 ? rollouts[^1] : null,
                _ => null,
            };
            db.Add(new RoadmapMilestone
            {
                DistrictId = districtId,
                Year = RoadmapTemplate.YearOf(link?.Date is { } date ? Readiness.YearAhead.WholeMonthsBetween(start, date) : template.Month),
                Title = template.Title,
                Description = template.Description,
                SuggestedOwner = template.Owner,
                DueOn = link?.Date ?? start.AddMonths(template.Month),
                Link = link?.Kind ?? MilestoneLink.None,
                LinkId = link?.Id,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        return RoadmapTemplate.Milestones.Count;
    }

    /// <summary>Adds a milestone of the district's own.</summary>
    internal async Task AddAsync(Guid districtId, string? title, int? year, DateOnly? dueOn, Guid? ownerId, string? link, CancellationToken cancellationToken)
    {
        await EnsureManagesAsync(districtId, cancellationToken);
        title = title?.Trim();
        if (string.IsNullOrEmpty(title) || title.Length > 200)
        {
            throw new RuleException("Give the milestone a title of at most 200 characters.");
        }

        if (year is not (>= 0 and <= 3))
        {
            throw new RuleException("Choose the roadmap year, 0 to 3.");
        }

        if (await db.Set<RoadmapMilestone>().AnyAsync(m => m.DistrictId == districtId && m.Title == title, cancellationToken))
        {
            throw new RuleException($"The roadmap already has a milestone called {title}.");
        }

        var milestone = new RoadmapMilestone { DistrictId = districtId, Year = year.Value, Title = title };
        await ApplyAsync(milestone, dueOn, ownerId, link, cancellationToken);
        db.Add(milestone);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Changes a milestone's due day, owner and link.</summary>
    internal async Task UpdateAsync(Guid milestoneId, DateOnly? dueOn, Guid? ownerId, string? link, CancellationToken cancellationToken)
    {
        var milestone = await ManagedAsync(milestoneId, cancellationToken);
        await ApplyAsync(milestone, dueOn, ownerId, link, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Marks a milestone done today, or open again.</summary>
    internal async Task MarkAsync(Guid milestoneId, bool done, CancellationToken cancellationToken)
    {
        var milestone = await ManagedAsync(milestoneId, cancellationToken);
        var zone = await cohorts.ZoneAsync(milestone.DistrictId, cancellationToken);
        milestone.DoneOn = done ? DateOnly.FromDateTime(CohortService.ToLocal(zone, clock.GetUtcNow().UtcDateTime)) : null;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The district's academies, waves and schools' rollouts, as milestones can link to them.</summary>
    internal async Task<IReadOnlyList<LinkTarget>> TargetsAsync(Guid districtId, CancellationToken cancellationToken)
    {
        var zone = await cohorts.ZoneAsync(districtId, cancellationToken);
        var academies = await db.Set<Cohort>().AsNoTracking().Where(c => c.DistrictId == districtId).Select(c => new { c.Id, c.Name }).ToListAsync(cancellationToken);
        var ids = academies.Select(a => a.Id).ToList();
        var firsts = await db.Set<CohortSession>().AsNoTracking().Where(s => ids.Contains(s.CohortId)).GroupBy(s => s.CohortId)
            .Select(g => new { CohortId = g.Key, First = g.Min(s => s.StartUtc) }).ToDictionaryAsync(g => g.CohortId, g => g.First, cancellationToken);
        var waves = await db.Set<Wave>().AsNoTracking().Where(w => w.DistrictId == districtId).OrderBy(w => w.Number).ToListAsync(cancellationToken);
        var schools = (await organizations.ListAsync(await organizations.WithDescendantsAsync([districtId], cancellationToken), cancellationToken))
            .Where(o => o.Kind == OrganizationKind.School && o.DeviceRolloutDate != null).OrderBy(o => o.DeviceRolloutDate).ToList();
        return
        [
            .. academies.OrderBy(a => a.Name).Select(a => new LinkTarget(MilestoneLink.Cohort, a.Id, a.Name, $"/district/cohorts/{a.Id}",
                firsts.TryGetValue(a.Id, out var first) ? DateOnly.FromDateTime(CohortService.ToLocal(zone, first)) : null)),
            .. waves.Select(w => new LinkTarget(MilestoneLink.Wave, w.Id, $"Wave {w.Number}: {w.Name}", $"/district/waves/{w.Id}", w.StartsOn)),
            .. schools.Select(s => new LinkTarget(MilestoneLink.Rollout, s.Id, $"{s.Name} rollout", "/district/readiness",
                s.DeviceRolloutDate is { } d && Readiness.YearAhead.IsUsable(d) ? d : null)), // a stored date needing a fix gives no date to plan by
        ];
    }

    /// <summary>The people who can own milestones: the district's admins and coaches, and its schools' leaders.</summary>
    internal async Task<IReadOnlyList<PersonInfo>> OwnersAsync(Guid districtId, CancellationToken cancellationToken)
    {
        var within = await organizations.WithDescendantsAsync([districtId], cancellationToken);
        var found = new List<PersonInfo>();
        foreach (var role in new[] { Role.DistrictAdmin, Role.Coach, Role.SchoolLeader })
        {
            found.AddRange(await people.WithRoleAsync(role, within, cancellationToken));
        }

        return found.Where(p => p.IsActive).DistinctBy(p => p.Id).OrderBy(p => p.DisplayName).ToList();
    }

    private async Task ApplyAsync(RoadmapMilestone milestone, DateOnly? dueOn, Guid? ownerId, string? link, CancellationToken cancellationToken)
    {
        if (dueOn is not { } due)
        {
            throw new RuleException("Give the milestone's due day.");
        }

        if (FieldRanges.Check(DateField.AcademySession, due, "The milestone's due day") is { } outside)
        {
            throw new RuleException(outside);
        }

        if (ownerId is { } owner && !(await OwnersAsync(milestone.DistrictId, cancellationToken)).Any(p => p.Id == owner))
        {
            throw new RuleException("Choose an owner from the district's admins, coaches and school leaders.");
        }

        LinkTarget? target = null;
        if (!string.IsNullOrEmpty(link) && (target = (await TargetsAsync(milestone.DistrictId, cancellationToken)).FirstOrDefault(t => t.Value == link)) == null)
        {
            throw new RuleException("Link the milestone to one of the district's academies, waves or rollouts.");
        }

        milestone.DueOn = due;
        milestone.OwnerId = ownerId;
        milestone.Link = target?.Kind ?? MilestoneLink.None;
        milestone.LinkId = target?.Id;
    }

    private async Task<RoadmapMilestone> ManagedAsync(Guid milestoneId, CancellationToken cancellationToken) =>
        await db.Set<RoadmapMilestone>().FirstOrDefaultAsync(m => m.Id == milestoneId, cancellationToken) is { } milestone && await access.HasAsync(CohortPermissions.Manage, milestone.DistrictId, cancellationToken)
            ? milestone
            : throw new RuleException("No such milestone on a roadmap you run.");

    private async Task EnsureManagesAsync(Guid districtId, CancellationToken cancellationToken)
    {
        if (!await access.HasAsync(CohortPermissions.Manage, districtId, cancellationToken) || await organizations.GetAsync(districtId, cancellationToken) is not { Kind: OrganizationKind.District })
        {
            throw new RuleException("You do not run that district's roadmap.");
        }
    }
}
