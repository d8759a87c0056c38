using CityMatrix.Silo.Alerts.Cap;

namespace CityMatrix.Silo.Alerts;

/// <summary>An alert is not valid CAP 1.2 (or cannot be targeted); every fault is named. Nothing was stored or sent.</summary>
public sealed class AlertFaultsException(CapFaults faults)
    : Exception($"The alert has {faults.Count} fault(s): {faults}")
{
    public CapFaults Faults { get; } = faults;
}
