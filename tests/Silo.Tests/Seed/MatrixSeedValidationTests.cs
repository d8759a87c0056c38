using CityMatrix.Silo.Seed;

using CityMatrix.Silo.Accounts;

namespace CityMatrix.Silo.Tests.Seed;

public class MatrixSeedValidationTests
{
    private static SeedAccount Account(string id, AccountKind kind, string? parentId, string code = "6401", string? bureauId = null) =>
        new() { Id = id, DisplayName = "@" + id, Kind = kind, ParentId = parentId, BureauId = bureauId, Jurisdiction = [code] };

    private static List<SeedAccount> SoundMatrix() =>
    [
        Account("wzyc", AccountKind.Manager, null),
        Account("district-640104", AccountKind.DistrictGovernment, "wzyc", "640104"),
        Account("bureau-gongan", AccountKind.CityBureau, "wzyc"),
        Account("branch-gongan-640104", AccountKind.BureauBranch, "district-640104", "640104", "bureau-gongan"),
        Account("street-640104001", AccountKind.Street, "district-640104", "640104001"),
        Account("community-640104001002", AccountKind.Community, "street-640104001", "640104001002"),
    ];

    [Fact]
    public void A_sound_small_matrix_has_no_faults()
    {
        MatrixSeed.Validate(SoundMatrix()).ShouldBeEmpty();
    }

    [Fact]
    public void Duplicate_id_is_a_fault()
    {
        var accounts = SoundMatrix();
        accounts.Add(Account("bureau-gongan", AccountKind.CityBureau, "wzyc"));
        MatrixSeed.Validate(accounts).ShouldContain(f => f.Kind == SeedFaultKind.DuplicateId && f.AccountId == "bureau-gongan");
    }

    [Fact]
    public void Missing_parent_is_a_fault()
    {
        var accounts = SoundMatrix();
        accounts.Add(Account("street-640104002", AccountKind.Street, "district-640199", "640104002"));
        var fault = MatrixSeed.Validate(accounts).ShouldHaveSingleItem();
        fault.Kind.ShouldBe(SeedFaultKind.MissingParent);
        fault.AccountId.ShouldBe("street-640104002");
    }

    [Fact]
    public void Parent_cycle_is_a_fault_naming_its_members()
    {
        var accounts = SoundMatrix();
        accounts.Add(Account("street-a", AccountKind.Street, "community-b", "640104"));
        accounts.Add(Account("community-b", AccountKind.Community, "street-a", "640104"));
        var cycle = MatrixSeed.Validate(accounts).Where(f => f.Kind == SeedFaultKind.Cycle).ShouldHaveSingleItem();
        cycle.Message.ShouldContain("street-a");
        cycle.Message.ShouldContain("community-b");
    }

    [Fact]
    public void Branch_whose_bureau_is_not_a_city_bureau_is_a_fault()
    {
        var accounts = SoundMatrix();
        accounts.Add(Account("branch-x-640104", AccountKind.BureauBranch, "district-640104", "640104", "street-640104001"));
        MatrixSeed.Validate(accounts).ShouldContain(f => f.Kind == SeedFaultKind.WrongBureauKind && f.AccountId == "branch-x-640104");
    }

    [Fact]
    public void Community_under_a_district_instead_of_a_street_is_a_fault()
    {
        var accounts = SoundMatrix();
        accounts.Add(Account("community-640104001003", AccountKind.Community, "district-640104", "640104001003"));
        MatrixSeed.Validate(accounts).ShouldContain(f => f.Kind == SeedFaultKind.WrongParentKind);
    }

    [Fact]
    public void Street_outside_its_district_is_a_fault()
    {
        var accounts = SoundMatrix();
        accounts.Add(Account("street-640105001", AccountKind.Street, "district-640104", "640105001"));
        MatrixSeed.Validate(accounts).ShouldContain(f => f.Kind == SeedFaultKind.JurisdictionOutsideParent);
    }

    [Fact]
    public void Competence_outside_the_shared_vocabulary_is_a_fault()
    {
        var accounts = SoundMatrix();
        accounts[2] = accounts[2] with { Competence = ["治安", "打麻将"] };
        var fault = MatrixSeed.Validate(accounts).ShouldHaveSingleItem();
        fault.Kind.ShouldBe(SeedFaultKind.UnknownCompetence);
        fault.Message.ShouldContain("打麻将");
    }

    [Fact]
    public void Unknown_region_code_is_a_fault_when_a_directory_is_given()
    {
        var accounts = SoundMatrix();
        accounts.Add(Account("street-640104999", AccountKind.Street, "district-640104", "640104999"));
        MatrixSeed.Validate(accounts).ShouldBeEmpty();
        MatrixSeed.Validate(accounts, RegionDirectory.Load())
            .ShouldContain(f => f.Kind == SeedFaultKind.UnknownRegion && f.AccountId == "street-640104999");
    }

    [Fact]
    public void Parse_reads_the_camel_case_schema()
    {
        var accounts = MatrixSeed.Parse("""
            [{ "id": "wzyc", "displayName": "@问政银川", "kind": "Manager", "parentId": null, "bureauId": null,
               "jurisdiction": ["6401"], "competence": ["其他"], "active": true }]
            """);
        var account = accounts.ShouldHaveSingleItem();
        account.Kind.ShouldBe(AccountKind.Manager);
        account.Jurisdiction.ShouldBe(["6401"]);
        account.Name.ShouldBeNull();
    }

    [Theory]
    [InlineData("""[{ "id": "x", "displayName": "@x", "kind": "Mayor", "jurisdiction": ["6401"] }]""")]
    [InlineData("""[{ "displayName": "@x", "kind": "Manager", "jurisdiction": ["6401"] }]""")]
    [InlineData("""[{ "id": null, "displayName": "@x", "kind": "Manager", "jurisdiction": ["6401"] }]""")]
    [InlineData("""[null]""")]
    [InlineData("""{ "id": "x" }""")]
    [InlineData("""[{ "id": "x",""")]
    public void Malformed_seed_json_is_rejected_with_a_clear_error(string json)
    {
        Should.Throw<InvalidDataException>(() => MatrixSeed.Parse(json)).Message.ShouldContain("seed");
    }
}
