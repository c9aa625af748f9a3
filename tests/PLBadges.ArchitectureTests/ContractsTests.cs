namespace PLBadges.ArchitectureTests;

/// <summary>Rule 4: what a module shows other modules (its Contracts) is interfaces, records and enums only.</summary>
public class ContractsTests
{
    [Fact]
    public void Module_contracts_are_interfaces_records_or_enums()
    {
        var results = Solution.Modules.Select(Rules.ContractsAreInterfacesRecordsOrEnums).ToList();

        Assert.True(results.Sum(r => r.TypesChecked) > 0, "No Contracts types were found in any module, so the rule checked nothing.");
        Assert.True(results.All(r => r.Passed), string.Join(Environment.NewLine, results.Where(r => !r.Passed)));
    }

    [Fact]
    public void Known_bad_a_mutable_class_in_contracts_fails()
    {
        var result = Rules.ContractsAreInterfacesRecordsOrEnums(Solution.BadModule);

        Assert.False(result.Passed, "The broken fixture has a plain mutable class in its Contracts, so rule 4 must fail: " + result);
        // Exactly the class: its interface, record class, record struct and enum neighbours are fine.
        Assert.Equal(["PLBadges.BadModule.Contracts.BadgeDraft"], result.OffendingTypes);
        Assert.Equal(5, result.TypesChecked);
    }
}
