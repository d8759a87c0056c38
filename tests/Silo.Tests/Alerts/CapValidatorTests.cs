using System.Text.Json;
using CityMatrix.Silo.Alerts.Cap;

namespace CityMatrix.Silo.Tests.Alerts;

public sealed class CapValidatorTests
{
    [Theory]
    [MemberData(nameof(CapFixtures.Valid), MemberType = typeof(CapFixtures))]
    public void Valid_samples_have_no_faults(string file)
    {
        var faults = new CapFaults();
        var alert = CapXmlReader.Read(CapFixtures.Read(file), faults);

        alert.ShouldNotBeNull();
        faults.IsEmpty.ShouldBeTrue(faults.ToString());
        CapValidator.Validate(alert).IsEmpty.ShouldBeTrue(CapValidator.Validate(alert).ToString());
    }

    [Fact]
    public void Every_fault_of_a_bad_alert_is_named_by_its_path()
    {
        var faults = new CapFaults();
        var alert = CapXmlReader.Read(CapFixtures.Read("invalid/many-faults.xml"), faults)!;
        var all = CapValidator.Validate(alert).ToDictionary();

        all.Keys.ShouldBe([
            "identifier", "info[0].area[0].circle[0]", "info[0].area[0].circle[1]", "info[0].area[0].polygon[0]", "info[0].area[0].polygon[1]",
            "info[0].category[0]", "info[0].certainty", "info[0].expires", "info[0].responseType[0]", "info[0].severity", "info[0].urgency",
            "restriction", "sender", "sent", "status",
        ], ignoreOrder: true);
        all["sent"].Single().ShouldContain("\"Z\"");
        all["info[0].area[0].polygon[0]"].Single().ShouldContain("at least 4");
        all["info[0].area[0].polygon[1]"].Single().ShouldContain("closed");
        all["info[0].area[0].circle[1]"].Single().ShouldContain("out of range");
        all["status"].Single().ShouldContain("Actual");
    }

    [Fact]
    public void Scope_rules_references_and_structure_are_checked_together()
    {
        var faults = new CapFaults();
        var alert = CapXmlReader.Read(CapFixtures.Read("invalid/private-restricted-self.xml"), faults)!;
        var structural = faults.ToDictionary();
        var semantic = CapValidator.Validate(alert).ToDictionary();

        structural.Keys.ShouldBe(["priority", "sender"], ignoreOrder: true);
        semantic.Keys.ShouldBe(["addresses", "references", "references[1]"], ignoreOrder: true);
        semantic["references"].Single().ShouldContain("itself");
    }

    [Fact]
    public void A_document_in_another_namespace_is_not_a_cap_1_2_alert()
    {
        var faults = new CapFaults();

        CapXmlReader.Read(CapFixtures.Read("invalid/wrong-namespace.xml"), faults).ShouldBeNull();
        faults.ToDictionary()["alert"].Single().ShouldContain("urn:oasis:names:tc:emergency:cap:1.2");
    }

    [Fact]
    public void Malformed_xml_and_dtds_are_refused_without_crashing()
    {
        var broken = new CapFaults();
        var dtd = new CapFaults();

        CapXmlReader.Read("<alert", broken).ShouldBeNull();
        CapXmlReader.Read("<!DOCTYPE alert [<!ENTITY x \"y\">]><alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">&x;</alert>", dtd).ShouldBeNull();
        broken.Has("alert").ShouldBeTrue();
        dtd.Has("alert").ShouldBeTrue();
    }

    [Theory]
    [InlineData("2026-07-15T08:30:00+08:00", true)]
    [InlineData("2026-07-15T00:30:00-00:00", true)]
    [InlineData("2026-07-15T00:30:00Z", false)]
    [InlineData("2026-07-15T08:30:00", false)]
    [InlineData("2026-07-15T08:30:00.5+08:00", false)]
    [InlineData("2026-02-30T08:30:00+08:00", false)]
    public void Times_need_an_explicit_offset_and_never_z(string text, bool valid) =>
        (CapTime.Fault(text) is null).ShouldBe(valid);

    [Theory]
    [InlineData("红", "Extreme")]
    [InlineData("橙色", "Severe")]
    [InlineData("黄色预警", "Moderate")]
    [InlineData("Blue", "Minor")]
    public void Chinese_warning_colours_become_cap_severities(string colour, string severity)
    {
        var alert = CapFixtures.Alert("yc-colour", CapFixtures.Region("兴庆区", "640104"));
        alert.Info[0].Severity = colour;

        ChineseWarningLevels.Normalise(alert);

        alert.Info[0].Severity.ShouldBe(severity);
        CapValidator.Validate(alert).IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void Restriction_belongs_to_restricted_and_addresses_to_private()
    {
        var restricted = CapFixtures.Alert("yc-r", CapFixtures.Region("兴庆区", "640104"));
        restricted.Scope = "Restricted";
        var addressed = CapFixtures.Alert("yc-p", CapFixtures.Region("兴庆区", "640104"));
        addressed.Scope = "Private";
        addressed.Addresses = "u1 \"user two\"";

        CapValidator.Validate(restricted).ToDictionary().Keys.ShouldBe(["restriction"]);
        CapValidator.Validate(addressed).IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void Updates_and_cancels_need_references_and_an_alert_needs_somewhere_to_go()
    {
        var update = CapFixtures.Alert("yc-u", CapFixtures.Region("兴庆区", "640104"), msgType: "Update");
        var nowhere = CapFixtures.Alert("yc-n", new CapArea { AreaDesc = "无处" });

        CapValidator.Validate(update).ToDictionary().Keys.ShouldBe(["references"]);
        CapValidator.Validate(nowhere).ToDictionary().Keys.ShouldBe(["info"]);
    }

    [Fact]
    public void The_json_form_uses_the_cap_element_names_and_is_judged_the_same()
    {
        var json = """
            {"identifier":"yc-json-1","sender":"district-640104","sent":"2026-07-15T08:30:00Z","status":"Actual","msgType":"Alert","scope":"Public",
             "info":[{"category":["Met"],"event":"暴雨","urgency":"Expected","severity":"黄","certainty":"Likely",
                      "area":[{"areaDesc":"兴庆区","polygon":["38.40,106.25 38.40,106.35 38.50,106.35 38.40,106.25"],"circle":["38.47,106.27 x"]}]}]}
            """;
        var alert = JsonSerializer.Deserialize<CapAlert>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        ChineseWarningLevels.Normalise(alert);

        CapValidator.Validate(alert).ToDictionary().Keys.ShouldBe(["info[0].area[0].circle[0]", "sent"], ignoreOrder: true);
        alert.Info[0].Severity.ShouldBe("Moderate");
    }

    [Theory]
    [MemberData(nameof(CapFixtures.Valid), MemberType = typeof(CapFixtures))]
    public void Written_xml_reads_back_to_the_same_alert(string file)
    {
        var original = CapFixtures.Parse(CapFixtures.Read(file));

        var xml = CapXmlWriter.Write(original);
        var again = CapFixtures.Parse(xml);

        xml.ShouldContain("xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"");
        JsonSerializer.Serialize(again).ShouldBe(JsonSerializer.Serialize(original));
        CapValidator.Validate(again).IsEmpty.ShouldBeTrue();
    }
}
