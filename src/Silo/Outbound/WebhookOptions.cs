namespace CityMatrix.Silo.Outbound;

/// <summary>The "Webhooks" configuration section.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>Run the delivery worker in this process (every server may; deliveries are claimed one at a time).</summary>
    public bool Worker { get; set; } = true;

    /// <summary>How often the worker looks for due deliveries when nothing wakes it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Back-off after the first failure; doubles per failure up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Failures in a round before a delivery is dead (16 ≈ 12 hours of trying).</summary>
    public int MaxAttempts { get; set; } = 16;

    /// <summary>One attempt's time limit.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a claimed delivery is hidden from other workers (longer than <see cref="Timeout"/>).</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);
}
