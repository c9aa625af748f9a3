using Microsoft.EntityFrameworkCore;

namespace PLBadges.Recognition.StateCredit;

/// <summary>The state credit tables in the shared model.</summary>
internal static class StateCreditModel
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<StateProfile>(e =>
        {
            e.ToTable("StateProfiles");
            e.HasKey(p => p.Id);
            e.Property(p => p.Code).HasMaxLength(40);
            e.Property(p => p.Name).HasMaxLength(200);
            e.Property(p => p.Jurisdiction).HasMaxLength(2);
            e.HasIndex(p => p.Code).IsUnique();
            e.HasIndex(p => p.Name).IsUnique();
        });
        model.Entity<StateProfileVersion>(e =>
        {
            e.ToTable("StateProfileVersions");
            e.HasKey(v => v.Id);
            e.Property(v => v.DefinitionJson).HasMaxLength(100_000);
            e.HasIndex(v => new { v.ProfileId, v.Number }).IsUnique();
            e.HasOne<StateProfile>().WithMany().HasForeignKey(v => v.ProfileId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<StateProfileChoice>(e =>
        {
            e.ToTable("StateProfileChoices");
            e.HasKey(c => c.StateId);
            e.HasOne<StateProfile>().WithMany().HasForeignKey(c => c.ProfileId).OnDelete(DeleteBehavior.Restrict);
        });
        model.Entity<ProviderIdentity>(e =>
        {
            e.ToTable("StateProviderIdentities");
            e.HasKey(p => new { p.OrganizationId, p.ProfileId });
            e.Property(p => p.ProviderName).HasMaxLength(200);
            e.Property(p => p.ProviderNumber).HasMaxLength(40);
            e.HasOne<StateProfile>().WithMany().HasForeignKey(p => p.ProfileId).OnDelete(DeleteBehavior.Restrict);
        });
        model.Entity<CreditChoice>(e =>
        {
            e.ToTable("StateCreditChoices");
            e.HasKey(c => new { c.DistrictId, c.ProfileId, c.MicroCredentialId });
            e.Property(c => c.Basis).HasConversion<string>().HasMaxLength(16);
        });
        model.Entity<SignOffDelegate>(e =>
        {
            e.ToTable("StateSignOffDelegates");
            e.HasKey(d => new { d.SchoolId, d.PersonId });
            e.HasIndex(d => d.PersonId);
            e.HasIndex(d => d.DistrictId);
        });
        model.Entity<StateEducatorId>(e =>
        {
            e.ToTable("StateEducatorIds");
            e.HasKey(i => new { i.PersonId, i.Jurisdiction });
            e.Property(i => i.Jurisdiction).HasMaxLength(2);
            e.Property(i => i.Value).HasMaxLength(40);
            e.Property(i => i.LicenseArea).HasMaxLength(20);
            e.HasIndex(i => new { i.Jurisdiction, i.Value }).IsUnique();
        });
        model.Entity<SignOff>(e =>
        {
            e.ToTable("StateSignOffs");
            e.HasKey(s => s.Id);
            e.Property(s => s.EducatorName).HasMaxLength(200);
            e.Property(s => s.SignedByName).HasMaxLength(200);
            e.Property(s => s.Code).HasMaxLength(16);
            e.Property(s => s.WithdrawalReason).HasMaxLength(SignOffs.MaxReasonLength);
            e.HasIndex(s => s.Code).IsUnique();
            e.HasIndex(s => new { s.DistrictId, s.ProfileId, s.SignedAt });
            e.HasIndex(s => s.PersonId);
        });
        model.Entity<SignOffItem>(e =>
        {
            e.ToTable("StateSignOffItems");
            e.HasKey(i => i.Id);
            e.Property(i => i.Id).ValueGeneratedOnAdd();
            e.Property(i => i.Jurisdiction).HasMaxLength(2);
            e.Property(i => i.EducatorName).HasMaxLength(200);
            e.Property(i => i.ItemKey).HasMaxLength(600);
            e.Property(i => i.DedupeKey).HasMaxLength(64);
            e.Property(i => i.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(i => i.Title).HasMaxLength(300);
            e.Property(i => i.Summary).HasMaxLength(1000);
            e.Property(i => i.Hours).HasPrecision(10, 2);
            e.Property(i => i.Units).HasPrecision(10, 2);
            e.Property(i => i.UnitName).HasMaxLength(40);
            e.Property(i => i.Basis).HasConversion<string>().HasMaxLength(16);
            e.Property(i => i.Category).HasMaxLength(100);
            e.Property(i => i.CredentialUrl).HasMaxLength(600);
            e.Property(i => i.Code).HasMaxLength(16);
            e.HasIndex(i => i.Code).IsUnique();
            e.HasIndex(i => i.SignOffId);
            e.HasIndex(i => i.DedupeKey);
            e.HasIndex(i => new { i.PersonId, i.DistrictId });
            // An export reads a profile's items in key order, a batch at a time, leaving out those sent.
            e.HasIndex(i => new { i.ProfileId, i.Id });
            e.HasOne<SignOff>().WithMany().HasForeignKey(i => i.SignOffId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<SentItem>(e =>
        {
            e.ToTable("StateExportSentItems");
            // An item is sent once: the key says so, and answers "not sent yet" and "sent before" with one look-up each.
            e.HasKey(s => s.ItemId);
            e.Property(s => s.ItemId).ValueGeneratedNever();
            e.HasIndex(s => s.ExportId);
        });
        model.Entity<StateExport>(e =>
        {
            e.ToTable("StateExports");
            e.HasKey(x => x.Id);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.CreatedByName).HasMaxLength(200);
            e.Property(x => x.FileKey).HasMaxLength(100);
            e.Property(x => x.FileName).HasMaxLength(200);
            e.Property(x => x.RefusalsKey).HasMaxLength(100);
            e.HasIndex(x => new { x.OrganizationId, x.CreatedAt });
        });
    }
}
