using CityMatrix.Silo.Cases;
using Shouldly;

namespace CityMatrix.Silo.Tests.Cases;

public sealed class CaseIdsTests
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 22, 1, 30, 0, TimeSpan.Zero); // 09:30 in Yinchuan

    [Fact]
    public void A_post_received_at_one_time_always_gets_the_same_number() =>
        CaseIds.ForPost("weibo:1", Morning).ShouldBe(CaseIds.ForPost("weibo:1", Morning));

    [Fact]
    public void Two_posts_received_at_once_get_different_numbers() =>
        CaseIds.ForPost("weibo:1", Morning).ShouldNotBe(CaseIds.ForPost("weibo:2", Morning));

    [Fact]
    public void A_number_holds_the_yinchuan_date_then_twelve_crockford_digits()
    {
        var late = new DateTimeOffset(2026, 11, 22, 17, 0, 0, TimeSpan.Zero); // 01:00 on the 23rd in Yinchuan

        CaseIds.New(late).ShouldMatch("^YC20261123-[0-9ABCDEFGHJKMNPQRSTVWXYZ]{12}$");
        CaseIds.ForPost("weibo:1", Morning).ShouldMatch("^YC20261122-[0-9ABCDEFGHJKMNPQRSTVWXYZ]{12}$");
    }

    [Fact]
    public void Numbers_drawn_later_sort_after_earlier_ones_so_new_cases_are_appended_to_their_indexes()
    {
        // Every eighth of a second over a Yinchuan day, in ordinal (SQLite BINARY) order whatever the random part.
        var day = new DateTimeOffset(2026, 11, 21, 16, 0, 0, TimeSpan.Zero); // midnight in Yinchuan
        string? previous = null;
        for (var step = 0; step < 24 * 60 * 60 * 8; step += 37)
        {
            var id = CaseIds.ForPost($"weibo:{step}", day.AddTicks(step * TimeSpan.TicksPerSecond / 8));
            if (previous is not null) string.CompareOrdinal(previous, id).ShouldBeLessThan(0, $"{previous} before {id}");
            previous = id;
        }
        string.CompareOrdinal(CaseIds.New(day.AddMilliseconds(125)), CaseIds.New(day.AddMilliseconds(250))).ShouldBeLessThan(0);
    }
}
