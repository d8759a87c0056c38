namespace CityMatrix.Silo.Tests.Infrastructure;

/// <summary>
/// Polls for work another thread or process does (a Quartz trigger firing on the wall clock, a background
/// scheduler) until it is seen or the bound runs out. Never a way to let time pass: clocks are moved by hand.
/// </summary>
public static class BoundedWait
{
    /// <param name="describe">What was seen instead, for the timeout's message.</param>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan bound, string what, Func<Task<string>>? describe = null)
    {
        var deadline = DateTime.UtcNow + bound;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Not seen within {bound}: {what}." + (describe is null ? "" : $" Seen: {await describe()}"));
            await Task.Delay(50);
        }
    }
}
