using CityMatrix.Silo.Cases;

namespace CityMatrix.Silo.Sla;

/// <summary>
/// A time limit (办理时限) for cases of a topic and/or urgency. Empty fields match anything; the most
/// specific template wins, urgency before topic (a life-threatening heating case gets the 2-hour limit).
/// </summary>
public sealed class SlaTemplate
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Topic { get; set; }
    public CaseUrgency? Urgency { get; set; }
    public double ResolutionHours { get; set; }
    public double FirstResponseHours { get; set; }

    /// <summary>Count the hours in working time: weekends and public holidays (the "Sla:Calendar" section) do not count.</summary>
    public bool WorkingDays { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
