using BenchmarkDotNet.Running;
using PLBadges.Benchmarks;

// dotnet run -c Release --project bench/PLBadges.Benchmarks -- search            BenchmarkDotNet: the resource index
// dotnet run -c Release --project bench/PLBadges.Benchmarks -- canonicalize --inProcess   BenchmarkDotNet: JSON-LD to RDFC-1.0 N-Quads of an Open Badges credential
//   (--inProcess: BenchmarkDotNet's own rebuild of this project outlasts its two-minute limit on a busy machine)
// dotnet run -c Release --project bench/PLBadges.Benchmarks -- proofs --inProcess  BenchmarkDotNet: making and checking one eddsa-rdfc-2022 proof on a credential
// dotnet run -c Release --project bench/PLBadges.Benchmarks -- pipeline --inProcess --job short  BenchmarkDotNet: a request of each kind through the host, and /health's parts alone
// dotnet run -c Release --project bench/PLBadges.Benchmarks -- verification --inProcess --job short  BenchmarkDotNet: POST /api/v1/verify of a credential issued here, and its parts
// dotnet run -c Release --project bench/PLBadges.Benchmarks -- endpoints Sqlite   timed requests through the real host
// dotnet run -c Release --project bench/PLBadges.Benchmarks -- endpoints Postgres (needs PLBADGES_TEST_POSTGRES)
// dotnet run -c Release --project bench/PLBadges.Benchmarks -- evidence Sqlite|Postgres  100,000 submissions: queue, teacher pages, autosave
// dotnet run -c Release --project bench/PLBadges.Benchmarks -- credentials Sqlite|Postgres  issuing 10,000 credentials; verify and JSON under load
// dotnet run -c Release --project bench/PLBadges.Benchmarks -- coaching Sqlite|Postgres  200,000 meetings: suggest times, the reminder sweep
// dotnet run -c Release --project bench/PLBadges.Benchmarks -- readiness Sqlite|Postgres [timed]  1,500 schools, 60,000 teachers: the readiness dashboard and CSV (200 timed requests unless given)
// dotnet run -c Release --project bench/PLBadges.Benchmarks -- typesetting        BenchmarkDotNet: a one-page certificate PDF, a 600 x 600 badge PNG from SVG
// dotnet run -c Release --project bench/PLBadges.Benchmarks -- recognition Sqlite|Postgres [timed]  1,000,000 credentials, 200,000 decisions: the licensure feed at any depth, the state dashboard
// dotnet run -c Release --project bench/PLBadges.Benchmarks -- roster Sqlite|Postgres  a OneRoster 1.2 bulk package of 300 schools, 30,000 staff, 45,000 roles: preview, import, a 500-change delta
// dotnet run -c Release --project bench/PLBadges.Benchmarks -- statecredit Sqlite|Postgres [educators]  400,000 Texas educators, 1,600,000 signed-off credentials: the record export streamed, 10,000 certificates
return args.FirstOrDefault() switch
{
    "search" => Run(() => BenchmarkRunner.Run<ResourceSearchBenchmarks>(args: args.Skip(1).ToArray())),
    "typesetting" => Run(() => BenchmarkRunner.Run<TypesettingBenchmarks>(args: args.Skip(1).ToArray())),
    "canonicalize" => Run(() => BenchmarkRunner.Run<CanonicalizationBenchmarks>(args: args.Skip(1).ToArray())),
    "proofs" => Run(() => BenchmarkRunner.Run<ProofBenchmarks>(args: args.Skip(1).ToArray())),
    "pipeline" => Run(() => BenchmarkRunner.Run<Pipeline>(args: args.Skip(1).ToArray())),
    "verification" => Run(() => BenchmarkRunner.Run<Verification>(args: args.Skip(1).ToArray())),
    "endpoints" => await CatalogEndpoints.RunAsync(args.ElementAtOrDefault(1) ?? "Sqlite"),
    "evidence" => await EvidenceEndpoints.RunAsync(args.ElementAtOrDefault(1) ?? "Sqlite"),
    "credentials" => await CredentialEndpoints.RunAsync(args.ElementAtOrDefault(1) ?? "Sqlite"),
    "coaching" => await CoachingBench.RunAsync(args.ElementAtOrDefault(1) ?? "Sqlite"),
    "readiness" => await ReadinessBench.RunAsync(args.ElementAtOrDefault(1) ?? "Sqlite", int.TryParse(args.ElementAtOrDefault(2), out var timed) ? timed : 200),
    "recognition" => await RecognitionBench.RunAsync(args.ElementAtOrDefault(1) ?? "Sqlite", int.TryParse(args.ElementAtOrDefault(2), out var count) ? count : 200),
    "roster" => await RosterBench.RunAsync(args.ElementAtOrDefault(1) ?? "Sqlite"),
    "statecredit" => await StateCreditBench.RunAsync(args.ElementAtOrDefault(1) ?? "Sqlite", int.TryParse(args.ElementAtOrDefault(2), out var educators) ? educators : 400_000),
    _ => Usage(),
};

static int Run(Action benchmark)
{
    benchmark();
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("usage: PLBadges.Benchmarks search | typesetting | canonicalize | proofs | pipeline | verification | endpoints [Sqlite|Postgres] | evidence [Sqlite|Postgres] | credentials [Sqlite|Postgres] | coaching [Sqlite|Postgres] | readiness [Sqlite|Postgres] [timed requests] | recognition [Sqlite|Postgres] [timed requests] | roster [Sqlite|Postgres] | statecredit [Sqlite|Postgres] [educators]");
    return 2;
}
