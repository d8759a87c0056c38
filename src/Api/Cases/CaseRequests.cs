using CityMatrix.Silo.Cases;

namespace CityMatrix.Api.Cases;

/// <summary>Who acts for which account. (Sign-in will supply the user; the account stays explicit,
/// because an officer may work for several accounts.)</summary>
public interface IActingRequest
{
    string? ActingAccountId { get; }
    string? UserId { get; }
}

public sealed record OpenCaseRequest(
    string? ActingAccountId, string? UserId, string? ReceivingAccountId, string? CitizenId,
    string? Text, string? Category, string? Topic, string? RegionCode, CaseUrgency? Urgency) : IActingRequest;

public sealed record ForwardRequest(string? ActingAccountId, string? UserId, string? ToAccountId, DateTimeOffset? Deadline, string? Reason) : IActingRequest;

public sealed record NoteRequest(string? ActingAccountId, string? UserId, string? Note) : IActingRequest;

public sealed record ReplyRequest(string? ActingAccountId, string? UserId, string? Text) : IActingRequest;

public sealed record ReturnRequest(string? ActingAccountId, string? UserId, string? Reason) : IActingRequest;

public sealed record ExtensionRequest(string? ActingAccountId, string? UserId, DateTimeOffset? Until, string? Reason) : IActingRequest;

public sealed record ExtensionDecisionRequest(string? ActingAccountId, string? UserId, bool? Approve, string? Reason) : IActingRequest;

public sealed record MergeRequest(string? ActingAccountId, string? UserId, string? IntoCaseId, string? Reason) : IActingRequest;

public sealed record SuperviseRequest(string? ActingAccountId, string? UserId, int? Level, string? Note) : IActingRequest;

public sealed record RatingRequest(string? CitizenId, bool? Solved, bool? Satisfied, string? Comment);

public sealed record ReopenRequest(string? CitizenId, string? Reason);
