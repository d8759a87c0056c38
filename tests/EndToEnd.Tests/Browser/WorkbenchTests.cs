using Microsoft.Playwright;

namespace CityMatrix.EndToEnd.Tests.Browser;

/// <summary>The officers' workbench and the citizen page together, against the real server and database.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WorkbenchTests(BrowserServer browser)
{
    // Heating complaints in 凤凰北街 go to the heating company serving it (ent-heating-1, demo user heating1).
    private static string HeatingComplaint() => $"兴庆区凤凰北街崇安社区暖气不热，家里只有十五度，老人孩子都冻感冒了（{Guid.NewGuid():N}）";

    [Fact]
    public async Task A_complaint_posted_on_the_citizen_page_appears_in_the_officers_workbench()
    {
        var citizen = await browser.SignedInPageAsync("citizen1", "/citizen");
        var text = HeatingComplaint();
        await citizen.GetByTestId("post-text").FillAsync(text);
        await citizen.GetByTestId("post-submit").ClickAsync();
        var receipt = citizen.GetByTestId("post-case");
        await Assertions.Expect(receipt).ToContainTextAsync("已受理");
        var caseId = await receipt.GetAttributeAsync("data-case");
        caseId.ShouldNotBeNullOrEmpty();
        await Assertions.Expect(citizen.Locator($"[data-testid=my-case][data-case='{caseId}']")).ToContainTextAsync("已转办");
        await browser.ScreenshotAsync(citizen, "citizen-posted");

        var officer = await browser.SignedInPageAsync("heating1", "/workbench");
        var row = officer.Locator($"[data-testid=inbox-row][data-case='{caseId}']");
        await Assertions.Expect(row).ToContainTextAsync("暖气不热");
        await Assertions.Expect(row.GetByTestId("countdown")).ToHaveAttributeAsync("data-sla", "Ok");
        await Assertions.Expect(row.GetByTestId("countdown")).ToContainTextAsync("剩余");
        await row.ClickAsync();
        await Assertions.Expect(officer.GetByTestId("case-text")).ToHaveTextAsync(text);
        await Assertions.Expect(officer.GetByTestId("nlp").First).ToContainTextAsync("供暖");
        await Assertions.Expect(officer.GetByTestId("nlp").First).ToContainTextAsync("凤凰北街街道");
        await browser.ScreenshotAsync(officer, "workbench-new-case");
        await citizen.Context.CloseAsync();
        await officer.Context.CloseAsync();
    }

    [Fact]
    public async Task An_officer_accepts_replies_and_closes_and_the_citizen_page_shows_the_reply_and_takes_the_rating()
    {
        var (caseId, account) = await browser.ComplainAsync("citizen2", HeatingComplaint());
        account.ShouldBe("ent-heating-1");
        var officer = await browser.SignedInPageAsync("heating1", $"/workbench/{caseId}");
        await Assertions.Expect(officer.GetByTestId("case-state")).ToHaveTextAsync("已转办");

        await officer.GetByTestId("action-accept").ClickAsync();
        await officer.GetByTestId("action-submit").ClickAsync();
        await Assertions.Expect(officer.GetByTestId("case-state")).ToHaveTextAsync("已签收");

        await officer.GetByTestId("action-reply").ClickAsync();
        await officer.GetByTestId("action-submit").ClickAsync();
        await Assertions.Expect(officer.GetByTestId("action-error")).ToContainTextAsync("输入有误：请填写内容");
        var reply = $"已派维修人员上门排查，换热站已调高供水温度，今日室温恢复到20度。（{caseId}）";
        await officer.GetByTestId("field-text").FillAsync(reply);
        await officer.GetByTestId("action-submit").ClickAsync();
        await Assertions.Expect(officer.GetByTestId("case-state")).ToHaveTextAsync("已回复");

        await officer.GetByTestId("action-close").ClickAsync();
        await officer.GetByTestId("field-note").FillAsync("回访确认室温达标");
        await officer.GetByTestId("action-submit").ClickAsync();
        await Assertions.Expect(officer.GetByTestId("case-state")).ToHaveTextAsync("已办结");
        await Assertions.Expect(officer.GetByTestId("timeline-entry")).ToHaveCountAsync(5); // open, forward, accept, reply, close
        await browser.ScreenshotAsync(officer, "workbench-closed");

        var citizen = await browser.SignedInPageAsync("citizen2", "/citizen");
        await Assertions.Expect(citizen.Locator($"[data-testid=feed-item][data-case='{caseId}']").GetByTestId("feed-reply")).ToHaveTextAsync(reply);
        var mine = citizen.Locator($"[data-testid=my-case][data-case='{caseId}']");
        await Assertions.Expect(mine.GetByTestId("my-case-reply")).ToContainTextAsync(reply);
        await mine.GetByTestId("rate-submit").ClickAsync();
        await Assertions.Expect(citizen.Locator($"[data-testid=my-case][data-case='{caseId}']").GetByTestId("my-case-rating")).ToContainTextAsync("已解决，满意");
        await browser.ScreenshotAsync(citizen, "citizen-reply-rated");
        await officer.Context.CloseAsync();
        await citizen.Context.CloseAsync();
    }

    [Fact]
    public async Task An_officer_is_told_when_someone_else_opens_or_acts_on_the_same_case()
    {
        var (caseId, _) = await browser.ComplainAsync("citizen1", HeatingComplaint());
        var officer = await browser.SignedInPageAsync("heating1", $"/workbench/{caseId}");
        await Assertions.Expect(officer.GetByTestId("case-state")).ToHaveTextAsync("已转办");
        await Assertions.Expect(officer.GetByTestId("presence")).ToBeHiddenAsync();

        // The manager's duty officer (who forwarded it) opens the same case and starts forwarding it elsewhere.
        var manager = await browser.SignedInPageAsync("wzyc", $"/workbench/{caseId}");
        await Assertions.Expect(officer.GetByTestId("presence")).ToContainTextAsync("问政银川值班员（正在查看）");
        await Assertions.Expect(manager.GetByTestId("presence")).ToContainTextAsync("热力公司客服（正在查看）");
        await manager.GetByTestId("action-forward").ClickAsync();
        await Assertions.Expect(officer.GetByTestId("presence")).ToContainTextAsync("问政银川值班员（正在转办）");

        // The officer signs for it: the manager's page says so and shows the new state.
        await officer.GetByTestId("action-accept").ClickAsync();
        await officer.GetByTestId("action-submit").ClickAsync();
        await Assertions.Expect(manager.GetByTestId("case-changed")).ToContainTextAsync("热力公司客服");
        await Assertions.Expect(manager.GetByTestId("case-changed")).ToContainTextAsync("签收");
        await Assertions.Expect(manager.GetByTestId("case-state")).ToHaveTextAsync("已签收");
        await browser.ScreenshotAsync(manager, "workbench-presence");

        await manager.Context.CloseAsync();
        await Assertions.Expect(officer.GetByTestId("presence")).ToBeHiddenAsync();
        await officer.Context.CloseAsync();
    }
}
