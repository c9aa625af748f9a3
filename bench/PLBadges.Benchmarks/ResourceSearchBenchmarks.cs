using BenchmarkDotNet.Attributes;
using PLBadges.Pathways.Resources;

namespace PLBadges.Benchmarks;

/// <summary>The resource index over 10,000 resources: what one search costs, before the page around it.</summary>
[MemoryDiagnoser]
public class ResourceSearchBenchmarks
{
    private ResourceIndex index = null!;

    [GlobalSetup]
    public void Setup() => index = new ResourceIndex(Generated.Resources(10_000));

    [Benchmark(Baseline = true)]
    public ResourceResults OneWord() => index.Search(new ResourceQuery("monitoring"));

    [Benchmark]
    public ResourceResults TwoWordsWithTypos() => index.Search(new ResourceQuery("progres monitorng"));

    [Benchmark]
    public ResourceResults FilteredNoText() => index.Search(new ResourceQuery(Type: "guide", GradeBand: "3-5"));

    [Benchmark]
    public ResourceResults EverythingFirstPage() => index.Search(new ResourceQuery());

    [Benchmark]
    public ResourceIndex BuildIndex() => new(Generated.Resources(10_000));
}
