using CityMatrix.Silo.Accounts;
using CityMatrix.Silo.Sla;

namespace CityMatrix.Silo.Cases;

/// <summary>
/// The case state machine. Every rule is checked before anything is changed, so a refused command
/// (a <see cref="CaseRuleException"/>) leaves the state exactly as it was; an accepted one changes the
/// state and appends exactly one timeline entry.
/// </summary>
public static class CaseLifecycle
{
    public const int MaxTextLength = 10_000;
    public const int MaxReplyLength = 4_000;
    public static readonly TimeSpan ReopenWindow = TimeSpan.FromDays(7);

    private static readonly CaseStatus[] Forwardable =
        [CaseStatus.Received, CaseStatus.Returned, CaseStatus.Reopened, CaseStatus.Forwarded, CaseStatus.Accepted, CaseStatus.InProgress];

    private static readonly CaseStatus[] Extendable = [CaseStatus.Forwarded, CaseStatus.Accepted, CaseStatus.InProgress];

    public static CaseEvent Apply(CaseState state, string caseId, CaseCommand command, DateTimeOffset now, AccountDirectory accounts)
    {
        if (command is not OpenCase && string.IsNullOrEmpty(state.Id))
            throw new CaseRuleException(DomainError.NotFound, "No such case.", "caseId");
        if (command is OpenCase && !string.IsNullOrEmpty(state.Id))
            throw new CaseRuleException(DomainError.Conflict, $"Case {state.Id} already exists.", "caseId");

        var from = state.Status;
        var entry = new CaseEvent
        {
            CaseId = state.Id,
            At = now,
            ActorAccountId = command.Actor.AccountId,
            ActorUserId = command.Actor.UserId,
            FromStatus = command is OpenCase ? null : from,
        };

        switch (command)
        {
            case OpenCase open: Open(state, caseId, open, now, accounts, entry); break;
            case ForwardCase forward: Forward(state, forward, now, accounts, entry); break;
            case AcceptCase accept: Accept(state, accept, now); break;
            case StartHandling start: Start(state, start); break;
            case ReplyCase reply: Reply(state, reply, now); break;
            case CloseCase close: Close(state, close, now, entry); break;
            case RateCase rate: Rate(state, rate, now, entry); break;
            case ReturnCase @return: Return(state, @return, entry); break;
            case RequestExtension request: AskExtension(state, request, now, entry); break;
            case DecideExtension decide: Decide(state, decide, accounts, entry); break;
            case ReopenCase reopen: Reopen(state, reopen, now, entry); break;
            case MergeCase merge: Merge(state, merge, accounts, entry); break;
            case AbsorbDuplicate absorb: Absorb(state, absorb, entry); break;
            case SuperviseCase supervise: Supervise(state, supervise, accounts, entry); break;
            case WarnSla warn: Warn(state, warn, entry); break;
            case ReassignCase reassign: Reassign(state, reassign, accounts, entry); break;
            case AttachPost attach: Attach(state, attach, entry); break;
            case RecategorizeCase recategorize: Recategorize(state, recategorize, accounts, entry); break;
            case LinkIncident link: Link(state, link, entry); break;
            default: throw new CaseRuleException(DomainError.Invalid, $"Unknown command {command.GetType().Name}.");
        }

        entry.CaseId = state.Id;
        entry.Action = ActionOf(command);
        entry.ToStatus = state.Status;
        entry.Seq = state.Timeline.Count + 1;
        state.Timeline.Add(entry);
        state.UpdatedAt = now;
        return entry;
    }

    private static CaseAction ActionOf(CaseCommand command) => command switch
    {
        OpenCase => CaseAction.Open,
        ForwardCase => CaseAction.Forward,
        AcceptCase => CaseAction.Accept,
        StartHandling => CaseAction.Start,
        ReplyCase => CaseAction.Reply,
        CloseCase => CaseAction.Close,
        RateCase => CaseAction.Rate,
        ReturnCase => CaseAction.Return,
        RequestExtension => CaseAction.RequestExtension,
        DecideExtension d => d.Approve ? CaseAction.ApproveExtension : CaseAction.RejectExtension,
        ReopenCase => CaseAction.Reopen,
        MergeCase => CaseAction.Merge,
        AbsorbDuplicate => CaseAction.AbsorbDuplicate,
        SuperviseCase => CaseAction.Supervise,
        ReassignCase => CaseAction.Reassign,
        AttachPost => CaseAction.AttachPost,
        RecategorizeCase => CaseAction.Recategorize,
        LinkIncident => CaseAction.LinkIncident,
        WarnSla => CaseAction.SlaWarning,
        _ => throw new System.Diagnostics.UnreachableException(),
    };

    private static void Open(CaseState state, string caseId, OpenCase c, DateTimeOffset now, AccountDirectory accounts, CaseEvent entry)
    {
        Require(!string.IsNullOrWhiteSpace(c.CitizenId), "citizenId", "A case needs the citizen who raised it.");
        Require(!string.IsNullOrWhiteSpace(c.Text), "text", "A case needs the complaint text.");
        Require(c.Text.Length <= MaxTextLength, "text", $"The text is longer than {MaxTextLength} characters.");
        Require(!string.IsNullOrWhiteSpace(c.Category), "category", "A case needs a category.");
        RequireActiveAccount(accounts, c.ReceivingAccountId, "receivingAccountId");
        state.Id = caseId;
        state.Status = CaseStatus.Received;
        state.CitizenId = c.CitizenId;
        state.Text = c.Text;
        state.Category = c.Category;
        state.Topic = c.Topic;
        state.RegionCode = c.RegionCode;
        state.Urgency = c.Urgency;
        state.ReceivedById = c.ReceivingAccountId;
        state.AccountId = c.ReceivingAccountId;
        state.ReceivedAt = now;
        state.SourcePostKey = c.SourcePostKey;
        state.IncidentId = c.IncidentId;
        entry.TargetAccountId = c.ReceivingAccountId;
        entry.PostKey = c.SourcePostKey;
        entry.RelatedCaseId = c.IncidentId;
    }

    private static void Forward(CaseState state, ForwardCase c, DateTimeOffset now, AccountDirectory accounts, CaseEvent entry)
    {
        RequireStatus(state, "forward", Forwardable);
        var byHolder = IsHolder(state, c.Actor);
        if (!byHolder && !IsSupervisor(accounts, c.Actor, state.AccountId))
            throw Forbidden("Only the unit holding the case or one supervising it may forward it.");
        RequireActiveAccount(accounts, c.ToAccountId, "toAccountId");
        Require(c.ToAccountId != state.AccountId, "toAccountId", "The case is already with that unit.");
        Require(c.Deadline > now, "deadline", "The deadline must be in the future.");
        var onward = state.Status is CaseStatus.Forwarded or CaseStatus.Accepted or CaseStatus.InProgress;
        if (onward) Require(!string.IsNullOrWhiteSpace(c.Reason), "reason", "Forwarding a case onward needs a reason.");

        state.ForwardedById = c.Actor.AccountId ?? state.AccountId;
        state.AccountId = c.ToAccountId;
        state.FirstReceiverId ??= c.ToAccountId;
        state.AnswerableAccountId ??= c.ToAccountId;
        state.Deadline = c.Deadline;
        state.FirstResponseDue = c.FirstResponseDue ?? state.FirstResponseDue;
        state.ForwardedAt = now;
        // New clocks for the new holder: their steps start over (the case's 督办 level does not).
        state.SlaWorkingTime = c.WorkingTime;
        state.FirstResponseSlaStage = SlaStage.None;
        state.ResolutionSlaStage = SlaStage.None;
        state.PendingExtensionUntil = null;
        state.PendingExtensionReason = null;
        state.Status = CaseStatus.Forwarded;
        entry.TargetAccountId = c.ToAccountId;
        entry.Deadline = c.Deadline;
        entry.Reason = c.Reason;
    }

    private static void Accept(CaseState state, AcceptCase c, DateTimeOffset now)
    {
        RequireStatus(state, "accept", CaseStatus.Forwarded, CaseStatus.Reopened);
        RequireHolder(state, c.Actor);
        state.AcceptedAt = now;
        // The formal hand-over: from now on the signing unit is the answerable one (首接负责制).
        state.AnswerableAccountId = state.AccountId;
        state.Status = CaseStatus.Accepted;
    }

    private static void Start(CaseState state, StartHandling c)
    {
        RequireStatus(state, "start handling", CaseStatus.Accepted);
        RequireHolder(state, c.Actor);
        state.Status = CaseStatus.InProgress;
    }

    private static void Reply(CaseState state, ReplyCase c, DateTimeOffset now)
    {
        RequireStatus(state, "reply to", CaseStatus.Accepted, CaseStatus.InProgress);
        RequireHolder(state, c.Actor);
        Require(!string.IsNullOrWhiteSpace(c.Text), "text", "A public reply needs text.");
        Require(c.Text.Length <= MaxReplyLength, "text", $"The reply is longer than {MaxReplyLength} characters.");
        state.PublicReply = c.Text;
        state.RepliedAt ??= now;
        state.Status = CaseStatus.Replied;
    }

    private static void Close(CaseState state, CloseCase c, DateTimeOffset now, CaseEvent entry)
    {
        RequireStatus(state, "close", CaseStatus.Replied);
        RequireHolder(state, c.Actor);
        state.ClosedAt = now;
        state.PendingExtensionUntil = null;
        state.PendingExtensionReason = null;
        state.Status = CaseStatus.Closed;
        entry.Reason = c.Note;
    }

    private static void Rate(CaseState state, RateCase c, DateTimeOffset now, CaseEvent entry)
    {
        RequireStatus(state, "rate", CaseStatus.Closed);
        RequireCitizen(state, c.Actor);
        state.Solved = c.Solved;
        state.Satisfied = c.Satisfied;
        state.RatedAt = now;
        state.Status = CaseStatus.Rated;
        entry.Reason = c.Comment;
    }

    private static void Return(CaseState state, ReturnCase c, CaseEvent entry)
    {
        RequireStatus(state, "return", CaseStatus.Forwarded, CaseStatus.Accepted);
        RequireHolder(state, c.Actor);
        Require(!string.IsNullOrWhiteSpace(c.Reason), "reason", "A return needs the reason (why this is the wrong unit).");
        Require(state.ForwardedById is not null, "caseId", "The case was never forwarded, so it cannot be returned.");
        // Routing restarts at the forwarder; the first receiver's answerability is untouched.
        state.AccountId = state.ForwardedById!;
        state.Deadline = null;
        state.PendingExtensionUntil = null;
        state.PendingExtensionReason = null;
        state.Status = CaseStatus.Returned;
        entry.TargetAccountId = state.AccountId;
        entry.Reason = c.Reason;
    }

    private static void AskExtension(CaseState state, RequestExtension c, DateTimeOffset now, CaseEvent entry)
    {
        RequireStatus(state, "extend", Extendable);
        RequireHolder(state, c.Actor);
        Require(!string.IsNullOrWhiteSpace(c.Reason), "reason", "An extension request needs a reason.");
        if (state.Deadline is not { } deadline || now >= deadline)
            throw new CaseRuleException(DomainError.Conflict, "An extension must be requested before the deadline.", "until");
        Require(c.Until > deadline, "until", "The new deadline must be later than the current one.");
        if (state.PendingExtensionUntil is not null)
            throw new CaseRuleException(DomainError.Conflict, "An extension request is already waiting for a decision.", "until");
        state.PendingExtensionUntil = c.Until;
        state.PendingExtensionReason = c.Reason;
        entry.Deadline = c.Until;
        entry.Reason = c.Reason;
    }

    private static void Decide(CaseState state, DecideExtension c, AccountDirectory accounts, CaseEvent entry)
    {
        if (state.PendingExtensionUntil is not { } until)
            throw new CaseRuleException(DomainError.Conflict, "No extension request is waiting for a decision.", "approve");
        if (!IsSupervisor(accounts, c.Actor, state.AccountId))
            throw Forbidden("Only a unit supervising the case holder may decide an extension.");
        if (c.Approve)
        {
            // The resolution clock now ends later: its warning and breach are judged against the new deadline.
            state.Deadline = until;
            state.ResolutionSlaStage = SlaStage.None;
        }
        state.PendingExtensionUntil = null;
        state.PendingExtensionReason = null;
        entry.Deadline = c.Approve ? until : null;
        entry.Reason = c.Reason;
    }

    private static void Reopen(CaseState state, ReopenCase c, DateTimeOffset now, CaseEvent entry)
    {
        RequireStatus(state, "reopen", CaseStatus.Closed, CaseStatus.Rated);
        RequireCitizen(state, c.Actor);
        Require(!string.IsNullOrWhiteSpace(c.Reason), "reason", "Reopening needs the reason.");
        if (now - state.ClosedAt!.Value > ReopenWindow)
            throw new CaseRuleException(DomainError.Conflict, "A case can be reopened only within 7 days of its closure.", "caseId");
        state.ReopenCount++;
        state.ClosedAt = null;
        state.Solved = null;
        state.Satisfied = null;
        state.RatedAt = null;
        state.Deadline = null;
        state.Status = CaseStatus.Reopened;
        entry.TargetAccountId = state.AccountId;
        entry.Reason = c.Reason;
    }

    private static void Merge(CaseState state, MergeCase c, AccountDirectory accounts, CaseEvent entry)
    {
        RequireOpen(state, "merge");
        if (!IsHolder(state, c.Actor) && !IsSupervisor(accounts, c.Actor, state.AccountId))
            throw Forbidden("Only the unit holding the case or one supervising it may merge it.");
        Require(!string.IsNullOrWhiteSpace(c.IntoCaseId), "intoCaseId", "Name the case to merge into.");
        Require(c.IntoCaseId != state.Id, "intoCaseId", "A case cannot be merged into itself.");
        state.MergedIntoId = c.IntoCaseId;
        state.Deadline = null;
        state.PendingExtensionUntil = null;
        state.PendingExtensionReason = null;
        state.Status = CaseStatus.Merged;
        entry.RelatedCaseId = c.IntoCaseId;
        entry.Reason = c.Reason;
    }

    private static void Absorb(CaseState state, AbsorbDuplicate c, CaseEvent entry)
    {
        RequireOpen(state, "merge into");
        Require(c.DuplicateCaseId != state.Id, "duplicateCaseId", "A case cannot absorb itself.");
        entry.RelatedCaseId = c.DuplicateCaseId;
    }

    private static void Supervise(CaseState state, SuperviseCase c, AccountDirectory accounts, CaseEvent entry)
    {
        RequireOpen(state, "supervise");
        if (!c.Actor.IsSystem && !IsSupervisor(accounts, c.Actor, state.AccountId))
            throw Forbidden("Only a unit above the case holder, the manager or a super-supervisor may supervise (督办).");
        Require(c.Level is >= 1 and <= 3, "level", "The supervision level is 1, 2 or 3.");
        Require(!string.IsNullOrWhiteSpace(c.Note), "note", "督办 needs a note saying what is expected.");
        if (c.Breach is { } breach)
        {
            if (!c.Actor.IsSystem) throw Forbidden("Only the system supervises an overdue clock.");
            Require(breach.Stage is >= SlaStage.Breached and <= SlaStage.Last, "stage", "A breach step is stage 2 to 4.");
            RequireClock(state, breach.Clock, breach.Due);
            // The idempotency guard: a second wake-up (another process, a retry) finds the step applied.
            if (CaseClocks.StageOf(state, breach.Clock) >= breach.Stage)
                throw new CaseRuleException(DomainError.Conflict, "That overdue step is already applied.", "stage");
            CaseClocks.SetStage(state, breach.Clock, breach.Stage);
            entry.Deadline = breach.Due;
        }
        state.SupervisionLevel = Math.Max(state.SupervisionLevel, c.Level);
        entry.SupervisionLevel = c.Level;
        entry.TargetAccountId = state.AccountId;
        entry.Reason = c.Note;
    }

    private static void Warn(CaseState state, WarnSla c, CaseEvent entry)
    {
        if (!c.Actor.IsSystem) throw Forbidden("Only the system records SLA warnings.");
        Require(!string.IsNullOrWhiteSpace(c.Note), "note", "A warning needs a note.");
        RequireClock(state, c.Clock, c.Due);
        if (CaseClocks.StageOf(state, c.Clock) >= SlaStage.Warned)
            throw new CaseRuleException(DomainError.Conflict, "That clock has already warned.", "clock");
        CaseClocks.SetStage(state, c.Clock, SlaStage.Warned);
        entry.TargetAccountId = state.AccountId;
        entry.Deadline = c.Due;
        entry.Reason = c.Note;
    }

    /// <summary>
    /// An SLA step is judged against the clock it was computed for; a clock that stopped or moved since refuses
    /// it. Within a millisecond is the same due time (PostgreSQL keeps microseconds, .NET ticks are finer).
    /// </summary>
    private static void RequireClock(CaseState state, SlaClock clock, DateTimeOffset due)
    {
        if (CaseClocks.RunningDue(state, clock) is not { } running || (running - due).Duration() >= TimeSpan.FromMilliseconds(1))
            throw new CaseRuleException(DomainError.Conflict, $"The {clock} clock has stopped or moved.", "clock");
    }

    private static void Reassign(CaseState state, ReassignCase c, AccountDirectory accounts, CaseEvent entry)
    {
        RequireOpen(state, "reassign");
        if (!c.Actor.IsSystem) throw Forbidden("Only the system reassigns cases of a deactivated unit.");
        RequireActiveAccount(accounts, c.ToAccountId, "toAccountId");
        state.AccountId = c.ToAccountId;
        state.Deadline = null;
        state.PendingExtensionUntil = null;
        state.PendingExtensionReason = null;
        state.Status = CaseStatus.Returned;
        entry.TargetAccountId = c.ToAccountId;
        entry.Reason = c.Reason;
    }

    private static void Attach(CaseState state, AttachPost c, CaseEvent entry)
    {
        RequireOpen(state, "add a post to");
        Require(!string.IsNullOrWhiteSpace(c.PostKey), "postKey", "Name the post.");
        entry.PostKey = c.PostKey;
    }

    private static void Recategorize(CaseState state, RecategorizeCase c, AccountDirectory accounts, CaseEvent entry)
    {
        RequireOpen(state, "recategorize");
        if (!c.Actor.IsSystem && !IsHolder(state, c.Actor) && !IsSupervisor(accounts, c.Actor, state.AccountId))
            throw Forbidden("Only the unit holding the case or one supervising it may change its category.");
        Require(!string.IsNullOrWhiteSpace(c.Category), "category", "A category is required.");
        Require(c.Category != state.Category || c.Topic != state.Topic, "category", "The case already has that category and topic.");
        entry.Reason = $"{state.Category}/{state.Topic ?? "-"} → {c.Category}/{c.Topic ?? "-"}" + (c.Reason is null ? "" : $"：{c.Reason}");
        state.Category = c.Category;
        state.Topic = c.Topic;
    }

    private static void Link(CaseState state, LinkIncident c, CaseEvent entry)
    {
        Require(!string.IsNullOrWhiteSpace(c.IncidentId), "incidentId", "Name the incident.");
        if (state.IncidentId == c.IncidentId)
            throw new CaseRuleException(DomainError.Conflict, "The case is already part of that incident.", "incidentId");
        state.IncidentId = c.IncidentId;
        entry.RelatedCaseId = c.IncidentId;
    }

    private static bool IsHolder(CaseState state, CaseActor actor) => actor.AccountId is not null && actor.AccountId == state.AccountId;

    private static bool IsSupervisor(AccountDirectory accounts, CaseActor actor, string holderId) =>
        actor.AccountId is not null && accounts.IsSupervisorOf(actor.AccountId, holderId);

    private static void RequireHolder(CaseState state, CaseActor actor)
    {
        if (!IsHolder(state, actor)) throw Forbidden($"Only the unit holding the case ({state.AccountId}) may do this.");
    }

    private static void RequireCitizen(CaseState state, CaseActor actor)
    {
        if (actor.AccountId is not null || actor.UserId != state.CitizenId)
            throw Forbidden("Only the citizen who raised the case may do this.");
    }

    private static void RequireOpen(CaseState state, string verb)
    {
        if (!state.IsOpen)
            throw new CaseRuleException(DomainError.Conflict, $"Cannot {verb} a case that is {state.Status}.", "state");
    }

    private static void RequireStatus(CaseState state, string verb, params CaseStatus[] allowed)
    {
        if (!allowed.Contains(state.Status))
            throw new CaseRuleException(DomainError.Conflict,
                $"Cannot {verb} a case that is {state.Status} (allowed from: {string.Join(", ", allowed)}).", "state");
    }

    private static void RequireActiveAccount(AccountDirectory accounts, string? id, string field)
    {
        if (string.IsNullOrWhiteSpace(id) || accounts.Find(id) is null)
            throw new CaseRuleException(DomainError.Invalid, $"No account '{id}'.", field);
        if (!accounts.IsActive(id))
            throw new CaseRuleException(DomainError.Invalid, $"Account '{id}' is deactivated.", field);
    }

    private static void Require(bool condition, string field, string message)
    {
        if (!condition) throw new CaseRuleException(DomainError.Invalid, message, field);
    }

    private static CaseRuleException Forbidden(string message) => new(DomainError.Forbidden, message, "actingAccountId");
}
