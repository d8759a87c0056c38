namespace CityMatrix.Silo.Sla;

/// <summary>
/// Which days count for SLA templates that count working time: every day but <see cref="RestDays"/> and
/// <see cref="Holidays"/>, plus the make-up working days (调休上班) in <see cref="Workdays"/>. Days are
/// Yinchuan days (UTC+8); a working day counts all of its 24 hours, so "7 working days" is 7 × 24 working hours.
/// </summary>
public sealed class WorkingCalendarOptions
{
    /// <summary>The weekly rest days; unset means Saturday and Sunday.</summary>
    public List<DayOfWeek>? RestDays { get; set; }

    /// <summary>Public holidays (放假), e.g. the State Council's yearly notice.</summary>
    public List<DateOnly> Holidays { get; set; } = [];

    /// <summary>Make-up working days falling on a rest day (调休上班).</summary>
    public List<DateOnly> Workdays { get; set; } = [];
}
