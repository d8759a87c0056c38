namespace CityMatrix.Silo.Sla;

/// <summary>The two clocks of a forwarded case (domain.md §2): respond (签收 or reply) in time, and close in time.</summary>
public enum SlaClock
{
    /// <summary>Runs from the forward until the holder signs for (签收) or answers the case.</summary>
    FirstResponse,

    /// <summary>Runs from the forward until the case is closed (办结); an approved extension moves its end.</summary>
    Resolution,
}
