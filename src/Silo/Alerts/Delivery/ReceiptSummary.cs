namespace CityMatrix.Silo.Alerts.Delivery;

/// <summary>How far an alert has got: counts and latencies (ms from acceptance) over all servers.</summary>
public sealed record ReceiptSummary(
    string Identifier,
    int Targeted,
    int Delivered,
    int Acknowledged,
    double? DeliveredP50Ms,
    double? DeliveredP99Ms,
    double? AcknowledgedP50Ms,
    double? AcknowledgedP99Ms);
