using CityMatrix.Silo.Cases;

namespace CityMatrix.Api.Cases;

/// <summary>The account the signed-in officer acts for (optional when he works for only one).</summary>
public interface IActingRequest
{
    string? ActingAccountId { get; }
}

public sealed record OpenCaseRequest(
    string? ActingAccountId, string? CitizenId,
    string? Text, string? Category, string? Topic, string? RegionCode, CaseUrgency? Urgency) : IActingRequest;

public sealed record ForwardRequest(string? ActingAccountId, string? ToAccountId, DateTimeOffset? Deadline, string? Reason) : IActingRequest;

public sealed record NoteRequest(string? ActingAccountId, string? Note) : IActingRequest;

public sealed record ReplyRequest(string? ActingAccountId, string? Text) : IActingRequest;

public sealed record ReturnRequest(string? ActingAccountId, string? Reason) : IActingRequest;

public sealed record ExtensionRequest(string? ActingAccountId, DateTimeOffset? Until, string? Reason) : IActingRequest;

public sealed record ExtensionDecisionRequest(string? ActingAccountId, bool? Approve, string? Reason) : IActingRequest;

public sealed record MergeRequest(string? ActingAccountId, string? IntoCaseId, string? Reason) : IActingRequest;

public sealed record SuperviseRequest(string? ActingAccountId, int? Level, string? Note) : IActingRequest;

public sealed record RatingRequest(bool? Solved, bool? Satisfied, string? Comment);

public sealed record ReopenRequest(string? Reason);

public sealed record RecategorizeRequest(string? ActingAccountId, string? Category, string? Topic, string? Reason) : IActingRequest;
