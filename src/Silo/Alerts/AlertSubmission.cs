using System.Security.Claims;
using CityMatrix.Silo.Alerts.Cap;

namespace CityMatrix.Silo.Alerts;

/// <summary>An alert as received over HTTP: the CAP message, who sends it, for which account, from where, and any fault found while reading it.</summary>
public sealed record AlertSubmission(CapAlert Alert, ClaimsPrincipal User, string? AccountId, string? RemoteIp, CapFaults? ReadFaults = null);
