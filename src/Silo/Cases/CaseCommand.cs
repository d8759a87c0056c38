namespace CityMatrix.Silo.Cases;

/// <summary>A request to change a case; applied by <see cref="CaseLifecycle"/> inside the case grain.</summary>
public abstract record CaseCommand(CaseActor Actor);

/// <summary>受理: register a complaint as a case held by <see cref="ReceivingAccountId"/> (usually the manager's triage).</summary>
public sealed record OpenCase(
    CaseActor Actor,
    string ReceivingAccountId,
    string CitizenId,
    string Text,
    string Category,
    string? Topic,
    string? RegionCode,
    CaseUrgency Urgency,
    string? SourcePostKey = null,
    string? IncidentId = null) : CaseCommand(Actor);

/// <summary>
/// 转办: send to the responsible unit with a deadline (also re-forward and forward onward). Starts the SLA
/// clocks afresh; <see cref="WorkingTime"/> says they count working time (the template's working calendar).
/// </summary>
public sealed record ForwardCase(
    CaseActor Actor, string ToAccountId, DateTimeOffset Deadline, string? Reason, DateTimeOffset? FirstResponseDue = null, bool WorkingTime = false)
    : CaseCommand(Actor);

public sealed record AcceptCase(CaseActor Actor) : CaseCommand(Actor);

public sealed record StartHandling(CaseActor Actor) : CaseCommand(Actor);

public sealed record ReplyCase(CaseActor Actor, string Text) : CaseCommand(Actor);

public sealed record CloseCase(CaseActor Actor, string? Note) : CaseCommand(Actor);

public sealed record RateCase(CaseActor Actor, bool Solved, bool Satisfied, string? Comment) : CaseCommand(Actor);

/// <summary>退回: wrong unit; goes back to whoever forwarded it.</summary>
public sealed record ReturnCase(CaseActor Actor, string Reason) : CaseCommand(Actor);

public sealed record RequestExtension(CaseActor Actor, DateTimeOffset Until, string Reason) : CaseCommand(Actor);

public sealed record DecideExtension(CaseActor Actor, bool Approve, string? Reason) : CaseCommand(Actor);

public sealed record ReopenCase(CaseActor Actor, string Reason) : CaseCommand(Actor);

/// <summary>合并: this case is a duplicate of <see cref="IntoCaseId"/>.</summary>
public sealed record MergeCase(CaseActor Actor, string IntoCaseId, string? Reason) : CaseCommand(Actor);

/// <summary>Recorded on the surviving case when a duplicate is merged into it.</summary>
public sealed record AbsorbDuplicate(CaseActor Actor, string DuplicateCaseId) : CaseCommand(Actor);

/// <summary>督办 at level 1–3. <see cref="Breach"/> marks the system's 督办 for an overdue SLA clock (applied once per step).</summary>
public sealed record SuperviseCase(CaseActor Actor, int Level, string Note, Sla.SlaBreach? Breach = null) : CaseCommand(Actor);

/// <summary>The system's warning that 80% of an SLA clock's time is used (once per clock and due time).</summary>
public sealed record WarnSla(CaseActor Actor, Sla.SlaClock Clock, DateTimeOffset Due, string Note) : CaseCommand(Actor);

/// <summary>The holder was deactivated: the case goes to <see cref="ToAccountId"/> (its parent) for re-forwarding.</summary>
public sealed record ReassignCase(CaseActor Actor, string ToAccountId, string Reason) : CaseCommand(Actor);

/// <summary>A citizen's follow-up post (a reply, or the same complaint again) joins this case.</summary>
public sealed record AttachPost(CaseActor Actor, string PostKey) : CaseCommand(Actor);

/// <summary>The category or topic was wrong; the case service re-routes after it.</summary>
public sealed record RecategorizeCase(CaseActor Actor, string Category, string? Topic, string? Reason) : CaseCommand(Actor);

/// <summary>This case is one of several citizens' cases about the same problem in the same place.</summary>
public sealed record LinkIncident(CaseActor Actor, string IncidentId) : CaseCommand(Actor);
